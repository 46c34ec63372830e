/** One site x item as replenishment's GET /stock-projections answers it (JSON: moments are ISO strings). */
export interface StockProjection {
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  agreementId: string;
  onHand: number;
  onHandAsOf: string;
  forecastPerDay: number;
  minimum: number;
  maximum: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  belowMinimumOn: string | null;
  stockoutOn: string | null;
  aboveMaximumOn: string | null;
  daysOfCover: number | null;
  decisionNow: string;
  days: Array<{ day: number; at: string; receipts: number; demand: number; projected: number }>;
}

/** How a line stands now, in one word the page colours: out of stock, below its minimum, above its maximum, or within. */
export type StockState = 'stockout' | 'below-minimum' | 'above-maximum' | 'within';

export function stockStateOf(p: Pick<StockProjection, 'onHand' | 'minimum' | 'maximum'>): StockState {
  if (p.onHand <= 0) return 'stockout';
  if (p.onHand < p.minimum) return 'below-minimum';
  if (p.onHand > p.maximum) return 'above-maximum';
  return 'within';
}

export const STOCK_STATE_WORDS: Record<StockState, string> = {
  stockout: 'out of stock',
  'below-minimum': 'below minimum',
  'above-maximum': 'above maximum',
  within: 'within band',
};

/** Site by site, item by item, so a buyer finds a line where it expects it. */
export const bySiteAndItem = <T extends { siteId: string; itemId: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => a.siteId.localeCompare(b.siteId) || a.itemId.localeCompare(b.itemId));

/**
 * The ECharts option for a line's projected stock over the horizon: the projection as a line, the min/max band
 * shaded, reorder point and safety stock as dashed levels, receipts as bars. The page script only hands it to
 * ECharts, so what the chart shows is decided (and tested) here.
 */
export function projectionChart(p: StockProjection): Record<string, unknown> {
  const dates = p.days.map((d) => d.at.slice(0, 10));
  const level = (name: string, value: number, color: string) => ({
    name,
    type: 'line',
    data: dates.map(() => value),
    symbol: 'none',
    lineStyle: { type: 'dashed', width: 1, color },
    itemStyle: { color },
  });
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: dates },
    yAxis: { type: 'value', name: p.unit },
    series: [
      {
        name: 'projected on-hand',
        type: 'line',
        data: p.days.map((d) => d.projected),
        symbolSize: 4,
        itemStyle: { color: '#1f5fa8' },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(46, 160, 67, 0.12)' },
          data: [[{ name: 'min–max', yAxis: p.minimum }, { yAxis: p.maximum }]],
        },
      },
      { name: 'receipts', type: 'bar', data: p.days.map((d) => d.receipts), barMaxWidth: 8, itemStyle: { color: '#8fb8e8' } },
      level('reorder point', p.reorderPoint, '#c77c02'),
      level('safety stock', p.safetyStock, '#b42318'),
    ],
  };
}
