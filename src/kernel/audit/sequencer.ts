import type { Db } from '../db/database.ts';
import type { AppKeys } from '../keys.ts';
import { chainHead, onAppend, sealAllPending, startKeyedChain } from './access-log.ts';
import { appendAnchor, sendAnchor, type Anchor } from './anchors.ts';

export interface SequencerOptions {
  /** Where anchors are appended; null: none. */
  anchorFile: string | null;
  /** A write-once target anchors are also sent to; null: none. */
  anchorUrl: string | null;
  /** How often the head is anchored (when it moved). */
  anchorIntervalMs?: number;
  /** How often to look for entries written by other app nodes. */
  sealIntervalMs?: number;
  log: { error(obj: object, msg: string): void; warn?(obj: object, msg: string): void };
}

export interface Sequencer {
  /** Seals what is waiting now (and waits for a run already under way). */
  sealNow(): Promise<number>;
  /** Writes an anchor of the current head, when it moved since the last one. */
  anchorNow(): Promise<Anchor | null>;
  /** Seals and anchors one last time, then stops. */
  stop(): Promise<void>;
}

/**
 * The in-process sequencer of the access log: seals committed entries shortly after they were
 * written (woken by appends in this process, and at an interval for entries other nodes wrote),
 * and anchors the chain head outside the database at an interval and on shutdown.
 */
export function startSequencer(db: Db, keys: AppKeys, opts: SequencerOptions): Sequencer {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let lastFileAnchor: number | null = null;
  let lastSentAnchor: number | null = null;
  const started = startKeyedChain(db, keys).catch((err) => {
    opts.log.error({ err }, 'starting the keyed access-log chain failed');
    return false;
  });

  const seal = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      await started;
      try {
        do {
          again = false;
          total += await sealAllPending(db, keys);
        } while (again && !stopped);
      } catch (err) {
        opts.log.error({ err }, 'sealing the access log failed; it is retried');
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  };

  let wake: NodeJS.Timeout | null = null;
  const unsubscribe = onAppend(() => {
    // The appending transaction has not committed yet: look a moment later.
    if (wake || stopped) return;
    wake = setTimeout(() => {
      wake = null;
      void seal();
    }, 50);
    wake.unref();
  });
  const sealTimer = setInterval(() => void seal(), opts.sealIntervalMs ?? 1000);
  sealTimer.unref();

  const anchor = async (): Promise<Anchor | null> => {
    const head = await chainHead(db);
    if (!head) return null;
    const a: Anchor = { at: new Date().toISOString(), chainSeq: head.chainSeq, hash: head.hash, keyId: head.keyId };
    if (opts.anchorFile && lastFileAnchor !== head.chainSeq) {
      appendAnchor(opts.anchorFile, a);
      lastFileAnchor = head.chainSeq;
    }
    if (opts.anchorUrl && lastSentAnchor !== head.chainSeq) {
      try {
        await sendAnchor(opts.anchorUrl, a);
        lastSentAnchor = head.chainSeq;
      } catch (err) {
        opts.log.error({ err }, 'sending the access-log anchor failed; it is retried');
      }
    }
    return a;
  };
  const anchorTimer = setInterval(() => {
    seal()
      .then(() => anchor())
      .catch((err) => opts.log.error({ err }, 'anchoring the access log failed; it is retried'));
  }, opts.anchorIntervalMs ?? 60_000);
  anchorTimer.unref();

  return {
    sealNow: seal,
    anchorNow: async () => {
      await seal();
      return anchor();
    },
    async stop() {
      if (wake) clearTimeout(wake);
      clearInterval(sealTimer);
      clearInterval(anchorTimer);
      unsubscribe();
      await seal();
      stopped = true;
      try {
        await anchor();
      } catch (err) {
        opts.log.error({ err }, 'the last access-log anchor could not be written');
      }
    },
  };
}
