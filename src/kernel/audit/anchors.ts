import fs from 'node:fs';
import path from 'node:path';

/**
 * Anchors: the head of the access-log chain (link number and its MAC), written outside the database
 * at intervals — appended to a file the app only ever appends to (make it append-only on the host:
 * `chattr +a`) and, when configured, sent to a write-once target (an HTTP endpoint such as a WORM
 * log store). A copy of the database that was re-chained, or whose newest entries were removed, no
 * longer matches the anchors; `samenspel audit verify` compares them.
 */
export interface Anchor {
  /** When the head was read. */
  at: string;
  chainSeq: number;
  hash: string;
  keyId: string | null;
}

/** Reads the anchors in the order they were written. Lines that are not anchors are an error: the file was tampered with. */
export function readAnchors(file: string): Anchor[] {
  if (!fs.existsSync(file)) return [];
  const anchors: Anchor[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let a: Partial<Anchor>;
    try {
      a = JSON.parse(line) as Partial<Anchor>;
    } catch {
      throw new Error(`${file} line ${i + 1} is not an anchor (not JSON): the anchor file was changed.`);
    }
    if (typeof a.chainSeq !== 'number' || typeof a.hash !== 'string' || typeof a.at !== 'string') throw new Error(`${file} line ${i + 1} is not an anchor: the anchor file was changed.`);
    anchors.push({ at: a.at, chainSeq: a.chainSeq, hash: a.hash, keyId: a.keyId ?? null });
  });
  return anchors;
}

/** Appends one anchor to the file (created 0600). */
export function appendAnchor(file: string, anchor: Anchor): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(file, JSON.stringify(anchor) + '\n', { mode: 0o600 });
}

/** Sends one anchor to the write-once target; throws when it did not take it. */
export async function sendAnchor(url: string, anchor: Anchor): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(anchor), signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`the anchor target answered ${res.status}`);
}
