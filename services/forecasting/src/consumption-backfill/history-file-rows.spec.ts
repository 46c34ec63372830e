import { dayNumberOfText } from '../consumption-history/calendar-days';
import { historyRowOf, missingColumns, rejectionsOfRefusals, withoutRepeatedDays, type FileRow } from './history-file-rows';

const today = dayNumberOfText('2026-03-12');
const row = { siteId: 'lyon', itemId: 'pad', unit: 'EA', periodStart: '2026-03-02', periodDays: '7', quantity: '12.5', stockout: '' };

describe('a row of a consumption history file', () => {
  it('is a series of one period', () => {
    expect(historyRowOf(row, 2, today)).toEqual({
      series: {
        siteId: 'lyon',
        itemId: 'pad',
        unit: 'EA',
        periodDays: 7,
        periods: [{ start: dayNumberOfText('2026-03-02'), quantity: 12.5, stockout: false }],
      },
    });
    const flagged = historyRowOf({ ...row, stockout: 'YES' }, 2, today);
    expect('series' in flagged && flagged.series.periods[0].stockout).toBe(true);
  });

  it('names each bad cell with its line, column and value', () => {
    expect(historyRowOf({ ...row, quantity: '1,200', periodStart: '2026-03-03', stockout: 'maybe' }, 9, today)).toEqual({
      rejections: [
        { row: 9, column: 'periodStart', value: '2026-03-03', reason: 'must be a Monday for weekly periods (got 2026-03-03)' },
        { row: 9, column: 'quantity', value: '1,200', reason: 'must be a plain decimal number like 12 or 12.5' },
        { row: 9, column: 'stockout', value: 'maybe', reason: 'must be true, false, 1, 0, yes, no or empty' },
      ],
    });
    expect(historyRowOf({ ...row, itemId: '', periodDays: '30' }, 4, today)).toEqual({
      rejections: [
        { row: 4, column: 'itemId', value: '', reason: 'is required and must be a non-empty string' },
        { row: 4, column: 'periodDays', value: '30', reason: 'must be 1 (days) or 7 (weeks from Monday)' },
      ],
    });
  });

  it('needs every column but stockout in the header', () => {
    expect(missingColumns(['siteId', 'itemId', 'unit', 'periodStart', 'periodDays', 'quantity'])).toEqual([]);
    expect(missingColumns(['siteId', 'item', 'unit', 'periodStart', 'periodDays', 'quantity'])).toEqual(['itemId']);
  });
});

describe('the rows of a file together', () => {
  const fileRow = (row: number, start: string, periodDays: 1 | 7, itemId = 'pad'): FileRow => ({
    row,
    series: { siteId: 'lyon', itemId, unit: 'EA', periodDays, periods: [{ start: dayNumberOfText(start), quantity: 1, stockout: false }] },
  });

  it('refuses a row covering a day an earlier row covers, naming it; another item’s day is its own', () => {
    const rows = [
      fileRow(2, '2026-03-02', 7),
      fileRow(3, '2026-03-02', 1, 'disc'),
      fileRow(4, '2026-03-05', 1),
      fileRow(5, '2026-03-09', 1),
    ];
    expect(withoutRepeatedDays(rows)).toEqual({
      rows: [rows[0], rows[1], rows[3]],
      rejections: [{ row: 4, column: 'periodStart', value: '2026-03-05', reason: 'covers 2026-03-05, which row 2 covers already' }],
    });
  });

  it('names the cell an agreement refusal is about', () => {
    const rows = [fileRow(2, '2026-03-02', 1), fileRow(7, '2026-03-03', 1)];
    expect(rejectionsOfRefusals(rows, [{ index: 1, field: 'unit', problem: 'is EA but agreement A keeps lyon x pad in KG' }])).toEqual([
      { row: 7, column: 'unit', value: 'EA', reason: 'is EA but agreement A keeps lyon x pad in KG' },
    ]);
  });
});
