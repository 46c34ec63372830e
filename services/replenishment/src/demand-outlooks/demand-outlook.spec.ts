import { DemandForecast } from '@smi/contracts';
import { newestPerSiteItem, outlookFromForecast, supersedes } from './demand-outlook';

const forecast = (overrides: Partial<DemandForecast> = {}): DemandForecast => ({
  eventId: 'f-1',
  buyerId: 'acme',
  siteId: 'lyon',
  itemId: 'pad',
  unit: 'EA',
  method: 'moving-average-7',
  periodDays: 7,
  demandPerPeriod: 70,
  standardDeviationPerPeriod: 14,
  periodsObserved: 8,
  generatedAt: new Date('2026-03-01T00:00:00Z'),
  basedOnMovementId: 'm-1',
  demandClass: 'smooth',
  recentDemand: [],
  agreementId: null,
  firstPeriodStart: null,
  horizonDemand: [],
  censoredPeriods: 0,
  methodScore: null,
  runnerUpMethod: null,
  runnerUpScore: null,
  methodScores: [],
  leadTimePeriods: 0,
  leadTimeErrorVariance: null,
  ...overrides,
});

describe('demand outlook from a forecast', () => {
  it('turns a weekly forecast into daily demand, the spread scaling with the square root of the days', () => {
    const outlook = outlookFromForecast(forecast());
    expect(outlook.perDay).toBe(10);
    expect(outlook.stdDevPerDay).toBeCloseTo(14 / Math.sqrt(7), 12);
  });

  it('passes on the demand class and the history the forecast was drawn from', () => {
    const outlook = outlookFromForecast(forecast({ demandClass: 'lumpy', recentDemand: [0, 0, 9, 0, 1] }));
    expect(outlook.demandClass).toBe('lumpy');
    expect(outlook.history).toEqual({ bucketDays: 7, quantities: [0, 0, 9, 0, 1] });
  });

  it("takes the backtest's error over the lead time, in days: 3 weekly periods are 21 days", () => {
    const outlook = outlookFromForecast(forecast({ leadTimePeriods: 3, leadTimeErrorVariance: 900 }));
    expect(outlook.leadTimeError).toEqual({ variance: 900, overDays: 21 });
  });

  it('has no lead-time error without a backtest', () => {
    expect(outlookFromForecast(forecast()).leadTimeError).toBeUndefined();
  });

  it('leaves class and history out for a forecast from before they were published', () => {
    const outlook = outlookFromForecast(forecast({ demandClass: '', recentDemand: [] }));
    expect([outlook.demandClass, outlook.history]).toEqual([undefined, undefined]);
  });

  it('keeps a daily forecast as it is', () => {
    const outlook = outlookFromForecast(forecast({ periodDays: 1, demandPerPeriod: 4, standardDeviationPerPeriod: 2 }));
    expect([outlook.perDay, outlook.stdDevPerDay]).toEqual([4, 2]);
  });

  it('never lets an older forecast replace a newer one', () => {
    const newer = outlookFromForecast(forecast({ generatedAt: new Date('2026-03-02T00:00:00Z') }));
    const older = outlookFromForecast(forecast());
    expect(supersedes(older, newer)).toBe(false);
    expect(supersedes(newer, older)).toBe(true);
    expect(supersedes(older, undefined)).toBe(true);
  });

  it('keeps one outlook per site x item of a batch: the last, unless an earlier one is newer, as storing them one by one would', () => {
    const at = (day: number) => new Date(`2026-03-0${day}T00:00:00Z`);
    const batch = [
      outlookFromForecast(forecast({ eventId: 'f-1', generatedAt: at(1) })),
      outlookFromForecast(forecast({ eventId: 'f-2', itemId: 'disc', generatedAt: at(3) })),
      outlookFromForecast(forecast({ eventId: 'f-3', generatedAt: at(2) })),
      outlookFromForecast(forecast({ eventId: 'f-4', itemId: 'disc', generatedAt: at(2) })),
      outlookFromForecast(forecast({ eventId: 'f-5', generatedAt: at(2) })),
    ];
    expect(newestPerSiteItem(batch).map((o) => o.forecastEventId)).toEqual(['f-3', 'f-2']);
  });
});
