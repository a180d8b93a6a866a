import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError, type FieldError } from '../errors.ts';
import { LARGE_UPLOAD_BYTES, largeImportSlot, type SlotTicket } from '../files/import-slot.ts';
import { BAD_CHARACTER_REASON, badCharacter } from './input-guard.ts';

export { LARGE_UPLOAD_BYTES, largeImportSlot } from '../files/import-slot.ts';

export interface UploadedFile {
  name: string;
  content: Buffer;
}

/** The slot each request with a large upload holds, given back when its answer is sent. */
const held = new WeakMap<FastifyRequest, SlotTicket>();

/**
 * One uploaded file and the text fields next to it, from a multipart/form-data request: the way
 * every import in Samenspel receives its file. A file over `maxBytes` is refused with `tooLarge`
 * (what to do instead); without a file, `file` is null and the caller says which file is needed
 * (an empty file is passed on: the reader says it is empty). A text field with a character that
 * cannot be stored (a NUL) is refused; control characters are taken out of the file name.
 *
 * A large upload (over {@link LARGE_UPLOAD_BYTES}) is a large import: only one runs at a time on
 * this server. It takes the import slot (before its bytes are read when the request says how long
 * it is) and holds it until the answer is sent; while the slot is taken, a large upload is refused
 * with 503 and Retry-After (see import-slot.ts). Small files never wait.
 */
export async function readMultipartUpload(
  request: FastifyRequest,
  opts: { maxBytes: number; defaultName: string; tooLarge: string; fields: string },
): Promise<{ file: UploadedFile | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new ValidationError([{ name: 'file', code: 'required', reason: `Stuur het bestand als multipart/form-data met ${opts.fields}.` }]);
  const declared = Number(request.headers['content-length']);
  if (declared > LARGE_UPLOAD_BYTES) takeImportSlot(request);
  let file: UploadedFile | null = null;
  const fields: Record<string, string> = {};
  const errors: FieldError[] = [];
  const tooLarge = () => new ValidationError([{ name: 'file', code: 'too_large', reason: opts.tooLarge }]);
  for await (const part of request.parts({ limits: { fileSize: opts.maxBytes, files: 1 } })) {
    if (part.type === 'file') {
      let content: Buffer;
      try {
        content = await part.toBuffer();
      } catch (err) {
        // Over maxBytes: the caller's own message says what to do (not multipart's "request file too large").
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      if (part.file.truncated) throw tooLarge();
      file = { name: cleanFileName(part.filename) || opts.defaultName, content };
    } else {
      const value = String(part.value ?? '');
      const bad = badCharacter(value) ?? badCharacter(part.fieldname);
      if (bad) errors.push({ name: cleanFileName(part.fieldname) || 'field', code: bad, reason: BAD_CHARACTER_REASON[bad] });
      else fields[part.fieldname] = value.trim();
    }
  }
  if (errors.length) throw new ValidationError(errors);
  if (file && file.content.length > LARGE_UPLOAD_BYTES && !held.has(request)) takeImportSlot(request);
  if (file) held.get(request)?.cover(file.content);
  return { file, fields };
}

function takeImportSlot(request: FastifyRequest) {
  held.set(request, largeImportSlot.acquire());
}

/** A file name as it is stored and shown: without control characters or half characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const clean = (name ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is taken out
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
  return clean.length > 200 ? Array.from(clean).slice(0, 200).join('') : clean;
}

/** Gives a request's import slot back once its answer is on its way (also after an error). */
export function registerUploadRelease(app: FastifyInstance) {
  const release = async (request: FastifyRequest) => {
    held.get(request)?.release();
    held.delete(request);
  };
  app.addHook('onSend', release);
  app.addHook('onResponse', release);
}
