import { Agreement } from '@smi/agreements';
import { SlaBreach } from '@smi/contracts';
import { kpisFor } from './sla-kpis';

const agreement: Agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [
    { siteId: 'lyon', itemId: 'pad', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
    { siteId: 'turin', itemId: 'pad', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
  ],
};

const breach = (kind: SlaBreach['kind'], n: number, overrides: Partial<SlaBreach> = {}): SlaBreach => ({
  eventId: `lvl-${n}/${kind.toLowerCase()}`,
  kind,
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  siteId: 'lyon',
  itemId: 'pad',
  occurredAt: new Date('2026-03-10T00:00:00Z'),
  period: '2026-03',
  stockoutsInPeriod: n,
  allowedStockoutsPerPeriod: 1,
  penaltyAmount: kind === 'PENALTY' || n > 1 ? 250 : 0,
  currency: 'EUR',
  stockLevelEventId: `lvl-${n}`,
  ...overrides,
});

describe('SLA KPIs per agreement line', () => {
  it('counts stockouts and totals penalties per line, listing lines without stockouts too', () => {
    const breaches = [breach('STOCKOUT', 1), breach('STOCKOUT', 2), breach('PENALTY', 2), breach('STOCKOUT', 3), breach('PENALTY', 3)];
    expect(kpisFor('2026-03', [agreement], breaches)).toEqual([
      {
        agreementId: 'AGR-1',
        buyerId: 'acme',
        supplierId: 'northwind',
        siteId: 'lyon',
        itemId: 'pad',
        period: '2026-03',
        stockouts: 3,
        allowedStockouts: 1,
        penalties: 2,
        penaltiesTotal: 500,
        currency: 'EUR',
      },
      {
        agreementId: 'AGR-1',
        buyerId: 'acme',
        supplierId: 'northwind',
        siteId: 'turin',
        itemId: 'pad',
        period: '2026-03',
        stockouts: 0,
        allowedStockouts: 1,
        penalties: 0,
        penaltiesTotal: 0,
        currency: 'EUR',
      },
    ]);
  });

  it('leaves out agreements not in force in the period and breaches of other periods', () => {
    expect(kpisFor('2027-03', [agreement], [breach('STOCKOUT', 1)])).toEqual([]);
  });

  it('keeps a line with breaches whose agreement is no longer in the book', () => {
    const [kpi] = kpisFor(
      '2026-03',
      [],
      [breach('STOCKOUT', 1, { agreementId: 'AGR-OLD', allowedStockoutsPerPeriod: 2, currency: 'USD' })],
    );
    expect(kpi).toMatchObject({ agreementId: 'AGR-OLD', stockouts: 1, allowedStockouts: 2, penaltiesTotal: 0, currency: 'USD' });
  });
});
