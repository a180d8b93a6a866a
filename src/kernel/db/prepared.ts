import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * Prepared statements on PostgreSQL: every statement with parameters runs as a named statement of
 * its connection, named by a hash of its text. The first run on a connection prepares it (one
 * Parse); every later run of the same text there sends only its parameters, so PostgreSQL parses
 * and analyses it once per connection instead of on every request, and may keep a generic plan of
 * it (plan_cache_mode). Kysely builds the same text for the same query, so the app's read paths —
 * the session, the policy's grounds, the gateway's reads, the access-log insert — are each a
 * handful of texts.
 *
 * Texts that vary (an `in` list of another length) are each a statement of their own; a connection
 * prepares at most MAX_PER_CONNECTION, then runs new texts unnamed as before (the server's memory
 * for prepared statements stays bounded per connection, and the pool has 10). Statements without
 * parameters (`begin`, `commit`, migrations) keep the simple protocol: one round trip, nothing kept.
 *
 * A statement whose own result selects `*` runs unnamed too (a `*` within a subquery does not count). PostgreSQL plans a prepared statement again after
 * a schema change, but refuses one whose result columns changed ("cached plan must not change
 * result type"): while a new version's migration adds a column (a rolling upgrade), the nodes still
 * running the old version would fail every `select *` they prepared before. Named columns do not
 * change.
 */
export const MAX_PER_CONNECTION = 256;

const prepared = new WeakMap<object, Set<string>>();

/** Before a `*`: `select`, `returning` or a comma, and maybe a table (`"c".`). */
const STAR_BEFORE = /(?:select|returning|,)\s+(?:"?\w+"?\.)?$/i;

/**
 * Whether the statement's own result has columns that follow a table's (`select *`, `select "c".*`,
 * `, "c".*`, `returning *`). Only outside parentheses: a `*` in a subquery (`to_json`, `exists`,
 * a lateral join, a CTE the outer select names its columns from) does not change what the statement
 * answers. Quoted text is skipped.
 */
export function selectsStar(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return false;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '*' && depth === 0 && STAR_BEFORE.test(text.slice(Math.max(0, i - 80), i))) return true;
  }
  return false;
}

/** Names of the texts seen (the app's texts are a few hundred; bounded all the same, then hashed again). */
const names = new Map<string, string>();
const nameOf = (text: string) => {
  let name = names.get(text);
  if (name === undefined) {
    name = 's' + createHash('sha1').update(text).digest('base64url').slice(0, 22);
    if (names.size >= 4 * MAX_PER_CONNECTION) names.clear();
    names.set(text, name);
  }
  return name;
};

/** The pool as Kysely's PostgresDialect takes it, with the statements of each connection named. */
export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  // One wrapper per connection, for as long as the pool keeps it (Kysely knows its connections by it).
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const known = new Set<string>();
    prepared.set(client, known);
    const query = ((text: unknown, values?: readonly unknown[]) => {
      if (typeof text !== 'string' || !values || values.length === 0 || selectsStar(text)) return (client.query as (t: unknown, v?: unknown) => unknown)(text, values);
      const name = nameOf(text);
      if (!known.has(name)) {
        if (known.size >= MAX_PER_CONNECTION) return client.query(text, values as unknown[]);
        known.add(name);
      }
      return client.query({ name, text, values: values as unknown[] });
    }) as PostgresPoolClient['query'];
    return {
      query,
      get processID() {
        return (client as { processID?: number }).processID;
      },
      release: (destroy?: boolean) => client.release(destroy),
    } as PostgresPoolClient;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
    options: pool.options,
    Client: (pool as unknown as { Client: PostgresPool['Client'] }).Client,
  };
}

/** How many statements a connection of the pool has prepared (for tests). */
export function preparedOn(client: object): number {
  return prepared.get(client)?.size ?? 0;
}
