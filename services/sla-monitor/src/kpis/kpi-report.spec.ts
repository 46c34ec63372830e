import { Agreement } from '@smi/agreements';
import { LineDay, periodOf } from '@smi/service-levels';
import { agreementReport, inForceDuring, worstLines } from './kpi-report';

const agreement: Agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [
    {
      siteId: 'lyon',
      itemId: 'pad',
      unit: 'EA',
      minimum: 10,
      maximum: 50,
      leadTimeDays: 2,
      packMultiple: 5,
      penalties: { fillRateFloor: 0.9 },
    },
    { siteId: 'turin', itemId: 'pad', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 },
  ],
};

/** A day of a line: closing on-hand, and demand met or not. */
const day = (date: string, closingOnHand: number, demand: number, metFromStock: number): LineDay => ({
  day: date,
  closingOnHand,
  lowestOnHand: closingOnHand,
  hoursStockedOut: closingOnHand <= 0 ? 24 : 0,
  demand,
  metFromStock,
  issued: metFromStock,
  stockLevelEventIds: [],
  stockoutsBegun: [],
  stockoutsEnded: [],
});

describe('the KPI report of an agreement', () => {
  const period = periodOf('2026-03-02');
  const report = agreementReport(
    {
      agreement,
      version: 3,
      accuracy: null,
      lines: [
        // Lyon in stock, 10 asked and met; Turin out of stock, 10 asked and none met.
        {
          line: agreement.lines[0],
          days: [day('2026-03-02', 20, 10, 10)],
          deliveries: [],
          accuracy: null,
        },
        { line: agreement.lines[1], days: [day('2026-03-02', 0, 10, 0)], deliveries: [], accuracy: null },
      ],
    },
    period,
    new Date('2026-04-01T00:00:00Z'),
  );

  it("reads each line against its own band, target and fill-rate floor, and rolls the lines up to the agreement's", () => {
    expect(report.lines.map((l) => [l.siteId, l.targets])).toEqual([
      ['lyon', { minimum: 10, maximum: 50, serviceLevel: null, fillRateFloor: 0.9 }],
      ['turin', { minimum: 10, maximum: 50, serviceLevel: null, fillRateFloor: null }],
    ]);
    expect(report.lines.map((l) => l.kpis.fillRate.rate)).toEqual([1, 0]);
    // 10 met of 20 asked over both lines.
    expect(report.kpis.fillRate).toEqual({ demand: 20, metFromStock: 10, unmet: 10, rate: 0.5 });
    expect(report.kpis.stockouts).toMatchObject({ days: 2, stockoutDays: 1, rate: 0.5 });
    expect(report).toMatchObject({ agreementId: 'AGR-1', agreementVersion: 3, currency: 'EUR' });
  });

  it('names the worst lines first, leaving out lines without a shortfall', () => {
    expect(worstLines(report.lines, 5).map((l) => l.siteId)).toEqual(['turin']);
  });

  it('knows whether an agreement is in force during a period', () => {
    expect(inForceDuring(agreement, periodOf('2026-12'))).toBe(true);
    expect(inForceDuring(agreement, periodOf('2027-01'))).toBe(false);
  });
});
