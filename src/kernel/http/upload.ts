import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../errors.ts';

export interface UploadedFile {
  name: string;
  content: Buffer;
}

/**
 * One uploaded file and the text fields next to it, from a multipart/form-data request: the way
 * every import in Samenspel receives its file. A file over `maxBytes` is refused with `tooLarge`
 * (what to do instead); without a file, `file` is null and the caller says which file is needed
 * (an empty file is passed on: the reader says it is empty).
 */
export async function readMultipartUpload(
  request: FastifyRequest,
  opts: { maxBytes: number; defaultName: string; tooLarge: string; fields: string },
): Promise<{ file: UploadedFile | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new ValidationError([{ name: 'file', code: 'required', reason: `Stuur het bestand als multipart/form-data met ${opts.fields}.` }]);
  let file: UploadedFile | null = null;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: opts.maxBytes, files: 1 } })) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.file.truncated) throw new ValidationError([{ name: 'file', code: 'too_large', reason: opts.tooLarge }]);
      file = { name: part.filename || opts.defaultName, content };
    } else {
      fields[part.fieldname] = String(part.value ?? '').trim();
    }
  }
  return { file, fields };
}
