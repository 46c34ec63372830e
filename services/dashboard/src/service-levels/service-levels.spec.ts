import type { ServiceKpis } from '@smi/service-levels';
import { isMonth, kpiTiles, money, percent, previousMonth, totalsByCurrency, trendChart } from './service-levels';

const kpis: ServiceKpis = {
  period: '2026-03',
  fillRate: { demand: 400, metFromStock: 390, unmet: 10, rate: 0.975 },
  band: { days: 31, daysInBand: 28, share: 28 / 31 },
  orderAccuracy: { delivered: 4, accurate: 3, rate: 0.75 },
  onTimeDelivery: { due: 4, onTime: 3, deliveredLate: 1, openPastPromise: 0, rate: 0.75 },
  leadTime: { delivered: 4, meanActualDays: 3.5, meanDeviationDays: 0.5, deviationStdDevDays: 0.5, withinOneDay: 4, withinOneDayShare: 1 },
  turnover: { days: 31, issued: 400, averageOnHand: 80, turns: 5, annualTurns: 58.9, daysOfSupply: 6.2 },
};

describe('service levels on the dashboard', () => {
  it('show each KPI with what it is counted from', () => {
    expect(kpiTiles(kpis)).toEqual([
      { label: 'Fill rate', value: '97.5 %', basis: '390 of 400 demanded met from stock' },
      { label: 'Time in band', value: '90.3 %', basis: '28 of 31 days within min–max' },
      { label: 'On-time delivery', value: '75.0 %', basis: '3 of 4 deliveries due' },
      { label: 'Order accuracy', value: '75.0 %', basis: '3 of 4 delivered as ordered' },
      { label: 'Lead time', value: '3.5 days', basis: '+0.5 days against the agreed' },
    ]);
    expect(percent(null)).toBe('—');
  });

  it('show demand that counts lost sales at the forecast rate to two decimals', () => {
    const lostSales = { ...kpis, fillRate: { demand: 123.708333, metFromStock: 119, unmet: 4.708333, rate: 119 / 123.708333 } };
    expect(kpiTiles(lostSales)[0].basis).toBe('119 of 123.71 demanded met from stock');
  });

  it('total penalties per currency to the cent', () => {
    expect(
      totalsByCurrency([
        { amount: 0.1, currency: 'EUR' },
        { amount: 0.2, currency: 'EUR' },
        { amount: 5, currency: 'CHF' },
      ]),
    ).toEqual([
      { currency: 'CHF', total: 5 },
      { currency: 'EUR', total: 0.3 },
    ]);
    expect(money(1250, 'EUR')).toBe('1,250.00 EUR');
  });

  it('step back a month across the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect([isMonth('2026-03'), isMonth('2026-13'), isMonth('x')]).toEqual([true, false, false]);
  });

  it('chart the twelve-month trend as percentages and penalties', () => {
    const chart = trendChart({
      agreementId: 'AGR-1',
      period: '2026-03',
      measuredTo: '2026-03-31',
      currency: 'EUR',
      penalties: { total: 80 },
      trend: [
        { period: '2026-02', stockoutRate: 0, fillRate: 1, timeInBand: 0.5, onTimeDelivery: null, orderAccuracy: 1, penaltiesTotal: 0 },
        {
          period: '2026-03',
          stockoutRate: 0.1,
          fillRate: 0.975,
          timeInBand: 0.9,
          onTimeDelivery: 0.75,
          orderAccuracy: 1,
          penaltiesTotal: 80,
        },
      ],
    }) as { xAxis: { data: string[] }; series: Array<{ name: string; data: unknown[] }> };
    expect(chart.xAxis.data).toEqual(['2026-02', '2026-03']);
    expect(chart.series.map((s) => [s.name, s.data])).toEqual([
      ['fill rate', [100, 97.5]],
      ['time in band', [50, 90]],
      ['on time', [null, 75]],
      ['penalties', [0, 80]],
    ]);
  });
});
