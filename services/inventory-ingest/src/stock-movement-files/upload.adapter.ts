import busboy from 'busboy';
import type { Request } from 'express';
import { FileFormat } from './file-job';

export const CSV_TYPES = ['text/csv', 'application/csv'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file arriving in a request: its format, its name if the form gave one, the form's other fields, and its bytes as they come. */
export interface IncomingFile {
  format: FileFormat;
  fileName: string | null;
  fields: Record<string, string>;
  bytes: AsyncIterable<Buffer>;
}

/** Why a request carries no file this service can take, with the status to answer. */
export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const ACCEPTED = `${CSV_TYPES[0]}, ${XLSX_TYPE}, or multipart/form-data with a part named file`;

/**
 * The file in a request, streamed: the raw body (Content-Type text/csv or the XLSX type), or the
 * part named `file` of a multipart form (busboy), whose fields before it are read too. Nothing is buffered here.
 */
export function incomingFile(request: Request, limitBytes: number): Promise<IncomingFile> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (CSV_TYPES.includes(type)) return Promise.resolve({ format: 'csv', fileName: null, fields: {}, bytes: request });
  if (type === XLSX_TYPE) return Promise.resolve({ format: 'xlsx', fileName: null, fields: {}, bytes: request });
  if (type === 'multipart/form-data') return filePart(request, limitBytes);
  throw new UploadRefused(415, `Content-Type ${type || '(none)'} is not taken: send ${ACCEPTED}`);
}

function filePart(request: Request, limitBytes: number): Promise<IncomingFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fileSize: limitBytes + 1, fields: 20, fieldSize: 1024 } });
    } catch (error) {
      return reject(new UploadRefused(400, `the multipart form could not be read: ${(error as Error).message}`));
    }
    const fields: Record<string, string> = {};
    let found = false;
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (found || name !== 'file') return stream.resume();
      found = true;
      const format = formatOfPart(info.mimeType, info.filename);
      if (!format) {
        stream.resume();
        return reject(
          new UploadRefused(
            415,
            `the part file is ${info.mimeType} (${info.filename ?? 'no name'}): send a .csv (text/csv) or an .xlsx (${XLSX_TYPE})`,
          ),
        );
      }
      resolve({ format, fileName: info.filename ?? null, fields: { ...fields }, bytes: stream });
    });
    parser.on('error', (error: Error) => reject(new UploadRefused(400, `the multipart form could not be read: ${error.message}`)));
    parser.on('close', () => {
      if (!found) reject(new UploadRefused(400, 'file is required: the form has no part named file'));
    });
    request.pipe(parser);
  });
}

/** A browser names a CSV's type after the platform (text/csv, application/vnd.ms-excel, or nothing): the extension decides then. */
function formatOfPart(mimeType: string, fileName: string | undefined): FileFormat | undefined {
  const type = mimeType.toLowerCase();
  if (CSV_TYPES.includes(type)) return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  const extension = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  return undefined;
}
