import { accuracyInWords, AccuracyView, forecastRows, ForecastView } from './forecasts';

describe('forecasts for the supplier', () => {
  it('pairs each forecast with its measured accuracy, per day', () => {
    const forecast = {
      buyerId: 'acme',
      siteId: 'lyon',
      itemId: 'pad',
      unit: 'EA',
      method: 'holt',
      runnerUpMethod: 'ses',
      periodDays: 7,
      demandPerPeriod: 70,
      demandClass: 'smooth',
      periodsObserved: 20,
      generatedAt: '2026-03-02T08:00:00.000Z',
    } as ForecastView;
    const accuracy = [
      { scope: 'AGREEMENT', buyerId: 'acme', siteId: null, itemId: null, mase: 2 },
      { scope: 'SITE_ITEM', buyerId: 'acme', siteId: 'lyon', itemId: 'pad', mase: 0.7, relativeBias: -0.05, periodsScored: 12 },
    ] as AccuracyView[];
    expect(forecastRows([forecast], accuracy)).toEqual([
      expect.objectContaining({
        method: 'holt',
        runnerUpMethod: 'ses',
        demandPerDay: 10,
        mase: 0.7,
        relativeBias: -0.05,
        periodsScored: 12,
      }),
    ]);
    expect(forecastRows([forecast], [])[0]).toMatchObject({ mase: null, periodsScored: 0 });
  });

  it('says what a MASE means', () => {
    expect([accuracyInWords(null), accuracyInWords(0.5), accuracyInWords(0.9), accuracyInWords(1.2)]).toEqual([
      'not scored yet',
      'clearly better than naive',
      'better than naive',
      'no better than naive',
    ]);
  });
});
