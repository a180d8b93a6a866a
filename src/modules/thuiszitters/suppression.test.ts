import { describe, expect, it } from 'vitest';
import { suppressTable, type CountTable } from './suppression.ts';

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

describe('small-count suppression', () => {
  it('shows counts of 0 and of 5 or more as they are', () => {
    const t = suppressTable(table([['zeist', 6, 5], ['bilt', 0, 7]]), cols, sums);
    expect(shown(t)).toEqual([['6', '5', '11'], ['0', '7', '7'], ['6', '12', '18']]);
    expect(t.rows[0].cells.lrv).toEqual({ count: 6, display: '6', suppressed: null });
  });

  it('never shows 1 to 4: "<5", and the number is not in the answer', () => {
    const t = suppressTable(table([['zeist', 1, 2], ['bilt', 3, 4]]), cols, sums);
    expect(t.rows[0].cells.lrv).toEqual({ count: null, display: '<5', suppressed: 'small' });
    const json = JSON.stringify(t.rows.map((r) => [r.cells.lrv, r.cells.absoluut]));
    expect(json).not.toMatch(/"count":[1-4]/);
  });

  it('a small cell that could be worked out from a shown total hides a second cell (≥5)', () => {
    // Zeist 7, De Bilt 2, region 9: with only De Bilt hidden, 9 − 7 = 2.
    const t = suppressTable(table([['zeist', 7, 0], ['bilt', 2, 0]]), cols, sums);
    expect(t.rows[1].cells.lrv.display).toBe('<5');
    // Along the column the smallest visible part goes (Zeist); along the row its total goes too.
    expect(t.rows[0].cells.lrv).toEqual({ count: null, display: '≥5', suppressed: 'secondary' });
    expect(t.total.lrv.display).toBe('9');
    expect(t.rows[1].cells.total.count).toBeNull();
    expect(t.rows[0].cells.total.count).toBeNull();
  });

  it('two small cells whose sum is shown are still worked out when both must be 4 (or 1)', () => {
    // 8 = a + b with a, b in 1..4 gives a = b = 4.
    const t = suppressTable(table([['zeist', 4, 0], ['bilt', 4, 0], ['elders', 6, 0]]), ['lrv'] as Col[], []);
    expect(t.rows[2].cells.lrv.suppressed).toBe('secondary');
    expect(t.total.lrv.display).toBe('14');
  });

  it('what remains cannot be worked out: trying every value a reader could fill in leaves each small cell open', () => {
    for (const rows of [
      [['zeist', 7, 3], ['bilt', 2, 9]],
      [['zeist', 7, 0], ['bilt', 2, 0]],
      [['zeist', 1, 6], ['bilt', 8, 1], ['elders', 0, 5]],
    ] as [string, number, number][][]) {
      const t = suppressTable(table(rows), cols, sums);
      const options = readerOptions(t);
      for (const [cell, values] of options.small) expect(values.size, `${cell} in ${JSON.stringify(rows)}`).toBeGreaterThan(1);
      // And the answer is consistent: the true values are among the reader's options.
      expect(options.consistent).toBe(true);
    }
  });

  it('a region total below 5 is itself "<5"', () => {
    const t = suppressTable(table([['zeist', 1, 0], ['bilt', 0, 0]]), cols, sums);
    expect(t.total.lrv.display).toBe('<5');
    expect(t.rows[1].cells.lrv.display).toBe('0');
  });
});

/**
 * A reader's brute force: every assignment of the hidden cells (small: 1–4, hidden ≥5: 5 up to the
 * largest sum) that keeps every row and column sum true; per small cell, the values that remain.
 */
function readerOptions(t: ReturnType<typeof suppressTable<Col>>) {
  const grid = [...t.rows.map((r) => r.cells), t.total];
  const cells = grid.flatMap((r, i) => cols.map((c) => ({ key: `${i}/${c}`, row: i, col: c, cell: r[c] })));
  const hidden = cells.filter((c) => c.cell.count === null);
  const max = 40;
  const value = new Map<string, number>();
  for (const c of cells) if (c.cell.count !== null) value.set(c.key, c.cell.count);
  const small = new Map<string, Set<number>>(hidden.filter((h) => h.cell.suppressed === 'small').map((h) => [h.key, new Set<number>()]));
  const last = grid.length - 1;
  const holds = () =>
    grid.every((_, i) => value.get(`${i}/total`) === value.get(`${i}/lrv`)! + value.get(`${i}/absoluut`)!) &&
    cols.every((c) => value.get(`${last}/${c}`) === grid.slice(0, last).reduce((s, _, i) => s + value.get(`${i}/${c}`)!, 0));
  let found = 0;
  const fill = (k: number) => {
    if (k === hidden.length) {
      if (!holds()) return;
      found++;
      for (const [key, set] of small) set.add(value.get(key)!);
      return;
    }
    const h = hidden[k];
    const [lo, hi] = h.cell.suppressed === 'small' ? [1, 4] : [5, max];
    for (let v = lo; v <= hi; v++) {
      value.set(h.key, v);
      fill(k + 1);
    }
  };
  fill(0);
  return { small, consistent: found > 0 };
}
