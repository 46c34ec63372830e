import {
  columnsOf,
  csvLine,
  dateFormatOf,
  dateOf,
  derivedMovementId,
  judgeRows,
  movementOfRow,
  quantityOf,
  RowContext,
  templateRows,
} from './file-rows';

const now = new Date('2026-03-10T12:00:00Z');
const HEADER = ['Movement ID', 'site_id', 'ITEM_ID', 'kind', 'quantity', 'unit', 'occurred-at', 'order_reference'];
const context = (overrides: Partial<RowContext> = {}): RowContext => ({
  kind: 'movements',
  buyerId: 'acme',
  dateFormat: 'ISO',
  positions: columnsOf('movements', HEADER).positions,
  fileHash: 'ab'.repeat(32),
  now,
  ...overrides,
});

describe('the header row', () => {
  it('finds the columns in any order, ignoring case, spaces and dashes, and names those missing or given twice', () => {
    const { positions, missing } = columnsOf('movements', HEADER);
    expect(missing).toEqual([]);
    expect(positions.get('movement_id')).toBe(0);
    expect(positions.get('occurred_at')).toBe(6);
    expect(columnsOf('movements', ['site_id', 'item_id', 'quantity', 'unit', 'note']).missing).toEqual(['kind', 'occurred_at']);
    expect(columnsOf('snapshot', ['site_id', 'item_id', 'quantity', 'unit', 'counted_at', 'Site ID']).repeated).toEqual(['site_id']);
    expect(columnsOf('snapshot', ['site_id', 'item_id', 'quantity', 'unit', 'counted_at']).missing).toEqual([]);
  });
});

describe('a row to a movement', () => {
  it('makes the movement of a good row, its id the buyer’s or derived from the file and row', () => {
    const row = ['', 'plant-1', 'bolt', 'receipt', '12.5', 'KG', '2026-03-09', 'PO-7'];
    expect(movementOfRow(row, 4, context())).toEqual({
      row: 4,
      movement: {
        eventId: derivedMovementId('ab'.repeat(32), 4),
        buyerId: 'acme',
        siteId: 'plant-1',
        itemId: 'bolt',
        kind: 'RECEIPT',
        quantity: 12.5,
        unit: 'KG',
        occurredAt: new Date('2026-03-09T00:00:00Z'),
        source: 'file',
        orderReference: 'PO-7',
      },
    });
    const mine = movementOfRow(['erp-9', 'plant-1', 'bolt', 'COUNT', 3, 'EA', '2026-03-09T10:00:00+02:00', ''], 5, context());
    expect(mine).toMatchObject({
      movement: { eventId: 'erp-9', kind: 'COUNT', occurredAt: new Date('2026-03-09T08:00:00Z'), orderReference: null },
    });
    expect(derivedMovementId('ab'.repeat(32), 4)).not.toBe(derivedMovementId('ab'.repeat(32), 5));
  });

  it('names each column at fault with the value found, by the same rules as a REST or Kafka movement', () => {
    const outcome = movementOfRow(['', '', 'bolt', 'LEAK', '1,5', 'EA', '2026-03-30', ''], 7, context());
    expect(outcome).toEqual({
      row: 7,
      rejections: [
        { row: 7, column: 'site_id', value: '', reason: 'is required and must be a non-empty string' },
        { row: 7, column: 'kind', value: 'LEAK', reason: 'must be one of RECEIPT, CONSUMPTION, ADJUSTMENT, COUNT' },
        { row: 7, column: 'quantity', value: '1,5', reason: 'must be a number with a point for decimals (no thousands separators)' },
        { row: 7, column: 'occurred_at', value: '2026-03-30', reason: 'is more than a day in the future (2026-03-30T00:00:00.000Z)' },
      ],
    });
    expect(movementOfRow(['', 'p', 'bolt', 'CONSUMPTION', '-2', 'EA', '2026-03-09', ''], 8, context())).toEqual({
      row: 8,
      rejections: [{ row: 8, column: 'quantity', value: '-2', reason: 'must be greater than 0 for a CONSUMPTION (got -2)' }],
    });
  });

  it('reads a snapshot row as a COUNT at counted_at', () => {
    const header = ['item_id', 'site_id', 'quantity', 'unit', 'counted_at'];
    const snapshot = context({ kind: 'snapshot', positions: columnsOf('snapshot', header).positions });
    expect(movementOfRow(['bolt', 'plant-1', '40', 'EA', '2026-03-08'], 2, snapshot)).toMatchObject({
      movement: { kind: 'COUNT', quantity: 40, occurredAt: new Date('2026-03-08T00:00:00Z') },
    });
    expect(movementOfRow(['bolt', 'plant-1', '-1', 'EA', ''], 3, snapshot)).toEqual({
      row: 3,
      rejections: [
        { row: 3, column: 'quantity', value: '-1', reason: 'must be 0 or more for a COUNT (got -1)' },
        { row: 3, column: 'counted_at', value: '', reason: 'is required' },
      ],
    });
  });

  it('skips empty rows and counts rejected rows once however many columns are at fault', () => {
    const judged = judgeRows(
      [
        { row: 2, cells: ['', 'p', 'bolt', 'RECEIPT', '1', 'EA', '2026-03-09', ''] },
        { row: 3, cells: ['', '', '', '', '', '', '', ''] },
        { row: 4, cells: ['', '', 'bolt', 'LEAK', 'x', 'EA', '2026-03-09', ''] },
      ],
      context(),
    );
    expect(judged.movements.map((m) => m.row)).toEqual([2]);
    expect(judged.rejectedRows).toBe(1);
    expect(judged.rejections.map((r) => r.column)).toEqual(['site_id', 'kind', 'quantity']);
  });
});

