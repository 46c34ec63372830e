import type { Penalty } from '@smi/contracts';
import type { ServiceKpis } from '@smi/service-levels';
import type { Wire } from '../platform/answer';

/** One agreement's measure as GET /kpis answers it (the parts the pages show). */
export interface AgreementMeasure {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  currency: string;
  kpis: ServiceKpis;
  lines: Array<{ siteId: string; itemId: string; unit: string; kpis: ServiceKpis & { stockouts: { stockoutDays: number } } }>;
}

export interface KpisAnswer {
  period: { id: string; firstDay: string; lastDay: string };
  agreements: AgreementMeasure[];
}

export interface TrendMonth {
  period: string;
  stockoutRate: number | null;
  fillRate: number | null;
  timeInBand: number | null;
  onTimeDelivery: number | null;
  orderAccuracy: number | null;
  penaltiesTotal: number;
}

/** An agreement's monthly scorecard (format=json), the parts the page shows. */
export interface Scorecard {
  agreementId: string;
  period: string;
  measuredTo: string;
  currency: string;
  penalties: { total: number };
  trend: TrendMonth[];
}

export type PenaltyView = Wire<Penalty>;

/** A dispute as GET /disputes answers it. */
export interface DisputeView {
  disputeId: string;
  penaltyId: string;
  agreementId: string;
  buyerId: string;
  supplierId: string;
  status: 'open' | 'accepted' | 'rejected' | string;
  amount: number;
  currency: string;
  credited: number | null;
  openedBy: string;
  openedAt: string;
  reason: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

/** A share as people read it: "97.5 %", or "—" when there was nothing to count. */
/** Demand counts lost sales at the forecast's rate, so it is fractional: two decimals are what a reader can use. */
const quantity = (value: number): string => String(Math.round(value * 100) / 100);

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;

export interface KpiTile {
  label: string;
  value: string;
  /** What it is counted from, in words. */
  basis: string;
}

/** The month's KPIs of an agreement as tiles: each value with what it was counted from. */
export function kpiTiles(kpis: ServiceKpis): KpiTile[] {
  return [
    {
      label: 'Fill rate',
      value: percent(kpis.fillRate.rate),
      basis: `${quantity(kpis.fillRate.metFromStock)} of ${quantity(kpis.fillRate.demand)} demanded met from stock`,
    },
    { label: 'Time in band', value: percent(kpis.band.share), basis: `${kpis.band.daysInBand} of ${kpis.band.days} days within min–max` },
    {
      label: 'On-time delivery',
      value: percent(kpis.onTimeDelivery.rate),
      basis: `${kpis.onTimeDelivery.onTime} of ${kpis.onTimeDelivery.due} deliveries due`,
    },
    {
      label: 'Order accuracy',
      value: percent(kpis.orderAccuracy.rate),
      basis: `${kpis.orderAccuracy.accurate} of ${kpis.orderAccuracy.delivered} delivered as ordered`,
    },
    {
      label: 'Lead time',
      value: kpis.leadTime.meanActualDays === null ? '—' : `${kpis.leadTime.meanActualDays.toFixed(1)} days`,
      basis:
        kpis.leadTime.meanDeviationDays === null
          ? 'nothing delivered'
          : `${kpis.leadTime.meanDeviationDays >= 0 ? '+' : ''}${kpis.leadTime.meanDeviationDays.toFixed(1)} days against the agreed`,
    },
  ];
}

/** Sums amounts to the cent per currency, as the penalties are priced. */
export function totalsByCurrency(
  penalties: ReadonlyArray<Pick<PenaltyView, 'amount' | 'currency'>>,
): Array<{ currency: string; total: number }> {
  const totals = new Map<string, number>();
  for (const p of penalties) totals.set(p.currency, Math.round(((totals.get(p.currency) ?? 0) + p.amount) * 100) / 100);
  return [...totals].map(([currency, total]) => ({ currency, total })).sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Money as people read it: "1,250.00 EUR". */
export const money = (amount: number, currency: string): string =>
  `${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/** The month before, as YYYY-MM. */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

export const isMonth = (text: unknown): text is string => typeof text === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** The scorecard's twelve-month trend as an ECharts option: service shares as lines, penalties as bars. */
export function trendChart(scorecard: Scorecard): Record<string, unknown> {
  const months = scorecard.trend.map((m) => m.period);
  const share = (name: string, pick: (m: TrendMonth) => number | null) => ({
    name,
    type: 'line',
    yAxisIndex: 0,
    data: scorecard.trend.map((m) => {
      const value = pick(m);
      return value === null ? null : Math.round(value * 1000) / 10;
    }),
    connectNulls: true,
  });
  return {
    animation: false,
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: '%', min: 0, max: 100 },
      { type: 'value', name: scorecard.currency },
    ],
    series: [
      share('fill rate', (m) => m.fillRate),
      share('time in band', (m) => m.timeInBand),
      share('on time', (m) => m.onTimeDelivery),
      {
        name: 'penalties',
        type: 'bar',
        yAxisIndex: 1,
        data: scorecard.trend.map((m) => m.penaltiesTotal),
        itemStyle: { color: '#e8a0a0' },
      },
    ],
  };
}
