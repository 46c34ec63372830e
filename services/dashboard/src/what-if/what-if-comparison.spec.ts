import { comparisonOf, type ScenarioReport } from './what-if-comparison';

const report = (more: Partial<ScenarioReport>): ScenarioReport => ({
  fillRate: 0.9,
  averageOnHand: 40,
  cycleServiceLevel: 0.8,
  promisedServiceLevel: 0.9,
  stockoutDays: 3,
  orders: 12,
  emergencyOrders: 0,
  demand: 1000,
  measuredDays: 360,
  penaltyExposure: { total: 250, currency: 'EUR' },
  ...more,
});

describe('comparing what-if scenarios', () => {
  it('gives a table row and a chart point (average stock, fill rate %) per scenario, named', () => {
    const comparison = comparisonOf({
      scenarios: [
        { name: 'as signed', report: report({}) },
        { name: '99%', report: report({ fillRate: 0.99456, averageOnHand: 71.237, emergencyOrders: 2, cycleServiceLevel: null }) },
      ],
    })!;
    expect(comparison.points).toEqual([
      { name: 'as signed', averageOnHand: 40, fillRate: 90 },
      { name: '99%', averageOnHand: 71.24, fillRate: 99.46 },
    ]);
    expect(comparison.rows[1]).toEqual({
      name: '99%',
      fillRate: '99.5%',
      averageOnHand: '71.2',
      cycleServiceLevel: 'no whole cycle',
      promisedServiceLevel: '90.0%',
      stockoutDays: '3 of 360',
      orders: '12 (2 emergency)',
      penalties: '250.00 EUR',
    });
    const series = comparison.chart.series as { name: string; data: number[][] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['as signed', [[40, 90]]],
      ['99%', [[71.24, 99.46]]],
    ]);
    // Options travel as JSON to the browser: nothing in them may be lost on the way.
    expect(JSON.parse(JSON.stringify(comparison.chart))).toEqual(comparison.chart);
  });

  it('keeps a scenario without measured demand in the table but off the chart', () => {
    const comparison = comparisonOf({ scenarios: [{ name: 'idle', report: report({ fillRate: null, demand: 0 }) }] })!;
    expect(comparison.rows[0].fillRate).toBe('no demand measured');
    expect(comparison.points).toEqual([]);
  });

  it('refuses an answer of another shape rather than drawing nonsense', () => {
    expect(comparisonOf({ fillRate: 0.9 })).toBeUndefined();
    expect(comparisonOf({ scenarios: [{ name: 'x' }] })).toBeUndefined();
    expect(comparisonOf(null)).toBeUndefined();
  });
});
