import { breachesForStockout } from './penalty-rule';

const agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
};
const level = { eventId: 'lvl-5', buyerId: 'acme', siteId: 'plant-lyon', itemId: 'brake-pad', asOf: new Date('2026-03-10T08:00:00Z') };

describe('penalty rule', () => {
  it('reports a stockout inside the allowance with nothing due', () => {
    expect(breachesForStockout({ level, period: '2026-03', stockoutsInPeriod: 1 }, agreement)).toEqual([
      {
        eventId: 'lvl-5/stockout',
        kind: 'STOCKOUT',
        agreementId: 'AGR-1',
        buyerId: 'acme',
        supplierId: 'northwind',
        siteId: 'plant-lyon',
        itemId: 'brake-pad',
        occurredAt: level.asOf,
        period: '2026-03',
        stockoutsInPeriod: 1,
        allowedStockoutsPerPeriod: 1,
        penaltyAmount: 0,
        currency: 'EUR',
        stockLevelEventId: 'lvl-5',
      },
    ]);
  });

  it('claims the agreed penalty for each stockout beyond the allowance', () => {
    const second = breachesForStockout({ level, period: '2026-03', stockoutsInPeriod: 2 }, agreement);
    expect(second.map((b) => [b.eventId, b.kind, b.stockoutsInPeriod, b.penaltyAmount, b.currency])).toEqual([
      ['lvl-5/stockout', 'STOCKOUT', 2, 0, 'EUR'],
      ['lvl-5/penalty', 'PENALTY', 2, 250, 'EUR'],
    ]);
    const third = breachesForStockout({ level, period: '2026-03', stockoutsInPeriod: 3 }, agreement);
    expect(third.filter((b) => b.kind === 'PENALTY').map((b) => b.penaltyAmount)).toEqual([250]);
  });

  it('with no allowance, penalises the first stockout', () => {
    const strict = { ...agreement, penalties: { allowedStockoutsPerMonth: 0, penaltyPerStockout: 99.5 } };
    expect(breachesForStockout({ level, period: '2026-03', stockoutsInPeriod: 1 }, strict).map((b) => [b.kind, b.penaltyAmount])).toEqual([
      ['STOCKOUT', 0],
      ['PENALTY', 99.5],
    ]);
  });
});
