import { textProblem } from '@smi/agreements';
import { dayNumberOfText, dayText } from '../consumption-history/calendar-days';
import { periodStartProblem, quantityProblem, repeatedDays, type SentSeries, type SeriesRefusal } from './backfilled-history';

/** The columns of a consumption history file, in the template's order; stockout may be left out. */
export const HISTORY_FILE_COLUMNS = ['siteId', 'itemId', 'unit', 'periodStart', 'periodDays', 'quantity', 'stockout'] as const;
const REQUIRED_COLUMNS = HISTORY_FILE_COLUMNS.filter((column) => column !== 'stockout');
/**
 * Data rows one file may hold: three years of days for 18 items, or of weeks for 128. Good rows are
 * held until the file is read (one transaction for the file), weeks as their seven days: this bounds memory.
 */
export const MAX_HISTORY_FILE_ROWS = 20_000;

/** Why one cell of a file was not taken. `row` is the file's line number (the header is line 1). */
export interface RowRejection {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** The required columns a header lacks. */
export const missingColumns = (header: readonly string[]): string[] => REQUIRED_COLUMNS.filter((column) => !header.includes(column));

/** A plain decimal (1234.5): no thousands separators, exponent or sign, which spreadsheets' locales make ambiguous. */
const DECIMAL = /^\d+(\.\d+)?$/;
const STOCKOUT: Record<string, boolean> = { '': false, true: true, false: false, '1': true, '0': false, yes: true, no: false };

/**
 * One row of a history file as a series of one period, or why its cells were refused (one rejection per
 * bad cell), by the same rules as the JSON request.
 */
export function historyRowOf(
  record: Readonly<Record<string, string | undefined>>,
  row: number,
  today: number,
): { series: SentSeries } | { rejections: RowRejection[] } {
  const rejections: RowRejection[] = [];
  const cell = (column: string) => (record[column] ?? '').trim();
  const refuse = (column: string, reason: string) => rejections.push({ row, column, value: cell(column), reason });
  for (const [column, kind] of [
    ['siteId', 'id'],
    ['itemId', 'id'],
    ['unit', 'unit'],
  ] as const) {
    const problem = textProblem(cell(column), kind);
    if (problem) refuse(column, problem);
  }
  const periodDays = cell('periodDays') === '1' ? 1 : cell('periodDays') === '7' ? 7 : undefined;
  if (periodDays === undefined) refuse('periodDays', 'must be 1 (days) or 7 (weeks from Monday)');
  const startProblem = periodDays === undefined ? undefined : periodStartProblem(cell('periodStart'), periodDays, today);
  if (startProblem) refuse('periodStart', startProblem);
  const quantityText = cell('quantity');
  const quantity = DECIMAL.test(quantityText) ? Number(quantityText) : NaN;
  const problem = Number.isNaN(quantity) ? 'must be a plain decimal number like 12 or 12.5' : quantityProblem(quantity);
  if (problem) refuse('quantity', problem);
  const stockout = STOCKOUT[cell('stockout').toLowerCase()];
  if (stockout === undefined) refuse('stockout', 'must be true, false, 1, 0, yes, no or empty');
  if (rejections.length > 0 || periodDays === undefined) return { rejections };
  return {
    series: {
      siteId: cell('siteId'),
      itemId: cell('itemId'),
      unit: cell('unit'),
      periodDays,
      periods: [{ start: dayNumberOfText(cell('periodStart')), quantity, stockout }],
    },
  };
}

/** A good row of a file: its line and the series of one period it holds. */
export interface FileRow {
  row: number;
  series: SentSeries;
}

/** The rows covering no day an earlier row covers, and a rejection for each later one, naming the first. */
export function withoutRepeatedDays(rows: readonly FileRow[]): { rows: FileRow[]; rejections: RowRejection[] } {
  const repeated = repeatedDays(rows.map((r) => ({ series: r.series, period: r.series.periods[0], origin: r })));
  const refused = new Set(repeated.map(({ origin }) => origin.row));
  return {
    rows: rows.filter((r) => !refused.has(r.row)),
    rejections: repeated.map(({ origin, first, day }) => ({
      row: origin.row,
      column: 'periodStart',
      value: dayText(origin.series.periods[0].start),
      reason: `covers ${dayText(day)}, which row ${first.row} covers already`,
    })),
  };
}

/** The agreements' refusals of rows (each row sent as a series of its own) as rejections of their cells. */
export const rejectionsOfRefusals = (rows: readonly FileRow[], refusals: readonly SeriesRefusal[]): RowRejection[] =>
  refusals.map(({ index, field, problem }) => {
    const { row, series } = rows[index];
    return { row, column: field, value: String(series[field as 'siteId' | 'itemId' | 'unit'] ?? ''), reason: problem };
  });
