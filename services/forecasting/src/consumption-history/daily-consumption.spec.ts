import { StockLevel } from '@smi/contracts';
import { consumptionOf, utcDayOf } from './daily-consumption';

const level = (overrides: Partial<StockLevel> = {}): StockLevel => ({
  eventId: 'mv-1/stock-level',
  buyerId: 'buyer',
  siteId: 'site',
  itemId: 'item',
  onHand: 90,
  unit: 'EA',
  sequence: 2,
  asOf: new Date('2026-03-04T10:00:00Z'),
  movementId: 'mv-1',
  movementKind: 'CONSUMPTION',
  movementQuantity: 10,
  orderReference: null,
  ...overrides,
});

describe('daily consumption', () => {
  it('buckets a consumption by the UTC day of asOf', () => {
    expect(consumptionOf(level(), undefined)).toEqual({
      kind: 'consumption',
      consumption: { day: '2026-03-04', quantity: 10, unit: 'EA' },
    });
  });

  it('puts a consumption late at night in a site east of UTC on its UTC day', () => {
    // 00:30 in Paris (UTC+1) is still the previous day in UTC.
    expect(utcDayOf(new Date('2026-03-05T00:30:00+01:00'))).toBe('2026-03-04');
    expect(utcDayOf(new Date('2026-03-04T23:59:59.999Z'))).toBe('2026-03-04');
  });

  it('takes receipts, adjustments and counts as no demand', () => {
    for (const movementKind of ['RECEIPT', 'ADJUSTMENT', 'COUNT'] as const) {
      expect(consumptionOf(level({ movementKind }), 'EA')).toEqual({ kind: 'not-demand' });
    }
  });

  it('refuses a consumption of zero or less, naming the field', () => {
    expect(consumptionOf(level({ movementQuantity: 0 }), undefined)).toEqual({
      kind: 'refused',
      field: 'movementQuantity',
      problem: 'must be greater than 0 for a CONSUMPTION (got 0)',
    });
  });

  it('refuses a consumption in another unit than the history is kept in', () => {
    expect(consumptionOf(level({ unit: 'KG' }), 'EA')).toEqual({
      kind: 'refused',
      field: 'unit',
      problem: 'is KG but consumption of site x item is kept in EA',
    });
  });
});
