/**
 * Small-count suppression for aggregates (domain.md §8): a count from 1 to below the threshold is
 * never shown as the number, so that no child can be recognised.
 *
 * Hiding a small cell is not enough when the table also shows totals: "De Bilt <5, Zeist 7, region
 * 9" gives De Bilt = 2 by subtraction. So after the small cells are hidden (primary suppression),
 * the table is checked the way a reader could: each total is the sum of its parts, every hidden
 * small cell lies between 1 and threshold − 1, every other hidden cell is at least the threshold.
 * Those bounds are narrowed along every sum until nothing changes; when a small cell's bounds close
 * to a single value, one more visible cell is hidden (secondary suppression, shown as "≥5"):
 * the one that leaves the fewest small cells revealed, a part rather than a total, the smallest
 * first — and the check runs again until no small cell can be worked out.
 */

/**
 * The default threshold (domain.md §8). A region may set a higher one (setting
 * `suppressionThreshold`, kernel/settings); the counts pass the region's value to suppressTable.
 */
export const SUPPRESSION_THRESHOLD = 5;

export interface Cell {
  /** The number, or null when it is suppressed. */
  count: number | null;
  /** What to show: the number, "<5" (a small count) or "≥5" (hidden so a small count cannot be derived). */
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

type State = 'shown' | 'small' | 'secondary';

/**
 * Suppresses a table of counts whose `total` row is the sum of its rows (per column) and whose
 * columns may be sums of other columns (`sums`, within each row and in the total row).
 */
export function suppressTable<K extends string>(
  table: CountTable<K>,
  columns: readonly K[],
  sums: readonly SumRule<K>[] = [],
  threshold = SUPPRESSION_THRESHOLD,
): { rows: { key: string; cells: Record<K, Cell> }[]; total: Record<K, Cell> } {
  // Cells: the rows, then the total row; index = row * columns + column.
  const allRows = [...table.rows.map((r) => r.values), table.total];
  const width = columns.length;
  const at = (row: number, col: K) => row * width + columns.indexOf(col);
  const values = allRows.flatMap((r) => columns.map((c) => r[c]));
  const state: State[] = values.map((v) => (v > 0 && v < threshold ? 'small' : 'shown'));

  // Every equation: total cell = sum of part cells.
  const equations: { total: number; parts: number[] }[] = [];
  const totalRow = allRows.length - 1;
  if (table.rows.length) for (const c of columns) equations.push({ total: at(totalRow, c), parts: table.rows.map((_, r) => at(r, c)) });
  for (const s of sums) for (let r = 0; r <= totalRow; r++) equations.push({ total: at(r, s.total), parts: s.parts.map((p) => at(r, p)) });

  // Greedy: hide the visible non-zero cell that leaves the fewest small cells revealed; among
  // equals a part before a total (totals stay visible where possible), then the smallest.
  const isTotal = new Set(equations.map((eq) => eq.total));
  for (let guard = 0; guard < values.length; guard++) {
    if (revealedSmallCells(values, state, equations, threshold).length === 0) break;
    let best: { cell: number; revealed: number } | null = null;
    for (let cell = 0; cell < values.length; cell++) {
      if (state[cell] !== 'shown' || values[cell] === 0) continue;
      state[cell] = 'secondary';
      const revealed = revealedSmallCells(values, state, equations, threshold).length;
      state[cell] = 'shown';
      const better =
        !best ||
        revealed < best.revealed ||
        (revealed === best.revealed && Number(isTotal.has(cell)) < Number(isTotal.has(best.cell))) ||
        (revealed === best.revealed && isTotal.has(cell) === isTotal.has(best.cell) && values[cell] < values[best.cell]);
      if (better) best = { cell, revealed };
    }
    if (!best) break;
    state[best.cell] = 'secondary';
  }

  const cell = (i: number): Cell =>
    state[i] === 'shown'
      ? { count: values[i], display: String(values[i]), suppressed: null }
      : { count: null, display: state[i] === 'small' ? `<${threshold}` : `≥${threshold}`, suppressed: state[i] === 'small' ? 'small' : 'secondary' };
  const rowCells = (r: number) => Object.fromEntries(columns.map((c) => [c, cell(at(r, c))])) as Record<K, Cell>;
  return { rows: table.rows.map((row, r) => ({ key: row.key, cells: rowCells(r) })), total: rowCells(totalRow) };
}

/**
 * The small cells whose value a reader can work out from what is shown: bounds per cell (shown:
 * the value; small: 1 … threshold − 1; secondary: threshold … ∞), narrowed along every equation
 * until they no longer change.
 */
export function revealedSmallCells(values: readonly number[], state: readonly State[], equations: readonly { total: number; parts: number[] }[], threshold: number): number[] {
  const lo = values.map((v, i) => (state[i] === 'shown' ? v : state[i] === 'small' ? 1 : threshold));
  const hi = values.map((v, i) => (state[i] === 'shown' ? v : state[i] === 'small' ? threshold - 1 : Infinity));
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (const eq of equations) {
      const sumLo = eq.parts.reduce((s, p) => s + lo[p], 0);
      const sumHi = eq.parts.reduce((s, p) => s + hi[p], 0);
      changed = narrow(lo, hi, eq.total, sumLo, sumHi) || changed;
      for (const p of eq.parts) {
        const othersLo = sumLo - lo[p];
        const othersHi = sumHi === Infinity ? eq.parts.reduce((s, q) => (q === p ? s : s + hi[q]), 0) : sumHi - hi[p];
        changed = narrow(lo, hi, p, lo[eq.total] - othersHi, hi[eq.total] - othersLo) || changed;
      }
    }
  }
  return values.map((_, i) => i).filter((i) => state[i] === 'small' && lo[i] === hi[i]);
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
