/**
 * Disclosure control for aggregates (domain.md §8): no published count, and no difference between
 * published counts, lets a reader single out a child. One mechanism, in this one file, with a small
 * API (`protectCounts` for any system of counts linked by sums; `suppressTable` and
 * `suppressLinkedTables` for tables), used by every aggregate: the thuiszitter counts and the monitor (modules/monitor).
 *
 * The rules, for every reader alike:
 *
 * 1. **Small and zero alike.** A count from 0 to threshold − 1 is shown as "<5" (the region's
 *    threshold, setting `suppressionThreshold`), without the number. A "0" would tell which
 *    neighbour of a hidden cell holds the missing children.
 * 2. **Rounded to the threshold.** Every other count is shown rounded to a multiple of the threshold
 *    (5: 5–7 → 5, 8–12 → 10, 13–17 → 15). So ANY difference a reader takes between two shown
 *    counts — two months of a trend, a total and a filtered count, one table and another — is a
 *    multiple of the threshold: never 1 to 4, never one child's event. This is how the publication
 *    stays safe across periods and filters without a second mechanism: every shown count is an
 *    interval to the reader, and the check below works on those intervals.
 * 3. **Checked as a reader would (secondary suppression).** Each total is the sum of its parts
 *    (`equations`). A reader knows of each cell an interval: a shown count its rounding interval, a
 *    small one 0 … threshold − 1, a cell hidden as "≥5" threshold … ∞. These bounds are narrowed
 *    along every sum until they no longer change. If any cell's bounds close on one value — a small
 *    count worked out, or an exact count that could be subtracted from the same cell in another
 *    period — one more shown cell is hidden as "≥5" (secondary): from the smallest sums the worked-out
 *    cell is in, a part before a total, the smallest first, the first that leaves fewer cells worked
 *    out; and the check runs again.
 *
 * Because after the check no cell of a publication is known to one value, no difference between
 * two publications (two months, a month and a school year) is known to one value either: the
 * publications of different periods share no sum, so a reader's bounds on a difference are the
 * difference of two intervals that are each wider than one value.
 */

/**
 * The default threshold (domain.md §8). A region may set a higher one (setting
 * `suppressionThreshold`, kernel/settings); the counts pass the region's value here.
 */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell {
  /** The number as shown — rounded to a multiple of the threshold — or null when it is hidden. */
  count: number | null;
  /** What to show: the rounded number, "<5" (0 to 4) or "≥5" (hidden so that nothing can be worked out). */
  display: string;
  suppressed: 'small' | 'secondary' | null;
}

export interface SumRule<K extends string> {
  total: K;
  parts: readonly K[];
}

export interface CountTable<K extends string> {
  rows: { key: string; values: Record<K, number> }[];
  /** Sums over the rows, per column. */
  total: Record<K, number>;
}

/** One sum a reader can use: the total cell equals the sum of the part cells. */
export interface Equation {
  total: number;
  parts: readonly number[];
}

/** What a reader is told of a cell: the rounded number, "<5", or hidden "≥5". */
export type CellState = 'shown' | 'small' | 'secondary';

/** A count rounded to a multiple of `base` (halves up): 7 → 5, 8 → 10 for base 5. */
export const roundCount = (value: number, base: number) => base * Math.floor((value + Math.floor(base / 2)) / base);

/** The interval a reader knows a cell to lie in, from what is shown of it alone. */
export function publishedBounds(value: number, state: CellState, threshold: number): [number, number] {
  if (state === 'small') return [0, threshold - 1];
  if (state === 'secondary') return [threshold, Infinity];
  const r = roundCount(value, threshold);
  return [Math.max(threshold, r - Math.floor(threshold / 2)), r + Math.ceil(threshold / 2) - 1];
}

/**
 * The protection of one publication: a state per cell so that no cell can be worked out to one
 * value from what is shown and the sums between the cells.
 */
