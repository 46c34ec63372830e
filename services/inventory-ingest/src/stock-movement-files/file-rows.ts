import { MovementKind, MovementKindValues, StockMovement } from '@smi/contracts';
import { movementProblems } from '../stock-movements/stock-movement-rules';

/**
 * What a buyer's spreadsheet of stock movements holds, and how one row becomes a movement.
 * Pure: no file, stream or database here.
 */

/** A movements file lists receipts, consumption, adjustments and counts; a snapshot file lists counted stock per site x item (each a COUNT). */
export const FILE_KINDS = ['movements', 'snapshot'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The date layouts a buyer may say its dates are in; ISO 8601 unless it says otherwise. */
export const DATE_FORMATS = ['ISO', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYY/MM/DD', 'DD-MM-YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** A column of the layout: its header, whether every row needs it, and what a user reads about it. */
export interface FileColumn {
  header: string;
  required: boolean;
  /** The movement field it fills, for naming a column in a rejection. */
  field: keyof StockMovement;
  description: string;
}

const MOVEMENT_ID: FileColumn = {
  header: 'movement_id',
  required: false,
  field: 'eventId',
  description:
    "Your own id of the movement: a row sent again with the same id counts once. Left empty, the row's number in the file is its id.",
};
const SITE: FileColumn = { header: 'site_id', required: true, field: 'siteId', description: 'Your site, as in the agreement.' };
const ITEM: FileColumn = { header: 'item_id', required: true, field: 'itemId', description: 'The item, as in the agreement.' };
const UNIT: FileColumn = {
  header: 'unit',
  required: true,
  field: 'unit',
  description: "Unit of measure: the agreement line's (EA, KG, ...).",
};
const ORDER_REFERENCE: FileColumn = {
  header: 'order_reference',
  required: false,
  field: 'orderReference',
  description: 'For a RECEIPT: the replenishment order the goods arrived against.',
};

/** The columns of each kind of file, in the order a template lists them. Headers are matched ignoring case, spaces and dashes. */
export const FILE_COLUMNS: Record<FileKind, readonly FileColumn[]> = {
  movements: [
    MOVEMENT_ID,
    SITE,
    ITEM,
    {
      header: 'kind',
      required: true,
      field: 'kind',
      description: 'RECEIPT (adds), CONSUMPTION (takes), ADJUSTMENT (adds a signed correction) or COUNT (the on-hand counted).',
    },
    {
      header: 'quantity',
      required: true,
      field: 'quantity',
      description:
        'How much, in unit, with a point for decimals: above 0 for RECEIPT and CONSUMPTION, signed for ADJUSTMENT, 0 or more for COUNT.',
    },
    UNIT,
    {
      header: 'occurred_at',
      required: true,
      field: 'occurredAt',
      description: 'When it happened: a date, or a date and time (UTC unless an offset is given), in ISO 8601 or the dateFormat named.',
    },
    ORDER_REFERENCE,
  ],
  snapshot: [
    MOVEMENT_ID,
    SITE,
    ITEM,
    { header: 'quantity', required: true, field: 'quantity', description: 'The stock counted, in unit: 0 or more.' },
    UNIT,
    {
      header: 'counted_at',
      required: true,
      field: 'occurredAt',
      description: 'When it was counted: a date, or a date and time (UTC unless an offset is given), in ISO 8601 or the dateFormat named.',
    },
  ],
};

/** A spreadsheet cell as read: text from a CSV, text, a number or a date from an XLSX, or nothing. */
export type CellValue = string | number | Date | null | undefined;

/** Why a row was not taken: its number in the file (the header is row 1), the column, the value found and the reason. */
export interface RowRejection {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** Where each column of the layout sits in the file's rows, found from the header row. */
export type ColumnPositions = ReadonlyMap<string, number>;

export const normalizedHeader = (text: CellValue): string =>
  String(text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Finds the layout's columns in a header row, in any order, ignoring case. Missing required columns
 * are named (the upload is refused); columns it does not know are left alone.
 */
export function columnsOf(
  kind: FileKind,
  header: readonly CellValue[],
): { positions: ColumnPositions; missing: string[]; repeated: string[] } {
  const found = new Map<string, number>();
  const repeated: string[] = [];
  header.forEach((cell, index) => {
    const name = normalizedHeader(cell);
    if (!FILE_COLUMNS[kind].some((c) => c.header === name)) return;
    if (found.has(name)) repeated.push(name);
    else found.set(name, index);
  });
  const missing = FILE_COLUMNS[kind].filter((c) => c.required && !found.has(c.header)).map((c) => c.header);
  return { positions: found, missing, repeated };
}

/** What a row needs besides its cells: whose it is, which file it came from, and now. */
export interface RowContext {
  kind: FileKind;
  buyerId: string;
  dateFormat: DateFormat;
  positions: ColumnPositions;
  /** sha256 of the file, hex: a row without a movement id gets one from it and its row number. */
  fileHash: string;
  now: Date;
}

/** A row read: the movement it makes, or why it makes none. */
export type RowOutcome = { row: number; movement: StockMovement } | { row: number; rejections: RowRejection[] };

/** The source every movement from a file carries. */
export const FILE_SOURCE = 'file';

/** A row's movement id when the file gives none: the same row of the same file always gets the same one. */
export const derivedMovementId = (fileHash: string, row: number): string => `file-${fileHash.slice(0, 32)}-row-${row}`;

/**
 * One data row to a movement, judged by the same rules as a REST or Kafka movement
 * (movementProblems), each problem named by its column. `row` is the row's number in the file.
 */
export function movementOfRow(cells: readonly CellValue[], row: number, context: RowContext): RowOutcome {
  const { positions, kind } = context;
  const cell = (header: string): CellValue => {
    const at = positions.get(header);
    return at === undefined ? undefined : cells[at];
  };
  const rejections: RowRejection[] = [];
  const reject = (column: string, reason: string) => rejections.push({ row, column, value: shown(cell(column)), reason });
  const text = (header: string): string | undefined => {
    const value = cell(header);
    if (value === null || value === undefined) return undefined;
    const t = value instanceof Date ? value.toISOString() : String(value).trim();
    return t === '' ? undefined : t;
  };
  const dateColumn = kind === 'snapshot' ? 'counted_at' : 'occurred_at';
  const occurredAt = dateOf(cell(dateColumn), context.dateFormat);
  if (typeof occurredAt === 'string') reject(dateColumn, occurredAt);
  const quantity = quantityOf(cell('quantity'));
  if (typeof quantity === 'string') reject('quantity', quantity);
  let movementKind: string | undefined = 'COUNT';
  if (kind === 'movements') {
    movementKind = text('kind')?.toUpperCase();
    if (movementKind === undefined || !(MovementKindValues as readonly string[]).includes(movementKind)) {
      reject('kind', `must be one of ${MovementKindValues.join(', ')}`);
    }
  }
  const movement: StockMovement = {
    eventId: text('movement_id') ?? derivedMovementId(context.fileHash, row),
    buyerId: context.buyerId,
    siteId: text('site_id') ?? '',
    itemId: text('item_id') ?? '',
    kind: movementKind as MovementKind,
    quantity: typeof quantity === 'number' ? quantity : NaN,
    unit: text('unit') ?? '',
    occurredAt: occurredAt instanceof Date ? occurredAt : new Date(NaN),
    source: FILE_SOURCE,
    orderReference: kind === 'movements' ? (text('order_reference') ?? null) : null,
  };
  const rejected = new Set(rejections.map((r) => r.column));
  for (const problem of movementProblems(movement, context.now)) {
    const column = columnOfField(kind, problem.field);
    if (!rejected.has(column)) reject(column, problem.problem);
    rejected.add(column);
  }
  if (rejections.length === 0) return { row, movement };
  // In the order of the layout's columns, as the buyer reads the row.
  const order = (column: string) => FILE_COLUMNS[kind].findIndex((c) => c.header === column);
  return { row, rejections: rejections.sort((a, b) => order(a.column) - order(b.column)) };
}

/** The column of a kind of file that fills a movement field, for naming it in a rejection. */
export function columnOfField(kind: FileKind, field: string): string {
  return FILE_COLUMNS[kind].find((c) => c.field === field)?.header ?? field;
}

/**
 * A refusal of the projection ("unit is KG but agreement A1 keeps ...", "siteId s x i is not covered ...")
 * as a rejection of the row's column: its reason begins with the field.
 */
export function rejectionOfRefusal(
  kind: FileKind,
  row: number,
  cells: readonly CellValue[],
  positions: ColumnPositions,
  reason: string,
): RowRejection {
  const field = reason.split(' ', 1)[0];
  const column = columnOfField(kind, field);
  const at = positions.get(column);
  return { row, column, value: shown(at === undefined ? undefined : cells[at]), reason: reason.slice(field.length + 1) };
}

/** A cell as a rejection report shows it: its text, cut at 200 characters. */
export function shown(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A quantity: a number from an XLSX, or text with a point for decimals (a comma is refused: 1,500 could be either). */
export function quantityOf(value: CellValue): number | string {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'must be a finite number';
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'is required';
  if (value instanceof Date) return 'must be a number, not a date';
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
    return 'must be a number with a point for decimals (no thousands separators)';
  return Number(text);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** How each non-ISO format orders day, month and year, and what separates them. */
const DAY_MONTH_YEAR: Record<
  Exclude<DateFormat, 'ISO'>,
  { pattern: RegExp; order: ['d' | 'm' | 'y', 'd' | 'm' | 'y', 'd' | 'm' | 'y'] }
> = {
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'YYYY/MM/DD': { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
};

/**
 * A date cell to a moment, or why it is none. A date alone is the start of that day in UTC; a time
 * without an offset is UTC. An XLSX date cell is taken as it is (spreadsheets keep no time zone).
 */
export function dateOf(value: CellValue, format: DateFormat): Date | string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'is not a valid date' : value;
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'is required';
  if (typeof value === 'number') return `must be a date as text or a date cell (got the number ${value})`;
  const text = value.trim();
  const expected = format === 'ISO' ? 'YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss][Z|±hh:mm]' : `${format} [HH:mm[:ss]]`;
  if (format === 'ISO') {
    const day = ISO_DATE.exec(text);
    if (day) return calendarDate(Number(day[1]), Number(day[2]), Number(day[3]), 0, 0, 0) ?? `is not a real date (${expected})`;
    if (!ISO_DATE_TIME.test(text)) return `must be a date in ISO 8601 (${expected})`;
    const [date] = text.split(/[T ]/i);
    const [y, m, d] = date.split('-').map(Number);
    if (!calendarDate(y, m, d, 0, 0, 0)) return `is not a real date (${expected})`;
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
    const moment = new Date(hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`);
    return Number.isNaN(moment.getTime()) ? `is not a valid date-time (${expected})` : moment;
  }
  const [datePart, timePart, ...rest] = text.split(/\s+/);
  const layout = DAY_MONTH_YEAR[format];
  const match = layout.pattern.exec(datePart);
  const time = timePart === undefined ? ['', '0', '0', '0'] : TIME.exec(timePart);
  if (!match || !time || rest.length > 0) return `must be a date in ${expected}`;
  const parts = { d: 0, m: 0, y: 0 };
  layout.order.forEach((part, i) => (parts[part] = Number(match[i + 1])));
  return (
    calendarDate(parts.y, parts.m, parts.d, Number(time[1]), Number(time[2]), Number(time[3] ?? 0)) ?? `is not a real date (${expected})`
  );
}

function calendarDate(y: number, m: number, d: number, hh: number, mm: number, ss: number): Date | undefined {
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const moment = new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
  // Date.UTC rolls 31/02 over to March: a day the calendar does not have is refused.
  if (moment.getUTCFullYear() !== y || moment.getUTCMonth() !== m - 1 || moment.getUTCDate() !== d) return undefined;
  return moment;
}

/** A query or form value to a date format, or why it is none. */
export function dateFormatOf(value: string | undefined): DateFormat | string {
  if (value === undefined || value.trim() === '') return 'ISO';
  const wanted = value.trim().toUpperCase();
  return (DATE_FORMATS as readonly string[]).includes(wanted)
    ? (wanted as DateFormat)
    : `must be one of ${DATE_FORMATS.join(', ')} (got ${value.slice(0, 40)})`;
}

/** A query or form value to a file kind, or why it is none. */
export function fileKindOf(value: string | undefined): FileKind | string {
  if (value === undefined || value.trim() === '') return 'movements';
  return (FILE_KINDS as readonly string[]).includes(value.trim()) ? (value.trim() as FileKind) : `must be one of ${FILE_KINDS.join(', ')}`;
}

/** One line of a CSV rejection report or template: fields quoted when they hold a comma, quote or line break, formulas defused. */
export function csvLine(fields: readonly (string | number)[]): string {
  return (
    fields
      .map((field) => {
        let text = String(field);
        // A spreadsheet would run a cell starting with = + - @ as a formula: a quote in front keeps it text.
        if (/^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text)) text = `'${text}`;
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(',') + '\r\n'
  );
}

/** A row with nothing in it is skipped: spreadsheets end with some. */
export const isEmptyRow = (cells: readonly CellValue[]): boolean =>
  cells.every((cell) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === ''));

/** What a batch of rows makes: the movements to take in (with their rows) and the rows rejected. */
export interface RowsJudged {
  movements: Array<{ row: number; cells: readonly CellValue[]; movement: StockMovement }>;
  rejections: RowRejection[];
  rejectedRows: number;
}

/** A batch of data rows to movements and rejections, by the rules of their fields (movementOfRow); empty rows are skipped. */
export function judgeRows(rows: ReadonlyArray<{ row: number; cells: readonly CellValue[] }>, context: RowContext): RowsJudged {
  const judged: RowsJudged = { movements: [], rejections: [], rejectedRows: 0 };
  for (const { row, cells } of rows) {
    if (isEmptyRow(cells)) continue;
    const outcome = movementOfRow(cells, row, context);
    if ('movement' in outcome) judged.movements.push({ row, cells, movement: outcome.movement });
    else {
      judged.rejections.push(...outcome.rejections);
      judged.rejectedRows++;
    }
  }
  return judged;
}

/**
 * A template for an agreement: the header row of a kind of file, then one example row per agreement
 * line with its site, item and unit filled in; the buyer fills in the quantities and dates (and, in a
 * movements file, changes the kind where it is not a receipt).
 */
export function templateRows(lines: ReadonlyArray<{ siteId: string; itemId: string; unit: string }>, kind: FileKind): string[][] {
  const columns = FILE_COLUMNS[kind];
  const example = (line: { siteId: string; itemId: string; unit: string }): string[] =>
    columns.map(({ header }) => {
      if (header === 'site_id') return line.siteId;
      if (header === 'item_id') return line.itemId;
      if (header === 'unit') return line.unit;
      if (header === 'kind') return 'RECEIPT';
      return '';
    });
  return [columns.map((c) => c.header), ...lines.map(example)];
}
