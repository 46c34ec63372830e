import { leadTimeDemandQuantile, levelForFillRate } from './lead-time-demand';
import { safetyStockFor, type SafetyStockQuestion } from './safety-stock';

// The distribution itself is lead-time-demand.ts's (tested there); here, how
// safety stock uses it and what happens when the history cannot answer.
jest.mock('./lead-time-demand', () => ({ leadTimeDemandQuantile: jest.fn(), levelForFillRate: jest.fn() }));
const quantile = jest.mocked(leadTimeDemandQuantile);
const fillRateLevel = jest.mocked(levelForFillRate);

const history = { bucketDays: 30, quantities: [0, 0, 6, 0, 0, 0, 14, 0, 0, 3, 0, 0] };
const question = (overrides: Partial<SafetyStockQuestion>): SafetyStockQuestion => ({
  rule: { method: 'service-level' },
  serviceLevel: { measure: 'cycle-service-level', target: 0.95 },
  demand: { perDay: 0.0639, stdDevPerDay: 0.5, history },
  demandClass: 'intermittent',
  protectionDays: 60,
  leadTimeStdDevDays: 0,
  reviewDays: 0,
  cycleDemand: 1.9,
  ...overrides,
});

describe('safety stock for intermittent and lumpy demand', () => {
  beforeEach(() => jest.resetAllMocks());

  it('takes the cycle-service-level quantile of the item’s own demand over the protection interval', () => {
    quantile.mockReturnValue({ level: 14, promised: 0.962 });
    const ss = safetyStockFor(question({}))!;
    // The forecast's level per bucket goes with the history: the level from the forecast, the shape from the history.
    expect(quantile).toHaveBeenCalledWith({ ...history, expectedPerBucket: 0.0639 * 30 }, 60, 0.95);
    expect(ss.method).toBe('bootstrap');
    // reorder point = expected demand over P + safety stock = the quantile itself
    expect(ss.quantity).toBeCloseTo(14 - 0.0639 * 60, 9);
    expect(ss.basis).toBe(
      'intermittent demand, compound: level 1.92 a bucket of 30 days from the forecast; chance of demand from 3 of 12 buckets, with its uncertainty; ' +
        'its own 3 sizes, with the uncertainty of their mean: stock of 14 covers 60 days of demand with 95% probability, 3.83 of it expected demand, ' +
        'promising 96.2% (stock comes in whole units)',
    );
    expect(ss.promisedServiceLevel).toBe(0.962);
  });

  it('takes the fill-rate level for a fill-rate target, lumpy demand alike', () => {
    fillRateLevel.mockReturnValue({ level: 9, promised: 0.93 });
    const ss = safetyStockFor(question({ demandClass: 'lumpy', serviceLevel: { measure: 'fill-rate', target: 0.9 } }))!;
    expect(fillRateLevel).toHaveBeenCalledWith({ ...history, expectedPerBucket: 0.0639 * 30 }, 60, 0.9, 60, undefined, 'backorder');
    expect([ss.method, ss.serviceLevelTarget]).toEqual(['bootstrap', 0.9]);
  });

  it('weighs the item’s sizes against similar items’ and plans lost sales as lost when told', () => {
    fillRateLevel.mockReturnValue({ level: 9, promised: 0.93 });
    const similarSizes = [0.5, 1, 1.5];
    const ss = safetyStockFor(
      question({
        demand: { perDay: 0.0639, stdDevPerDay: 0.5, history, similarSizes },
        serviceLevel: { measure: 'fill-rate', target: 0.9 },
        unmetDemand: 'lost',
      }),
    )!;
    expect(fillRateLevel).toHaveBeenCalledWith(
      { ...history, expectedPerBucket: 0.0639 * 30, similarSizes },
      60,
      0.9,
      60,
      undefined,
      'lost',
    );
    expect(ss.basis).toContain('its own 3 sizes weighed against 3 sizes of similar items');
    expect(ss.basis).toContain('meets a 90% fill rate with unmet demand lost');
  });

  it('tells the fill-rate level which part of the interval one periodic order serves: the review period', () => {
    fillRateLevel.mockReturnValue({ level: 9, promised: 0.93 });
    safetyStockFor(question({ serviceLevel: { measure: 'fill-rate', target: 0.9 }, protectionDays: 60, reviewDays: 30 }));
    expect(fillRateLevel).toHaveBeenCalledWith({ ...history, expectedPerBucket: 0.0639 * 30 }, 60, 0.9, 30, undefined, 'backorder');
  });

  it('falls back to normal theory when the history is too short, and says so', () => {
    quantile.mockReturnValue(undefined);
    const ss = safetyStockFor(question({}))!;
    expect(ss.method).toBe('normal');
    expect(ss.basis).toMatch(
      /; normal theory although demand is intermittent, because its history \(12 buckets of 30 days\) is too short for its own distribution, so no service level is promised$/,
    );
    expect(ss.promisedServiceLevel).toBeNull();
  });

  it('falls back to normal theory without any history, and says so', () => {
    const ss = safetyStockFor(question({ demand: { perDay: 0.0639, stdDevPerDay: 0.5 } }))!;
    expect(quantile).not.toHaveBeenCalled();
    expect(ss.basis).toMatch(/because it has no demand history for its own distribution, so no service level is promised$/);
    expect(ss.promisedServiceLevel).toBeNull();
  });

  it('promises no service level on a history with fewer than two demands, but still plans the stock its method gives', () => {
    quantile.mockReturnValue({ level: 3, promised: 0.96 });
    const once = { bucketDays: 30, quantities: [0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0] };
    const ss = safetyStockFor(question({ demand: { perDay: 0.0083, stdDevPerDay: 0.2, history: once } }))!;
    expect([ss.method, ss.promisedServiceLevel]).toEqual(['bootstrap', null]);
    expect(ss.basis).toMatch(/; no service level is promised: one demand in 12 buckets of history$/);
    const never = safetyStockFor(
      question({
        demandClass: undefined,
        demand: { perDay: 0, stdDevPerDay: 0, history: { bucketDays: 30, quantities: Array(12).fill(0) } },
      }),
    )!;
    expect([never.method, never.promisedServiceLevel]).toEqual(['normal', null]);
    expect(never.basis).toMatch(/no demand in 12 buckets of history$/);
  });

  it('promises the target itself under normal theory, and says nothing more', () => {
    const ss = safetyStockFor(question({ demandClass: 'smooth' }))!;
    expect(ss.promisedServiceLevel).toBe(0.95);
    expect(ss.basis).not.toMatch(/promis/);
  });

  it('keeps normal theory for smooth and erratic demand even with a history', () => {
    expect(safetyStockFor(question({ demandClass: 'smooth' }))!.method).toBe('normal');
    expect(safetyStockFor(question({ demandClass: 'erratic' }))!.method).toBe('normal');
    expect(quantile).not.toHaveBeenCalled();
  });
});
