import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.ts';
import type { Database } from './database.ts';

/**
 * The table types in schema.ts are written by hand next to the migrations; this test holds them to
 * the database the migrations really build, on the engine the suite runs on (PGlite, or PostgreSQL
 * with DATABASE_URL): the same tables, the same columns, the same nullability, a type of the same
 * family, and `Generated` only where the database fills the column itself.
 */

type Family = 'string' | 'number' | 'boolean' | 'date' | 'json';
interface DeclaredColumn {
  nullable: boolean;
  opaque: boolean;
  generated: boolean;
  families: Set<Family | 'other'>;
}

const schemaFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.ts');

/** The DB interface of schema.ts as the TypeScript checker sees it: table → column → what it declares. */
function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const program = ts.createProgram([schemaFile], { strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaFile)!;
  const dbInterface = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB');
  if (!dbInterface) throw new Error('schema.ts has no interface DB');
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const tableSymbol of checker.getTypeAtLocation(dbInterface).getProperties()) {
    const tableType = checker.getTypeOfSymbolAtLocation(tableSymbol, dbInterface);
    const columns = new Map<string, DeclaredColumn>();
    for (const column of tableType.getProperties()) {
      const declared = checker.getTypeOfSymbolAtLocation(column, dbInterface);
      // Kysely's ColumnType / Generated carry the selected type in __select__ and the insert type in
      // __insert__; a column may also be `ColumnType<…> | null`.
      const view = (key: '__select__' | '__insert__') =>
        (declared.isUnion() ? declared.types : [declared]).flatMap((member) => {
          const inner = member.getProperty(key);
          const t = inner ? checker.getTypeOfSymbolAtLocation(inner, dbInterface) : member;
          return t.isUnion() ? t.types : [t];
        });
      const parts = view('__select__');
      // `unknown` (a JSON column read as is) includes null: nothing to compare.
      const opaque = parts.some((p) => p.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any));
      const nullable = parts.some((p) => p.flags & ts.TypeFlags.Null);
      const generated = view('__insert__').some((p) => p.flags & ts.TypeFlags.Undefined);
      const families = new Set<Family | 'other'>();
      for (const p of parts) {
        if (p.flags & ts.TypeFlags.Null) continue;
        if (p.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) families.add('string');
        else if (p.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) families.add('number');
        else if (p.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) families.add('boolean');
        else if (p.getSymbol()?.getName() === 'Date') families.add('date');
        else if (p.flags & (ts.TypeFlags.Object | ts.TypeFlags.Unknown | ts.TypeFlags.Any)) families.add('json');
        else families.add('other');
      }
      columns.set(column.getName(), { nullable, opaque, generated, families });
    }
    tables.set(tableSymbol.getName(), columns);
  }
  return tables;
}

/** The family a column's SQL type is read as by our drivers (dates as strings, bigint as a number). */
function familyOf(dataType: string): Family[] {
  if (/^timestamp/.test(dataType)) return ['date'];
  if (dataType === 'date') return ['string'];
  if (['integer', 'smallint', 'bigint', 'real', 'double precision'].includes(dataType)) return ['number'];
  if (dataType === 'numeric') return ['string', 'number'];
  if (dataType === 'boolean') return ['boolean'];
  if (dataType === 'jsonb' || dataType === 'json') return ['json', 'string', 'number', 'boolean'];
  if (dataType === 'ARRAY') return ['json'];
  if (dataType === 'bytea') return ['json'];
  return ['string'];
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('schema.ts against the migrated database', () => {
  it('names every table and column the migrations create, with matching nullability, type family and defaults', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; column_default: string | null; is_identity: 'YES' | 'NO'; data_type: string }>`
      select c.table_name, c.column_name, c.is_nullable, c.column_default, c.is_identity, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(database.db);
    // A column a BEFORE INSERT trigger fills (school_free_periods.kind) may be left out of an insert.
    const triggers = await sql<{ table_name: string }>`
      select distinct event_object_table as table_name from information_schema.triggers
      where trigger_schema = current_schema() and event_manipulation = 'INSERT' and action_timing = 'BEFORE'`.execute(database.db);
    const filledByTrigger = new Set(triggers.rows.map((r) => r.table_name));
    const actual = new Map<string, typeof rows>();
    for (const row of rows) actual.set(row.table_name, [...(actual.get(row.table_name) ?? []), row]);
    expect(actual.size).toBeGreaterThan(40);

    const declared = declaredSchema();
    const problems: string[] = [];
    for (const table of actual.keys()) if (!declared.has(table)) problems.push(`${table}: in the database, missing from DB in schema.ts`);
    for (const table of declared.keys()) if (!actual.has(table)) problems.push(`${table}: in schema.ts, no such table in the database`);
    for (const [table, columns] of actual) {
      const types = declared.get(table);
      if (!types) continue;
      for (const column of columns) {
        const d = types.get(column.column_name);
        const where = `${table}.${column.column_name}`;
        if (!d) {
          problems.push(`${where}: in the database, missing from schema.ts`);
          continue;
        }
        if (!d.opaque && d.nullable !== (column.is_nullable === 'YES')) problems.push(`${where}: nullable is ${column.is_nullable === 'YES'} in the database, ${d.nullable} in schema.ts`);
        const allowed = familyOf(column.data_type);
        for (const family of d.families) if (!allowed.includes(family as Family)) problems.push(`${where}: ${column.data_type} in the database, read as ${family} in schema.ts`);
        const fillsItself = column.column_default !== null || column.is_identity === 'YES' || column.is_nullable === 'YES' || filledByTrigger.has(table);
        if (d.generated && !fillsItself) problems.push(`${where}: optional on insert in schema.ts, but the database has no default and refuses null`);
      }
      for (const name of types.keys()) if (!columns.some((c) => c.column_name === name)) problems.push(`${table}.${name}: in schema.ts, no such column in the database`);
    }
    expect(problems).toEqual([]);
  });
});
