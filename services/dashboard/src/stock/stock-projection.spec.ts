import { bySiteAndItem, projectionChart, StockProjection, stockStateOf } from './stock-projection';

const projection = (overrides: Partial<StockProjection> = {}): StockProjection => ({
  buyerId: 'acme-motors',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  unit: 'EA',
  agreementId: 'AGR-1',
  onHand: 100,
  onHandAsOf: '2026-03-02T08:00:00.000Z',
  forecastPerDay: 10,
  minimum: 40,
  maximum: 120,
  safetyStock: 20,
  reorderPoint: 50,
  orderUpTo: 120,
  belowMinimumOn: null,
  stockoutOn: null,
  aboveMaximumOn: null,
  daysOfCover: 10,
  decisionNow: 'No order',
  days: [
    { day: 0, at: '2026-03-02T08:00:00.000Z', receipts: 0, demand: 0, projected: 100 },
    { day: 1, at: '2026-03-03T08:00:00.000Z', receipts: 90, demand: 10, projected: 180 },
  ],
  ...overrides,
});

describe('stock projections on the buyer page', () => {
  it('name where on-hand stands against the band', () => {
    expect(stockStateOf(projection({ onHand: 0 }))).toBe('stockout');
    expect(stockStateOf(projection({ onHand: 39 }))).toBe('below-minimum');
    expect(stockStateOf(projection({ onHand: 40 }))).toBe('within');
    expect(stockStateOf(projection({ onHand: 121 }))).toBe('above-maximum');
  });

  it('list site by site, item by item', () => {
    const rows = bySiteAndItem([
      projection({ siteId: 'b', itemId: 'x' }),
      projection({ siteId: 'a', itemId: 'z' }),
      projection({ siteId: 'a', itemId: 'y' }),
    ]);
    expect(rows.map((r) => `${r.siteId}/${r.itemId}`)).toEqual(['a/y', 'a/z', 'b/x']);
  });

  it('chart the projection by day within the min/max band, with reorder point and safety stock', () => {
    const chart = projectionChart(projection()) as { xAxis: { data: string[] }; series: Array<Record<string, unknown>> };
    expect(chart.xAxis.data).toEqual(['2026-03-02', '2026-03-03']);
    const [projected, receipts, reorderPoint, safetyStock] = chart.series;
    expect(projected.data).toEqual([100, 180]);
    expect(projected.markArea).toMatchObject({ data: [[{ yAxis: 40 }, { yAxis: 120 }]] });
    expect(receipts.data).toEqual([0, 90]);
    expect([reorderPoint.name, reorderPoint.data]).toEqual(['reorder point', [50, 50]]);
    expect([safetyStock.name, safetyStock.data]).toEqual(['safety stock', [20, 20]]);
  });
});