export function protectCounts(values: readonly number[], allEquations: readonly Equation[], threshold = SUPPRESSION_THRESHOLD): CellState[] {
  const state: CellState[] = values.map((v) => (v < threshold ? 'small' : 'shown'));
  // Only the sums that hold in the data. They always should (each fact source counts every child once
  // in each split); one that did not would tell a reader nothing true, and would send the bounds
  // below chasing each other until the step limit instead of settling.
  const equations = allEquations.filter((eq) => eq.parts.reduce((sum, p) => sum + values[p], 0) === values[eq.total]);
  const isTotal = new Set(equations.map((eq) => eq.total));
  const byCell = equationsByCell(equations);
  const order = (cells: number[]) => cells.sort((a, b) => Number(isTotal.has(a)) - Number(isTotal.has(b)) || values[a] - values[b] || a - b);

  for (let guard = 0; guard < values.length; guard++) {
    const pinned = pinnedCells(values, state, equations, threshold);
    if (pinned.length === 0) break;
    // Candidates: the shown cells of the smallest sums a worked-out cell is in first (a row's own
    // columns before a column of many rows), then those of larger sums, then any shown cell; within
    // a group a part before a total, the smallest first. The FIRST candidate in this order that
    // leaves fewer cells worked out is hidden — not the one that would hide least overall (that
    // search costs a propagation per cell and pair); if none does, the first of the nearest group,
    // and the check runs again. Safe either way: the loop ends only when no cell is worked out.
    const groups: number[][] = [];
    const sizes = [...new Set(pinned.flatMap((c) => (byCell.get(c) ?? []).map((e) => equations[e].parts.length + 1)))].sort((a, b) => a - b);
    for (const size of sizes) {
      const cells = pinned.flatMap((c) => (byCell.get(c) ?? []).filter((e) => equations[e].parts.length + 1 === size).flatMap((e) => [equations[e].total, ...equations[e].parts]));
      groups.push(order([...new Set(cells)].filter((c) => state[c] === 'shown')));
    }
    groups.push(order(values.map((_, i) => i).filter((i) => state[i] === 'shown')));
    let chosen: number | null = null;
    search: for (const group of groups) {
      for (const cell of group) {
        state[cell] = 'secondary';
        const left = pinnedCells(values, state, equations, threshold).length;
        state[cell] = 'shown';
        if (left < pinned.length) {
          chosen = cell;
          break search;
        }
      }
    }
    if (chosen === null) chosen = groups.find((g) => g.length)?.[0] ?? null;
    if (chosen === null) break;
    state[chosen] = 'secondary';
  }
  return state;
}

/**
 * A reader's bounds on every cell: what is shown of it (`publishedBounds`), narrowed along every
 * sum until they no longer change.
 */
export function readerBounds(values: readonly number[], state: readonly CellState[], equations: readonly Equation[], threshold: number): { lo: number[]; hi: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  values.forEach((v, i) => ([lo[i], hi[i]] = publishedBounds(v, state[i], threshold)));
  // Propagation with a work list: an equation is looked at again only when one of its cells changed.
  const byCell = equationsByCell(equations);
  const queued = new Uint8Array(equations.length).fill(1);
  const queue: number[] = equations.map((_, i) => i);
  let steps = 0;
  const limit = 200 * Math.max(1, equations.length);
  const touched = (cell: number) => {
    for (const e of byCell.get(cell) ?? []) {
      if (!queued[e]) {
        queued[e] = 1;
        queue.push(e);
      }
    }
  };
  while (queue.length && steps++ < limit) {
    const index = queue.pop()!;
    queued[index] = 0;
    const eq = equations[index];
    let sumLo = 0;
    let finiteHi = 0;
    let infinite = 0;
    for (const p of eq.parts) {
      sumLo += lo[p];
      if (hi[p] === Infinity) infinite++;
      else finiteHi += hi[p];
    }
    if (narrow(lo, hi, eq.total, sumLo, infinite ? Infinity : finiteHi)) touched(eq.total);
    for (const p of eq.parts) {
      const othersLo = sumLo - lo[p];
      const othersHi = infinite - (hi[p] === Infinity ? 1 : 0) > 0 ? Infinity : finiteHi - (hi[p] === Infinity ? 0 : hi[p]);
      if (narrow(lo, hi, p, lo[eq.total] - othersHi, hi[eq.total] - othersLo)) touched(p);
    }
  }
  return { lo, hi };
}

