import { agreementAccuracy, periodsToScore, siteItemAccuracy, type ForecastSnapshot } from './forecast-accuracy';

const snapshot = (
  eventId: string,
  firstPeriodStart: number,
  horizonDemand: number[],
  generatedAt = new Date(firstPeriodStart * 86_400_000),
): ForecastSnapshot => ({
  eventId,
  firstPeriodStart,
  periodDays: 7,
  horizonDemand,
  generatedAt,
});
const period = (start: number, consumed: number, censored = false) => ({ start, consumed, censored });

describe('forecast accuracy', () => {
  it('scores each closed period against the latest forecast made before it began', () => {
    const snapshots = [snapshot('a', 4, [10, 10, 10]), snapshot('b', 11, [12, 12, 12])];
    const scored = periodsToScore([period(4, 8), period(11, 15), period(18, 11)], snapshots, undefined);
    expect(scored.map((p) => [p.periodStart, p.forecast, p.actual, p.snapshotEventId])).toEqual([
      [4, 10, 8, 'a'],
      [11, 12, 15, 'b'],
      [18, 12, 11, 'b'],
    ]);
  });

  it('scores a period once, and not one no forecast reached', () => {
    const scored = periodsToScore([period(4, 8), period(11, 15), period(25, 3)], [snapshot('a', 4, [10, 10])], 4);
    expect(scored.map((p) => p.periodStart)).toEqual([11]);
  });

  it('measures MASE against the history’s mean absolute change, and bias per period, leaving stockout periods out', () => {
    const scored = periodsToScore([period(4, 8), period(11, 14), period(18, 0, true)], [snapshot('a', 4, [10, 10, 10])], undefined);
    // Errors +2 and −4: mean |e| 3 over a scale of 2 -> 1.5; bias (−2)/2 = −1; relative −2/22.
    expect(siteItemAccuracy(scored, 2)).toMatchObject({
      periodsScored: 2,
      censoredPeriodsSkipped: 1,
      mase: 1.5,
      bias: -1,
      throughPeriodStart: 18,
    });
    expect(siteItemAccuracy(scored, 2)!.relativeBias).toBeCloseTo(-2 / 22, 12);
    expect(siteItemAccuracy(scored, undefined)!.mase).toBeNull();
  });

  it('sums an agreement’s lines: mean MASE, total relative bias', () => {
    const line = (mase: number | null, forecastTotal: number, actualTotal: number) => ({
      periodsScored: 4,
      censoredPeriodsSkipped: 0,
      mase,
      bias: 0,
      relativeBias: null,
      forecastTotal,
      actualTotal,
      linesScored: 1,
      throughPeriodStart: 18,
    });
    expect(agreementAccuracy([line(0.5, 110, 100), line(1.5, 30, 50), line(null, 0, 0)])).toMatchObject({
      linesScored: 3,
      periodsScored: 12,
      mase: 1,
      bias: -10 / 150,
      relativeBias: -10 / 150,
    });
    expect(agreementAccuracy([])).toBeUndefined();
  });
});
