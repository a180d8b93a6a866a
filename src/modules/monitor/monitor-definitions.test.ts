import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFINITIONS } from '../../contracts/values/monitor-definitions.ts';
import { INDICATOR_SPECS, INDICATORS } from '../../contracts/values/monitor.ts';

/** The definitions the app shows beside each figure are the ones docs/monitor.md gives, and every column, share and percentile has a label in both languages. */
describe('indicator definitions', () => {
  const doc = fs.readFileSync(new URL('../../../docs/monitor.md', import.meta.url), 'utf8');

  it.each(INDICATORS)('%s: docs/monitor.md carries the definition as the app shows it', (id) => {
    const d = DEFINITIONS.nl[id];
    for (const text of [d.title, d.question, d.numerator, d.denominator, d.period, d.source]) expect(doc).toContain(text);
  });

  it.each(INDICATORS)('%s: every column, share and percentile has a label in Dutch and English', (id) => {
    const spec = INDICATOR_SPECS[id];
    const keys = [...spec.columns.map((c) => c.key), ...spec.shares.map((s) => s.key), ...spec.distributions.map((d) => d.key)];
    for (const lang of ['nl', 'en'] as const) for (const k of keys) expect(DEFINITIONS[lang][id].labels[k], `${lang} ${id}.${k}`).toBeTruthy();
  });

  it('every sum and share names columns of its own indicator', () => {
    for (const spec of Object.values(INDICATOR_SPECS)) {
      const cols = new Set(spec.columns.map((c) => c.key));
      for (const s of spec.sums) for (const k of [s.total, ...s.parts]) expect(cols.has(k), `${spec.id}: ${k}`).toBe(true);
      for (const s of spec.shares) for (const k of [s.numerator, s.denominator]) expect(cols.has(k), `${spec.id}: ${k}`).toBe(true);
      for (const c of spec.columns) if (c.minus) for (const k of c.minus) expect(cols.has(k)).toBe(true);
    }
  });
});
