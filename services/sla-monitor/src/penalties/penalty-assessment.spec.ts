import { Agreement, AgreementVersion } from '@smi/agreements';
import { DeliveryLine, LineDay } from '@smi/service-levels';
import { assessMonth, partiesOf } from './penalty-assessment';

const line = { siteId: 'plant-1', itemId: 'coolant' };
const terms = (
  perStockoutDay: number,
  allowed: number,
  more: Partial<NonNullable<Agreement['lines'][0]['penalties']>> = {},
): Agreement => ({
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: allowed, penaltyPerStockout: 300 },
  lines: [{ ...line, unit: 'L', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5, penalties: { perStockoutDay, ...more } }],
});
const version = (v: number, effectiveFrom: string, agreement: Agreement): AgreementVersion => ({
  agreement,
  version: v,
  effectiveFrom,
  status: 'active',
  changedBy: 'acme',
  changedAt: effectiveFrom,
  changeReason: 'test',
});
// Version 1: 50 EUR a stockout day, one stockout a month allowed, 30.125 EUR a day late.
// Version 2 from 20 March 09:00: 80 EUR a stockout day, none allowed, a 90% fill-rate floor at 500 EUR.
const history = [
  version(1, '2026-01-01T00:00:00Z', terms(50, 1, { perLateDelivery: 30.125 })),
  version(2, '2026-03-20T09:00:00Z', terms(80, 0, { fillRateFloor: 0.9, perFillRateShortfall: 500 })),
];

const day = (date: string, out: { begun?: string } | null = null): LineDay => ({
  day: date,
  closingOnHand: out ? -2 : 20,
  lowestOnHand: out ? -2 : 12,
  hoursStockedOut: out ? 24 : 0,
  // A stocked-out day asks 20 and meets nothing; any other asks and meets 10.
  demand: out ? 20 : 10,
  metFromStock: out ? 0 : 10,
  issued: out ? 0 : 10,
  stockLevelEventIds: [`level-${date}`],
  stockoutsBegun: out?.begun ? [{ at: new Date(`${date}T${out.begun}Z`), stockLevelEventId: `level-${date}`, onHand: -2 }] : [],
  stockoutsEnded: [],
});
const march = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
// Out on the 10th (begun 14:00) and 11th, back on the 12th, out again on the 21st (begun 06:00).
const days = march.map((d) =>
  d === '2026-03-10'
    ? day(d, { begun: '14:00:00' })
    : d === '2026-03-11'
      ? day(d, {})
      : d === '2026-03-21'
        ? day(d, { begun: '06:00:00' })
        : day(d),
);
const late: DeliveryLine = {
  orderId: 'order-7',
  shipmentId: 'shipment-3',
  ...line,
  orderedAt: new Date('2026-03-09T10:00:00Z'),
  promisedAt: new Date('2026-03-12T12:00:00Z'),
  deliveredAt: new Date('2026-03-14T08:00:00Z'),
  orderedQuantity: 40,
  dispatchedQuantity: 40,
  receivedQuantity: 40,
  wrongItemReceived: false,
  agreedLeadTimeDays: 2,
  receiptEventIds: ['receipt-level-1'],
};

describe('assessing an agreement month', () => {
  const assessed = assessMonth(history, '2026-03', [line], [{ days, deliveries: [late] }]);
  const summary = assessed.map((p) => [p.rule, p.agreementVersion, p.quantity, p.rate, p.amount]);

  it('prices each breach by the version in force on its day', () => {
    expect(summary).toEqual(
      expect.arrayContaining([
        // 10th and 11th under version 1: 2 x 50 = 100; the 21st under version 2: 1 x 80 = 80.
        ['STOCKOUT_DAYS', 1, 2, 50, 100],
        ['STOCKOUT_DAYS', 2, 1, 80, 80],
        // Promised the 12th, arrived the 14th: 2 days x 30.125 = 60.25.
        ['LATE_DELIVERY', 1, 2, 30.125, 60.25],
        // Two stockouts begun: the first within version 1's allowance of one, the second beyond version 2's none: 1 x 300.
        ['STOCKOUTS_BEYOND_ALLOWANCE', 2, 1, 300, 300],
        // Demand 28 x 10 + 3 x 20 = 340, met 280: 82.35% below version 2's floor of 90% (in force on the 31st).
        ['FILL_RATE_FLOOR', 2, 1, 500, 500],
      ]),
    );
    expect(assessed).toHaveLength(5);
  });

  it('names the line and the evidence a reader can fetch', () => {
    expect(assessed.every((p) => p.siteId === 'plant-1' && p.itemId === 'coolant' && p.currency === 'EUR')).toBe(true);
    const stockoutV1 = assessed.find((p) => p.rule === 'STOCKOUT_DAYS' && p.agreementVersion === 1)!;
    expect(stockoutV1.evidence.filter((e) => e.kind === 'STOCKOUT_DAY').map((e) => e.id)).toEqual(['2026-03-10', '2026-03-11']);
    const lateness = assessed.find((p) => p.rule === 'LATE_DELIVERY')!;
    expect(lateness.evidence.map((e) => [e.kind, e.id])).toEqual([
      ['ORDER', 'order-7'],
      ['SHIPMENT', 'shipment-3'],
      ['RECEIPT', 'receipt-level-1'],
    ]);
  });

  it('owes the month between the newest version parties', () => {
    expect(partiesOf(history)).toEqual({ agreementId: 'AGR-1', buyerId: 'acme', supplierId: 'northwind' });
  });
});
