import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

const MIGRATION_LOCK = 7_513_001;

/**
 * Applies pending migrations, each in its own transaction. An advisory lock makes it safe for
 * several app nodes to start at once against one PostgreSQL server.
 */
export async function migrate(database: Database): Promise<string[]> {
  const applied: string[] = [];
  await database.exec(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  const { db } = database;
  await db.connection().execute(async (conn) => {
    const { sql } = await import('kysely');
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
      for (const m of migrations) {
        if (done.has(m.name)) continue;
        await conn.transaction().execute(async (tx) => {
          for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(tx);
          await tx.insertInto('schema_migrations').values({ name: m.name }).execute();
        });
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
  return applied;
}

/** Splits a migration script into statements, keeping $tag$…$tag$ bodies whole. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current = '';
  let dollar: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === '-' && script[i + 1] === '-' && !dollar) {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      current += '\n';
      continue;
    }
    if (ch === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (m) {
        if (dollar === null) dollar = m[0];
        else if (dollar === m[0]) dollar = null;
        current += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    if (ch === ';' && !dollar) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
