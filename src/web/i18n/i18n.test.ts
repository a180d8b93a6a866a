import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every text on screen comes from these files: a missing key shows the key itself to a user,
// an object where a string is expected shows an error text.
const dir = path.dirname(new URL(import.meta.url).pathname);
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const parts = fs.readdirSync(path.join(dir, 'parts')).filter((f) => f.endsWith('.nl.json')).map((f) => f.slice(0, -'.nl.json'.length));
// Each part owns its top-level keys: a key in two files would silently hide one of them.
const merge = (lang: string) => {
  const dict: Record<string, unknown> = read(`${lang}.json`);
  for (const part of parts) {
    for (const [k, v] of Object.entries(read(`parts/${part}.${lang}.json`))) {
      if (k in dict) throw new Error(`parts/${part}.${lang}.json: top-level key "${k}" is already used`);
      dict[k] = v;
    }
  }
  return dict;
};
const nl = merge('nl');
const en = merge('en');
const get = (o: unknown, k: string) => k.split('.').reduce((v: any, p) => (v == null ? undefined : v[p]), o);
const leaves = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const sources = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(d, e.name)) : /\.(tsx?)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path.join(d, e.name)] : []));

describe('translations', () => {
  it('every part is loaded by the app', () => {
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
    for (const part of parts) for (const lang of ['nl', 'en']) expect(index).toContain(`./parts/${part}.${lang}.json`);
  });
  it('Dutch and English have the same keys', () => {
    expect(leaves(en).sort()).toEqual(leaves(nl).sort());
  });
  it('every literal key used in the web app exists and is a text', () => {
    const problems: string[] = [];
    for (const file of sources(path.join(dir, '..'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'(, \{ returnObjects: true \})?/g)) {
        const [, key, objects] = m;
        for (const [lang, dict] of [['nl', nl], ['en', en]] as const) {
          const v = get(dict, key) ?? get(dict, `${key}_one`);
          if (v === undefined) problems.push(`${lang}: missing ${key} (${path.basename(file)})`);
          else if (!objects && typeof v !== 'string') problems.push(`${lang}: ${key} is not a text (${path.basename(file)})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
