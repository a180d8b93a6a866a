import { describe, expect, it } from 'vitest';
import { pinnedCells, protectCounts, publishedBounds, roundCount, suppressLinkedTables, suppressTable, type Cell, type CountTable } from './suppression.ts';

type Col = 'lrv' | 'absoluut' | 'total';
const cols: Col[] = ['lrv', 'absoluut', 'total'];
const sums = [{ total: 'total' as const, parts: ['lrv', 'absoluut'] as const }];

function table(rows: [string, number, number][]): CountTable<Col> {
  const r = rows.map(([key, lrv, absoluut]) => ({ key, values: { lrv, absoluut, total: lrv + absoluut } }));
  const total = { lrv: 0, absoluut: 0, total: 0 };
  for (const row of r) for (const c of cols) total[c] += row.values[c];
  return { rows: r, total };
}
const shown = (t: ReturnType<typeof suppressTable<Col>>) => [...t.rows.map((r) => cols.map((c) => r.cells[c].display)), cols.map((c) => t.total[c].display)];

/** A small seeded generator (mulberry32), so that every run checks the same random tables. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** Mostly small counts (the case that matters), sometimes larger ones. */
  const count = () => (next() < 0.7 ? Math.floor(next() * 6) : Math.floor(next() * 16));
  return { next, count, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

/** What a reader may fill in for a cell as shown: "<5" 0–4, a rounded number its interval, "≥5" 5 and up (to `cap`). */
function allowed(cell: Cell, threshold: number, cap: number): (v: number) => boolean {
  if (cell.suppressed === 'small') return (v) => v >= 0 && v < threshold;
  if (cell.suppressed === 'secondary') return (v) => v >= threshold && v <= cap;
  const [lo, hi] = publishedBounds(cell.count!, 'shown', threshold);
  expect(cell.count! % threshold).toBe(0);
  return (v) => v >= lo && v <= hi;
}

/**
 * A reader's brute force on a table of rows (lrv, absoluut, total = lrv + absoluut) and the region
 * row: every assignment of all counts that fits every shown cell and every sum; per cell, the values
 * that remain possible.
 */
function readerOptions(t: ReturnType<typeof suppressTable<Col>>, threshold: number, cap = 40) {
  const rowOptions = t.rows.map((r) => {
    const ok = cols.map((c) => allowed(r.cells[c], threshold, cap));
    const out: [number, number][] = [];
    for (let l = 0; l <= cap; l++) for (let a = 0; a + l <= cap; a++) if (ok[0](l) && ok[1](a) && ok[2](l + a)) out.push([l, a]);
    return out;
  });
  const okTotal = cols.map((c) => allowed(t.total[c], threshold, 3 * cap));
  const options = [...t.rows.map(() => cols.map(() => new Set<number>())), cols.map(() => new Set<number>())];
  const chosen: [number, number][] = [];
  const fill = (i: number) => {
    if (i === rowOptions.length) {
      const l = chosen.reduce((s, x) => s + x[0], 0);
      const a = chosen.reduce((s, x) => s + x[1], 0);
      if (!okTotal[0](l) || !okTotal[1](a) || !okTotal[2](l + a)) return;
      chosen.forEach(([x, y], r) => [x, y, x + y].forEach((v, c) => options[r][c].add(v)));
      [l, a, l + a].forEach((v, c) => options[rowOptions.length][c].add(v));
      return;
    }
    for (const o of rowOptions[i]) {
      chosen.push(o);
      fill(i + 1);
      chosen.pop();
    }
  };
  fill(0);
  return options;
}

describe('small-count suppression and rounding', () => {
  it('rounds to a multiple of the threshold: 5–7 → 5, 8–12 → 10; the interval is what a reader knows', () => {
    expect([5, 6, 7, 8, 12, 13, 17, 18].map((v) => roundCount(v, 5))).toEqual([5, 5, 5, 10, 10, 15, 15, 20]);
    expect(publishedBounds(6, 'shown', 5)).toEqual([5, 7]);
    expect(publishedBounds(11, 'shown', 5)).toEqual([8, 12]);
    expect(publishedBounds(9, 'shown', 10)).toEqual([10, 14]); // shown only from 10; 9 is "<10"
    expect(publishedBounds(3, 'small', 5)).toEqual([0, 4]);
  });

  it('zero and small alike: 0 to 4 are "<5" without the number; 5 and more are rounded', () => {
    const t = suppressTable(table([['zeist', 6, 5], ['bilt', 0, 12]]), cols, sums);
    expect(shown(t)).toEqual([['5', '5', '10'], ['<5', '10', '10'], ['5', '15', '25']]);
    expect(t.rows[1].cells.lrv).toEqual({ count: null, display: '<5', suppressed: 'small' });
    expect(t.rows[0].cells.total).toEqual({ count: 10, display: '10', suppressed: null });
    const json = JSON.stringify(t);
    expect(json).not.toMatch(/"count":[1-46-9]\b/);
  });

  it('a total cannot give a small part away by subtraction: Zeist 7, De Bilt 2, region 9 → 5, "<5", 10', () => {
    const t = suppressTable(table([['zeist', 7, 0], ['bilt', 2, 0]]), cols, sums);
    expect(shown(t)).toEqual([['5', '<5', '5'], ['<5', '<5', '<5'], ['10', '<5', '10']]);
    // 10 − 5 = 5: the reader learns De Bilt is 1 to 7 — with "<5", 1 to 4 — not which.
    expect(readerOptions(t, 5)[1][0]).toEqual(new Set([1, 2, 3, 4]));
  });

  it('two small parts whose sum is shown are hidden further when the sum would pin them (8 = 4 + 4)', () => {
    // lrv 4 and absoluut 4 with their sum 8 shown as 10 (8–12): 8 is the only sum two counts below 5 can make.
    const t = suppressTable(table([['zeist', 4, 4], ['bilt', 9, 9]]), cols, sums);
    expect(t.rows[0].cells.total.suppressed).toBe('secondary');
    for (const [r, row] of readerOptions(t, 5).entries()) for (const [c, set] of row.entries()) expect(set.size, `row ${r} col ${c}`).toBeGreaterThan(1);
  });

  it('a region total below 5 is itself "<5"', () => {
    const t = suppressTable(table([['zeist', 1, 0], ['bilt', 0, 0]]), cols, sums);
    expect(t.total.lrv.display).toBe('<5');
    expect(t.rows[1].cells.lrv.display).toBe('<5');
  });

  it('property: in random small tables no cell — small or shown — can be worked out to one value, and the truth stays possible', () => {
    const rnd = random(20260610);
    for (let n = 0; n < 300; n++) {
      const threshold = rnd.pick([5, 5, 5, 6, 10]);
      const rows = Array.from({ length: 1 + Math.floor(rnd.next() * 3) }, (_, i) => [`g${i}`, rnd.count(), rnd.count()] as [string, number, number]);
      const t = suppressTable(table(rows), cols, sums, threshold);
      const options = readerOptions(t, threshold);
      const truth = [...rows.map(([, l, a]) => [l, a, l + a]), cols.map((c) => table(rows).total[c])];
      for (const [r, row] of options.entries())
        for (const [c, set] of row.entries()) {
          expect(set.has(truth[r][c]), `truth possible: ${JSON.stringify(rows)} t=${threshold} cell ${r}/${c}`).toBe(true);
          expect(set.size, `not worked out: ${JSON.stringify(rows)} t=${threshold} cell ${r}/${c} ${JSON.stringify(shown(t))}`).toBeGreaterThan(1);
        }
    }
  });

  it('property: two breakdowns of the same children (per gemeente, per school type) side by side give nothing away', () => {
    const rnd = random(8);
    const cap = 24;
    for (let n = 0; n < 150; n++) {
      // The children by gemeente (i) and school type (j); the tables show the row and column sums and the total.
      const cross = [
        [rnd.count(), rnd.count()],
        [rnd.count(), rnd.count()],
      ];
      const g = cross.map((r, i) => ({ key: `g${i}`, values: { lrv: r[0] + r[1] } }));
      const s = [0, 1].map((j) => ({ key: `s${j}`, values: { lrv: cross[0][j] + cross[1][j] } }));
      const total = { lrv: cross.flat().reduce((a, b) => a + b, 0) };
      const out = suppressLinkedTables({ total, breakdowns: [g, s] }, ['lrv'], [], 5);
      const cells = [out.total.lrv, ...out.breakdowns[0].map((r) => r.cells.lrv), ...out.breakdowns[1].map((r) => r.cells.lrv)];
      const ok = cells.map((c) => allowed(c, 5, 4 * cap));
      const options = cells.map(() => new Set<number>());
      for (let a = 0; a <= cap; a++)
        for (let b = 0; b <= cap; b++)
          for (let c = 0; c <= cap; c++)
            for (let d = 0; d <= cap; d++) {
              const v = [a + b + c + d, a + b, c + d, a + c, b + d];
              if (v.every((x, i) => ok[i](x))) v.forEach((x, i) => options[i].add(x));
            }
      for (const [i, set] of options.entries()) expect(set.size, `${JSON.stringify(cross)} cell ${i}`).toBeGreaterThan(1);
    }
  });

  it('property: a series of months — no change of a cell from one month to the next is known to be 1 to 4', () => {
    const rnd = random(31);
    for (let n = 0; n < 200; n++) {
      const before = Array.from({ length: 2 }, (_, i) => [`g${i}`, rnd.count(), rnd.count()] as [string, number, number]);
      // One child comes or goes, in one cell.
      const after = before.map((r) => [...r] as [string, number, number]);
      const [r, c] = [Math.floor(rnd.next() * 2), 1 + Math.floor(rnd.next() * 2)];
      after[r][c] = Math.max(0, (after[r][c] as number) + (rnd.next() < 0.5 ? 1 : -1));
      const [o1, o2] = [before, after].map((rows) => readerOptions(suppressTable(table(rows), cols, sums), 5));
      // The months share no sum: a reader's possible changes are the differences of the two sets.
      for (let i = 0; i < o1.length; i++)
        for (let j = 0; j < cols.length; j++) {
          const changes = new Set<number>();
          for (const x of o1[i][j]) for (const y of o2[i][j]) changes.add(y - x);
          expect(changes.size, `${JSON.stringify(before)} → ${JSON.stringify(after)} cell ${i}/${j}`).toBeGreaterThan(1);
        }
      // And any two shown numbers differ by a multiple of 5: never by one child.
      const numbers = [before, after].flatMap((rows) => {
        const t = suppressTable(table(rows), cols, sums);
        return [...t.rows.flatMap((x) => cols.map((k) => x.cells[k].count)), ...cols.map((k) => t.total[k].count)].filter((x): x is number => x !== null);
      });
      for (const x of numbers) for (const y of numbers) expect(Math.abs(x - y) % 5).toBe(0);
    }
  });

  it('protectCounts works on any system of sums: a cell worked out from a chain of sums is hidden', () => {
    // a = b + c, b = d + e; shown cells would pin d when a, c, e are exact — with rounding nothing is pinned.
    const values = [20, 12, 8, 2, 10];
    const equations = [
      { total: 0, parts: [1, 2] },
      { total: 1, parts: [3, 4] },
    ];
    const state = protectCounts(values, equations, 5);
    expect(pinnedCells(values, state, equations, 5)).toEqual([]);
    expect(state[3]).toBe('small');
  });

  it('a sum the data does not satisfy is left out, so it cannot keep a cell shown that a true sum pins', () => {
    // 8 = 4 + 4 holds: shown as 10 beside two "<5", the 8 is worked out (at most 4 + 4) and must be
    // hidden. Beside it a sum that does not hold (12 ≠ 15 + 8, as a fact source that counted a child
    // twice would give): used, its bounds cross and run on, and the 8 was shown.
    const values = [15, 8, 12, 4, 4];
    const holds = { total: 1, parts: [3, 4] };
    const broken = { total: 2, parts: [0, 1] };
    const state = protectCounts(values, [broken, holds], 5);
    expect(state[1]).toBe('secondary');
    expect(state).toEqual(protectCounts(values, [holds], 5));
    expect(pinnedCells(values, state, [holds], 5)).toEqual([]);
  });
});
