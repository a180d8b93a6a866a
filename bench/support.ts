/**
 * What the benchmarks share: a deterministic PRNG, timing, aligned output lines, and PostgreSQL COPY
 * (the reference every import is measured against) on either engine.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { Database } from '../src/kernel/db/database.ts';

/** A small deterministic PRNG, so every run generates the same rows. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const secs = (ms: number) => (ms / 1000).toFixed(2).padStart(7) + ' s';
export const line = (label: string, ms: number, extra = '') => console.log(`  ${label.padEnd(64)} ${secs(ms)}${extra}`);
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** COPY of CSV lines, streamed in chunks (a school year of a large region is more than one string can hold). */
export async function copyInto(database: Database, table: string, columns: string[], lines: string[]) {
  const chunks = function* () {
    for (let i = 0; i < lines.length; i += 10_000) yield lines.slice(i, i + 10_000).join('\n') + '\n';
  };
  if (database.native.engine === 'postgresql') {
    const client = await database.native.pool.connect();
    try {
      await pipeline(Readable.from(chunks()), client.query(copyStreams.from(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`)));
    } finally {
      client.release();
    }
  } else {
    await database.native.pglite.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([...chunks()]) });
  }
}
