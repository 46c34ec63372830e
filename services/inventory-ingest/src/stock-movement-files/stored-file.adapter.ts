import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { FileFormat } from './file-job';
import { FileJobsRepository } from './file-jobs.repository';
import { CellValue } from './file-rows';

/** One row of a stored file: its number (the header is row 1), its cells, and the file's bytes read by then. */
export interface FileRow {
  row: number;
  cells: CellValue[];
  bytesRead: number;
}

/** A file that cannot be read as what it claims to be (not CSV text, not an XLSX workbook). */
export class UnreadableFileError extends Error {}

/**
 * The rows of a stored file, read from its chunks one at a time (never the whole file in memory):
 * csv-parse for CSV, exceljs's streaming WorkbookReader for the first sheet of an XLSX.
 */
export async function* rowsOfStoredFile(jobs: FileJobsRepository, jobId: string, format: FileFormat): AsyncGenerator<FileRow> {
  const counter = { bytes: 0 };
  const source = Readable.from(chunksOf(jobs, jobId, counter), { objectMode: false });
  try {
    yield* format === 'csv' ? csvRows(source, counter) : xlsxRows(source, counter);
  } finally {
    source.destroy();
  }
}

async function* chunksOf(jobs: FileJobsRepository, jobId: string, counter: { bytes: number }): AsyncGenerator<Buffer> {
  for (let n = 0; ; n++) {
    const data = await jobs.chunk(jobId, n);
    if (!data) return;
    counter.bytes += data.length;
    yield data;
  }
}

async function* csvRows(source: Readable, counter: { bytes: number }): AsyncGenerator<FileRow> {
  // Empty lines are rows too (a spreadsheet shows them), so row numbers match what the buyer sees.
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: false }));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record, bytesRead: counter.bytes };
    }
  } catch (error) {
    throw new UnreadableFileError(`could not be read as CSV after row ${row}: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
}

/** exceljs weighs about 30 MiB once loaded: it is loaded by the first XLSX read or written, not at boot. */
export async function excelLibrary(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

async function* xlsxRows(source: Readable, counter: { bytes: number }): AsyncGenerator<FileRow> {
  const { stream } = await excelLibrary();
  const reader = new stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let row = 0;
  try {
    for await (const sheet of reader) {
      for await (const read of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        row = read.number;
        const values = Array.isArray(read.values) ? read.values.slice(1) : [];
        yield { row, cells: values.map(cellValueOf), bytesRead: counter.bytes };
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (row === 0) throw new UnreadableFileError(`is not an XLSX workbook that can be read: ${(error as Error).message}`);
    throw new UnreadableFileError(`could not be read as XLSX after row ${row}: ${(error as Error).message}`);
  }
}

/** A cell of exceljs to text, a number or a date: rich text joined, a formula's result, a link's text. */
function cellValueOf(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValueOf(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}
