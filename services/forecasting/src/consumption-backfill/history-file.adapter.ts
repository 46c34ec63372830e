import { parse, type CsvError } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { SentSeries } from './backfilled-history';
import { MAX_HISTORY_FILE_ROWS, historyRowOf, missingColumns, type RowRejection } from './history-file-rows';

/** A file read: each good row as a series of one period (with its line number), each bad cell refused. */
export type HistoryFileRead =
  | { kind: 'read'; rowsRead: number; rows: Array<{ row: number; series: SentSeries }>; rejections: RowRejection[] }
  | { kind: 'unreadable'; problem: string };

/**
 * Reads a consumption history CSV as it streams in (never held whole): a header naming the columns, one
 * period a row. A row csv-parse cannot read (a stray quote) is refused with its line; the rest go on.
 */
export async function readHistoryFile(source: Readable, today: number): Promise<HistoryFileRead> {
  let header: string[] = [];
  const rejections: RowRejection[] = [];
  const rows: Array<{ row: number; series: SentSeries }> = [];
  let skipped = 0;
  const parser = parse({
    bom: true,
    columns: (names: string[]) => (header = names.map((name) => name.trim())),
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (error: CsvError | undefined) => {
      skipped++;
      rejections.push({ row: Number(error?.lines ?? 0), column: '', value: '', reason: error?.message ?? 'the row could not be read' });
      return undefined;
    },
  });
  let rowsRead = 0;
  try {
    for await (const { record, info } of source.pipe(parser) as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (rowsRead === 0) {
        const missing = missingColumns(header);
        if (missing.length > 0) {
          source.unpipe(parser);
          source.resume();
          return { kind: 'unreadable', problem: missingColumnsProblem(missing) };
        }
      }
      if (++rowsRead > MAX_HISTORY_FILE_ROWS) {
        source.unpipe(parser);
        source.resume();
        return { kind: 'unreadable', problem: `the file holds more than ${MAX_HISTORY_FILE_ROWS} rows; send it in parts` };
      }
      const read = historyRowOf(record, info.lines, today);
      if ('rejections' in read) rejections.push(...read.rejections);
      else rows.push({ row: info.lines, series: read.series });
    }
  } catch (error) {
    return { kind: 'unreadable', problem: `the file is not CSV: ${(error as Error).message}` };
  }
  if (header.length === 0) return { kind: 'unreadable', problem: 'the file is empty: it needs a header line and one row a period' };
  const missing = missingColumns(header);
  if (missing.length > 0) return { kind: 'unreadable', problem: missingColumnsProblem(missing) };
  return { kind: 'read', rowsRead: rowsRead + skipped, rows, rejections };
}

const missingColumnsProblem = (missing: readonly string[]) =>
  `the header lacks ${missing.join(', ')} (columns: siteId,itemId,unit,periodStart,periodDays,quantity,stockout)`;