describe('dates', () => {
  it('reads ISO 8601 dates and date-times, UTC unless an offset is given', () => {
    expect(dateOf('2026-03-09', 'ISO')).toEqual(new Date('2026-03-09T00:00:00Z'));
    expect(dateOf('2026-03-09T10:15', 'ISO')).toEqual(new Date('2026-03-09T10:15:00Z'));
    expect(dateOf('2026-03-09 10:15:30', 'ISO')).toEqual(new Date('2026-03-09T10:15:30Z'));
    expect(dateOf('2026-03-09T10:15:30.5-05:00', 'ISO')).toEqual(new Date('2026-03-09T15:15:30.500Z'));
    expect(dateOf('2026-02-30', 'ISO')).toMatch(/^is not a real date/);
    expect(dateOf('09/03/2026', 'ISO')).toMatch(/^must be a date in ISO 8601/);
  });

  it('reads the day-first, month-first and dotted formats a buyer names, with an optional time', () => {
    expect(dateOf('09/03/2026', 'DD/MM/YYYY')).toEqual(new Date('2026-03-09T00:00:00Z'));
    expect(dateOf('03/09/2026', 'MM/DD/YYYY')).toEqual(new Date('2026-03-09T00:00:00Z'));
    expect(dateOf('9.3.2026 8:05', 'DD.MM.YYYY')).toEqual(new Date('2026-03-09T08:05:00Z'));
    expect(dateOf('2026/03/09', 'YYYY/MM/DD')).toEqual(new Date('2026-03-09T00:00:00Z'));
    expect(dateOf('09-03-2026 23:59:59', 'DD-MM-YYYY')).toEqual(new Date('2026-03-09T23:59:59Z'));
    expect(dateOf('31/02/2026', 'DD/MM/YYYY')).toBe('is not a real date (DD/MM/YYYY [HH:mm[:ss]])');
    expect(dateOf('13/31/2026', 'MM/DD/YYYY')).toBe('is not a real date (MM/DD/YYYY [HH:mm[:ss]])');
    expect(dateOf('2026-03-09', 'DD/MM/YYYY')).toBe('must be a date in DD/MM/YYYY [HH:mm[:ss]]');
    expect(dateOf('09/03/2026 25:00', 'DD/MM/YYYY')).toMatch(/^is not a real date/);
  });

  it('takes a spreadsheet date cell as it is, and refuses a number or nothing', () => {
    expect(dateOf(new Date('2026-03-09T06:00:00Z'), 'DD/MM/YYYY')).toEqual(new Date('2026-03-09T06:00:00Z'));
    expect(dateOf(46090, 'ISO')).toMatch(/^must be a date as text/);
    expect(dateOf(undefined, 'ISO')).toBe('is required');
  });

  it('knows the formats by name, ISO by default', () => {
    expect(dateFormatOf(undefined)).toBe('ISO');
    expect(dateFormatOf('dd/mm/yyyy')).toBe('DD/MM/YYYY');
    expect(dateFormatOf('YY')).toMatch(/^must be one of ISO, DD\/MM\/YYYY/);
  });
});

describe('quantities', () => {
  it('takes numbers and decimal text with a point, and refuses commas, words and dates', () => {
    expect(quantityOf(3)).toBe(3);
    expect(quantityOf(' 12.50 ')).toBe(12.5);
    expect(quantityOf('-4')).toBe(-4);
    expect(quantityOf('1e3')).toBe(1000);
    expect(quantityOf('1,500')).toMatch(/^must be a number/);
    expect(quantityOf('five')).toMatch(/^must be a number/);
    expect(quantityOf('')).toBe('is required');
    expect(quantityOf(new Date())).toBe('must be a number, not a date');
  });
});

describe('templates and reports', () => {
  it('lists the header and a row per agreement line with site, item and unit filled in', () => {
    expect(templateRows([{ siteId: 'p', itemId: 'bolt', unit: 'EA' }], 'snapshot')).toEqual([
      ['movement_id', 'site_id', 'item_id', 'quantity', 'unit', 'counted_at'],
      ['', 'p', 'bolt', '', 'EA', ''],
    ]);
    expect(templateRows([{ siteId: 'p', itemId: 'bolt', unit: 'EA' }], 'movements')[1]).toEqual([
      '',
      'p',
      'bolt',
      'RECEIPT',
      '',
      'EA',
      '',
      '',
    ]);
  });

  it('quotes CSV fields that need it and keeps a spreadsheet from running a value as a formula', () => {
    expect(csvLine([7, 'quantity', '1,5', 'said "no"'])).toBe('7,quantity,"1,5","said ""no"""\r\n');
    expect(csvLine(['=HYPERLINK("x")', '-3', '+1', '@SUM(A1)'])).toBe(`"'=HYPERLINK(""x"")",-3,+1,'@SUM(A1)\r\n`);
  });
});
