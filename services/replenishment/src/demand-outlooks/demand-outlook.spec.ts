import { DemandForecast } from '@smi/contracts';
import { newestPerSiteItem, outlookFromForecast, similarSizesPerBuyer, supersedes, withSimilarSizes } from './demand-outlook';

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

describe('similar sizes', () => {
  it("pools each buyer's items' sizes, each over the mean of its item's other sizes, and keeps buyers apart", () => {
    const pools = similarSizesPerBuyer([
      { buyerId: 'acme', quantities: [0, 2, 0, 2, 0] },
      { buyerId: 'acme', quantities: [1, 1, 0, 4] },
      { buyerId: 'globex', quantities: [5, 0, 5] },
      { buyerId: 'globex', quantities: [0, 9, 0] },
    ]);
    // acme: 2 over 2, twice; 1 over mean(1, 4), twice; 4 over mean(1, 1). globex's one-demand item has no other size to be measured against.
    expect(pools.get('acme')).toEqual([1, 1, 0.4, 0.4, 4]);
    expect(pools.get('globex')).toEqual([1, 1]);
  });

  it('gives the pool to an outlook with a history only, since only a history is drawn from', () => {
    const pools = new Map([['acme', [1, 4]]]);
    const withHistory = outlookFromForecast(forecast({ recentDemand: [0, 3, 0, 1] }));
    expect(withSimilarSizes(withHistory, pools).similarSizes).toEqual([1, 4]);
    expect(withSimilarSizes(outlookFromForecast(forecast()), pools).similarSizes).toBeUndefined();
    expect(withSimilarSizes({ ...withHistory, buyerId: 'globex' }, pools).similarSizes).toBeUndefined();
  });
});
