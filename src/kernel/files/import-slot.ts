import { ServiceBusyError } from '../errors.ts';

/**
 * Large imports run one at a time per server: reading and checking a big file takes seconds and
 * hundreds of megabytes, and two at once could exhaust the server. A large upload takes the slot
 * for its request (kernel/http/upload.ts); a small upload that turns out to unpack large takes it
 * while its workbook is read (table-file.ts). Whoever finds the slot taken gets
 * {@link ImportBusyError}: 503 with Retry-After. Small files never wait.
 */

/** An upload above this size is a large import. */
export const LARGE_UPLOAD_BYTES = 1024 * 1024;
/** A workbook that unpacks above this size is a large import, whatever its upload size. */
export const LARGE_UNZIPPED_BYTES = 32 * 1024 * 1024;
/** A slot not given back after this long is free again (a safeguard; requests release it themselves). */
const MAX_HOLD_MS = 15 * 60_000;
export const IMPORT_BUSY_RETRY_SECONDS = 60;

export class ImportBusyError extends ServiceBusyError {
  constructor() {
    super('Er wordt al een groot bestand verwerkt. Probeer het over een minuut opnieuw.', IMPORT_BUSY_RETRY_SECONDS, 'import_busy');
  }
}

export interface SlotTicket {
  /** Gives the slot back (again is harmless). */
  release(): void;
  /** The file this ticket covers: reading it needs no second ticket. */
  cover(content: Buffer): void;
}

export class ImportSlot {
  private holder: SlotTicket | null = null;
  private readonly covered = new WeakMap<Buffer, SlotTicket>();

  get busy(): boolean {
    return this.holder !== null;
  }

  /** Take the slot, or null when it is taken. */
  tryAcquire(): SlotTicket | null {
    if (this.holder) return null;
    const timer = setTimeout(() => ticket.release(), MAX_HOLD_MS);
    timer.unref();
    const ticket: SlotTicket = {
      release: () => {
        clearTimeout(timer);
        if (this.holder === ticket) this.holder = null;
      },
      cover: (content) => this.covered.set(content, ticket),
    };
    this.holder = ticket;
    return ticket;
  }

  /** Take the slot or throw {@link ImportBusyError}. */
  acquire(): SlotTicket {
    const ticket = this.tryAcquire();
    if (!ticket) throw new ImportBusyError();
    return ticket;
  }

  /** Whether the slot is held for this file right now. */
  heldFor(content: Buffer): boolean {
    const ticket = this.covered.get(content);
    return ticket !== undefined && ticket === this.holder;
  }
}

/** The one slot of this server (process). Tests hold it to see the busy answer. */
export const largeImportSlot = new ImportSlot();