const indexCache = new WeakMap<readonly Equation[], Map<number, number[]>>();
/** For each cell, the equations it is in (cached per list of equations). */
function equationsByCell(equations: readonly Equation[]) {
  let map = indexCache.get(equations);
  if (!map) {
    map = new Map<number, number[]>();
    equations.forEach((eq, i) => {
      for (const c of [eq.total, ...eq.parts]) {
        const list = map!.get(c);
        if (list) list.push(i);
        else map!.set(c, [i]);
      }
    });
    indexCache.set(equations, map);
  }
  return map;
}

/** The cells whose value a reader can work out to one number. */
export function pinnedCells(values: readonly number[], state: readonly CellState[], equations: readonly Equation[], threshold: number): number[] {
  const { lo, hi } = readerBounds(values, state, equations, threshold);
  return values.map((_, i) => i).filter((i) => lo[i] === hi[i]);
}

function narrow(lo: number[], hi: number[], i: number, newLo: number, newHi: number): boolean {
  let changed = false;
  if (newLo > lo[i]) {
    lo[i] = newLo;
    changed = true;
  }
  if (newHi < hi[i]) {
    hi[i] = newHi;
    changed = true;
  }
  return changed;
}

/** How a cell is presented after protection. */
export function presentCell(value: number, state: CellState, threshold: number): Cell {
  if (state === 'shown') {
    const r = roundCount(value, threshold);
    return { count: r, display: String(r), suppressed: null };
  }
  return { count: null, display: state === 'small' ? `<${threshold}` : `≥${threshold}`, suppressed: state === 'small' ? 'small' : 'secondary' };
}

/**
 * One publication of several tables of the same children: each breakdown (per gemeente, per school
 * type, …) splits the same `total`, column by column, and columns may be sums of other columns
 * (`sums`, in every row and in the total). The tables are protected together, because a reader can
 * put them side by side: the total row is one and the same in all of them.
 */
export function suppressLinkedTables<K extends string>(
  input: { total: Record<K, number>; breakdowns: readonly { key: string; values: Record<K, number> }[][] },
  columns: readonly K[],
  sums: readonly SumRule<K>[] = [],
  threshold = SUPPRESSION_THRESHOLD,
): { total: Record<K, Cell>; breakdowns: { key: string; cells: Record<K, Cell> }[][] } {
  // Cells: the total row first, then the rows of each breakdown; index = row * width + column.
  const rows = [input.total, ...input.breakdowns.flatMap((b) => b.map((r) => r.values))];
  const width = columns.length;
  const at = (row: number, col: K) => row * width + columns.indexOf(col);
  const values = rows.flatMap((r) => columns.map((c) => r[c]));
  const equations: Equation[] = [];
  let first = 1;
  for (const b of input.breakdowns) {
    if (b.length) for (const c of columns) equations.push({ total: at(0, c), parts: b.map((_, i) => at(first + i, c)) });
    first += b.length;
  }
  for (const s of sums) for (let r = 0; r < rows.length; r++) equations.push({ total: at(r, s.total), parts: s.parts.map((p) => at(r, p)) });
  const state = protectCounts(values, equations, threshold);
  const rowCells = (r: number) => Object.fromEntries(columns.map((c) => [c, presentCell(values[at(r, c)], state[at(r, c)], threshold)])) as Record<K, Cell>;
  let row = 1;
  return {
    total: rowCells(0),
    breakdowns: input.breakdowns.map((b) => b.map((r) => ({ key: r.key, cells: rowCells(row++) }))),
  };
}

/** One table whose `total` row is the sum of its rows (per column), protected on its own. */
export function suppressTable<K extends string>(
  table: CountTable<K>,
  columns: readonly K[],
  sums: readonly SumRule<K>[] = [],
  threshold = SUPPRESSION_THRESHOLD,
): { rows: { key: string; cells: Record<K, Cell> }[]; total: Record<K, Cell> } {
  const out = suppressLinkedTables({ total: table.total, breakdowns: [table.rows] }, columns, sums, threshold);
  return { rows: out.breakdowns[0], total: out.total };
}
