import { Penalty } from '@smi/contracts';
import { AssessedPenalty, penaltyIdOf, revisionsFor } from './penalty-revisions';

const parties = { agreementId: 'AGR-1', buyerId: 'acme', supplierId: 'northwind' };
const closedAt = new Date('2026-04-02T00:00:00Z');
const correctedAt = new Date('2026-04-09T10:00:00Z');

const stockoutDays = (days: number): AssessedPenalty => ({
  siteId: 'plant-1',
  itemId: 'coolant',
  rule: 'STOCKOUT_DAYS',
  agreementVersion: 2,
  quantity: days,
  rate: 50,
  amount: days * 50,
  currency: 'EUR',
  explanation: `${days} stockout days x 50.00 EUR = ${(days * 50).toFixed(2)} EUR`,
  evidence: [{ kind: 'STOCKOUT_DAY', id: '2026-03-10', at: null, quantity: -4, note: 'ended the day at -4' }],
});
const lateDelivery: AssessedPenalty = {
  siteId: 'plant-1',
  itemId: 'coolant',
  rule: 'LATE_DELIVERY',
  agreementVersion: 2,
  quantity: 2,
  rate: 30.125,
  amount: 60.25,
  currency: 'EUR',
  explanation: '2 days late x 30.125 EUR = 60.25 EUR',
  evidence: [{ kind: 'ORDER', id: 'order-7', at: null, quantity: 2, note: 'promised 2026-03-12, delivered 2026-03-14' }],
};

describe('penalty revisions of a month', () => {
  const stockoutId = 'AGR-1|v2|plant-1|coolant|2026-03|STOCKOUT_DAYS';
  const lateId = 'AGR-1|v2|plant-1|coolant|2026-03|LATE_DELIVERY';

  it('names a penalty by agreement, version, line, month and rule (site and item empty for the whole agreement)', () => {
    expect(penaltyIdOf('AGR-1', 2, 'plant-1', 'coolant', '2026-03', 'STOCKOUT_DAYS')).toBe(stockoutId);
    expect(penaltyIdOf('AGR-1', 1, null, null, '2026-03', 'STOCKOUTS_BEYOND_ALLOWANCE')).toBe(
      'AGR-1|v1|||2026-03|STOCKOUTS_BEYOND_ALLOWANCE',
    );
  });

  it('publishes revision 1 of each penalty due when the month closes, and nothing for one of 0', () => {
    const revisions = revisionsFor(
      parties,
      '2026-03',
      [stockoutDays(3), lateDelivery, { ...lateDelivery, rule: 'SHORT_DELIVERY', amount: 0 }],
      [],
      closedAt,
    );
    expect(revisions).toEqual([
      {
        eventId: `${stockoutId}/r1`,
        penaltyId: stockoutId,
        revision: 1,
        correctsEventId: null,
        agreementId: 'AGR-1',
        agreementVersion: 2,
        buyerId: 'acme',
        supplierId: 'northwind',
        siteId: 'plant-1',
        itemId: 'coolant',
        rule: 'STOCKOUT_DAYS',
        period: '2026-03',
        quantity: 3,
        rate: 50,
        amount: 150,
        difference: 150,
        currency: 'EUR',
        computedAt: closedAt,
        explanation: '3 stockout days x 50.00 EUR = 150.00 EUR',
        evidence: stockoutDays(3).evidence,
      },
      expect.objectContaining({ eventId: `${lateId}/r1`, amount: 60.25, difference: 60.25 }),
    ]);
  });

  it('corrects a penalty whose amount changed: revision 2 names revision 1 and the difference', () => {
    const first = revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], [], closedAt);
    // A late level shows a fourth stockout day: 4 x 50 = 200, 50 more than the 150 published.
    const corrected = revisionsFor(parties, '2026-03', [stockoutDays(4), lateDelivery], first, correctedAt);
    expect(corrected).toEqual([
      expect.objectContaining({
        eventId: `${stockoutId}/r2`,
        revision: 2,
        correctsEventId: `${stockoutId}/r1`,
        quantity: 4,
        amount: 200,
        difference: 50,
        computedAt: correctedAt,
        explanation: '4 stockout days x 50.00 EUR = 200.00 EUR (corrects 150.00 EUR of revision 1)',
      }),
    ]);
  });

  it('cancels a penalty that no longer applies with amount 0 and the whole amount as a negative difference', () => {
    const first = revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], [], closedAt);
    const corrected = revisionsFor(parties, '2026-03', [stockoutDays(3)], first, correctedAt);
    expect(corrected).toEqual([
      expect.objectContaining({
        eventId: `${lateId}/r2`,
        correctsEventId: `${lateId}/r1`,
        quantity: 0,
        amount: 0,
        difference: -60.25,
        evidence: [],
      }),
    ]);
    // Once cancelled, its absence changes nothing more; its return is revision 3.
    expect(revisionsFor(parties, '2026-03', [stockoutDays(3)], [first[0], corrected[0]], correctedAt)).toEqual([]);
    expect(revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], [first[0], corrected[0]], correctedAt)).toEqual([
      expect.objectContaining({ revision: 3, correctsEventId: `${lateId}/r2`, amount: 60.25, difference: 60.25 }),
    ]);
  });

  it('publishes a penalty appearing only after the close as revision 1', () => {
    const first = revisionsFor(parties, '2026-03', [stockoutDays(3)], [], closedAt);
    expect(revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], first, correctedAt)).toEqual([
      expect.objectContaining({ eventId: `${lateId}/r1`, revision: 1, correctsEventId: null, difference: 60.25 }),
    ]);
  });

  it('publishes nothing when the same facts give the same amounts, to the cent', () => {
    const first = revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], [], closedAt);
    expect(revisionsFor(parties, '2026-03', [stockoutDays(3), lateDelivery], first, correctedAt)).toEqual([]);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: still 30 cents.
    const cents: Penalty[] = [{ ...first[1], amount: 0.3 }];
    expect(revisionsFor(parties, '2026-03', [{ ...lateDelivery, amount: 0.1 + 0.2 }], cents, correctedAt)).toEqual([]);
  });

  it('treats a breach moved to another agreement version as a new penalty and cancels the old one', () => {
    const first = revisionsFor(parties, '2026-03', [stockoutDays(3)], [], closedAt);
    const corrected = revisionsFor(parties, '2026-03', [{ ...stockoutDays(3), agreementVersion: 3 }], first, correctedAt);
    expect(corrected.map((p) => [p.eventId, p.amount, p.difference])).toEqual([
      ['AGR-1|v3|plant-1|coolant|2026-03|STOCKOUT_DAYS/r1', 150, 150],
      [`${stockoutId}/r2`, 0, -150],
    ]);
  });
});
