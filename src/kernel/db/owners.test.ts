import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from './database.ts';
import { COMPOSITION_ROOTS, TABLE_OWNERS } from './owners.ts';

/** Module boundaries: every table has one owner, and only the owner writes it. */

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'web' && dir === src ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The part of the app a source file belongs to: a module name, `kernel/<part>`, or `cli`. */
function partOf(file: string): string {
  const rel = path.relative(src, file).split(path.sep);
  if (rel[0] === 'modules') return rel[1];
  if (rel[0] === 'kernel') return `kernel/${rel[1].replace(/\.ts$/, '')}`;
  return rel[0].replace(/\.ts$/, '');
}

/** Every table a file writes, through Kysely or in SQL text. */
function writes(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\.(?:insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(\s*['"]([a-z_]+)['"]/g)) found.add(m[1]);
  for (const m of text.matchAll(/\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?)\s+([a-z_]+)\b/gi)) {
    if (m[1].toLowerCase() in TABLE_OWNERS) found.add(m[1].toLowerCase());
  }
  return [...found];
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('table owners', () => {
  it('every table of the migrated database has exactly one owner', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(database.db);
    expect(rows.map((r) => r.table_name).sort()).toEqual(Object.keys(TABLE_OWNERS).sort());
  });

  it('only the owning module writes a table; others use its index.ts', () => {
    const files = sources(src).filter((f) => !f.includes(`${path.sep}db${path.sep}migrations${path.sep}`));
    expect(files.length).toBeGreaterThan(100);
    const trespasses: string[] = [];
    for (const file of files) {
      const part = partOf(file);
      if ((COMPOSITION_ROOTS as readonly string[]).includes(part)) continue;
      for (const table of writes(fs.readFileSync(file, 'utf8'))) {
        const owner = TABLE_OWNERS[table as keyof typeof TABLE_OWNERS];
        if (owner !== part) trespasses.push(`${path.relative(src, file)} writes ${table} (owner: ${owner})`);
      }
    }
    expect(trespasses).toEqual([]);
  });
});
