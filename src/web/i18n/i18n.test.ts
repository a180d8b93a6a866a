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
const get = (o: unknown, k: string) => k.split('.').reduce<unknown>((v, p) => (v == null ? undefined : (v as Record<string, unknown>)[p]), o);
const leaves = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
const sources = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(d, e.name)) : /\.(tsx?)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path.join(d, e.name)] : []));

const literalKeys = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'(, \{ returnObjects: true \})?/g)].map((m) => ({ key: m[1], objects: Boolean(m[2]) }));

describe('translations', () => {
  it('every part is loaded by the app', () => {
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
    expect(index).toContain("import.meta.glob<Dictionary>('./parts/*.json'");
    for (const part of parts) expect(fs.existsSync(path.join(dir, 'parts', `${part}.en.json`)), `parts/${part}.en.json`).toBe(true);
  });
  it('the sign-in page, the frame and the home page use only the core texts (the parts arrive later)', () => {
    const core = { nl: read('nl.json'), en: read('en.json') };
    const web = path.join(dir, '..');
    const files = [...sources(path.join(web, 'shared')), ...sources(path.join(web, 'session')), path.join(web, 'main.tsx'), path.join(web, 'routes.tsx')];
    const problems = files.flatMap((file) => literalKeys(file).filter(({ key }) => get(core.nl, key) === undefined && get(core.nl, `${key}_one`) === undefined).map(({ key }) => `${key} (${path.basename(file)})`));
    expect(problems).toEqual([]);
    expect(Object.keys(core.en).sort()).toEqual(Object.keys(core.nl).sort());
  });
  it('Dutch and English have the same keys', () => {
    expect(leaves(en).sort()).toEqual(leaves(nl).sort());
  });
  it('every literal key used in the web app exists and is a text', () => {
    const problems: string[] = [];
    for (const file of sources(path.join(dir, '..'))) {
      for (const { key, objects } of literalKeys(file)) {
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
