import { Penalty } from '@smi/contracts';
import { AgreementKpis, fromCents, LineKpis, moneyWords, toCents } from '@smi/service-levels';
import { Dispute } from '../disputes/penalty-dispute';
import { AgreementReport, ForecastAccuracyReading, LineReport, LineTargets, worstLines } from '../kpis/kpi-report';

/** A dispute over one of the period's penalties, as its two parties see it. */
export type ScorecardDispute = Pick<
  Dispute,
  | 'disputeId'
  | 'penaltyId'
  | 'status'
  | 'amount'
  | 'credited'
  | 'openedBy'
  | 'openedAt'
  | 'reason'
  | 'decidedBy'
  | 'decidedAt'
  | 'decisionReason'
>;

/** One month of the trend: the agreement's headline KPIs and what its penalties came to. */
export interface TrendMonth {
  period: string;
  stockoutRate: number | null;
  fillRate: number | null;
  timeInBand: number | null;
  onTimeDelivery: number | null;
  orderAccuracy: number | null;
  leadTimeMeanDeviationDays: number | null;
  turns: number | null;
  penaltiesTotal: number;
}

/** An agreement's review checkpoint for one month. */
export interface Scorecard {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  currency: string;
  agreementVersion: number;
  period: string;
  measuredTo: string;
  kpis: AgreementKpis;
  forecastAccuracy: ForecastAccuracyReading | null;
  lines: LineReport[];
  /** The lines doing worst this month (most stockout days, lowest fill rate, most deliveries not on time). */
  worstLines: LineReport[];
  penalties: { total: number; items: Penalty[] };
  /** The disputes over the month's penalties; null for a reader who may not see them (only the two parties may). */
  disputes: ScorecardDispute[] | null;
  /** The last 12 months, oldest first, ending with this one. */
  trend: TrendMonth[];
}

/** Adds amounts to the cent, as the penalties are. */
const totalOf = (amounts: readonly number[]): number => fromCents(amounts.reduce((sum, amount) => sum + toCents(amount), 0));

/**
 * The scorecard of an agreement's month from its KPI reports of the last 12 months (oldest first,
 * this month last), its penalties (latest revision each, any month of the 12) and the disputes
 * over this month's.
 */
export function scorecardOf(
  months: readonly AgreementReport[],
  periods: readonly string[],
  penalties: readonly Penalty[],
  disputes: readonly ScorecardDispute[] | null,
): Scorecard {
  const current = months[months.length - 1];
  const period = periods[periods.length - 1];
  const ofPeriod = penalties.filter((p) => p.period === period);
  const byPeriod = new Map(months.map((m) => [m.kpis.period, m]));
  const penaltyIds = new Set(ofPeriod.map((p) => p.penaltyId));
  return {
    agreementId: current.agreementId,
    buyerId: current.buyerId,
    supplierId: current.supplierId,
    currency: current.currency,
    agreementVersion: current.agreementVersion,
    period,
    measuredTo: current.lines[0]?.kpis.measuredTo ?? period,
    kpis: current.kpis,
    forecastAccuracy: current.forecastAccuracy,
    lines: current.lines,
    worstLines: worstLines(current.lines, 5),
    penalties: { total: totalOf(ofPeriod.map((p) => p.amount)), items: ofPeriod },
    disputes: disputes === null ? null : disputes.filter((d) => penaltyIds.has(d.penaltyId)),
    trend: periods.map((month) => {
      const kpis = byPeriod.get(month)?.kpis;
      return {
        period: month,
        stockoutRate: kpis?.stockouts.rate ?? null,
        fillRate: kpis?.fillRate.rate ?? null,
        timeInBand: kpis?.band.share ?? null,
        onTimeDelivery: kpis?.onTimeDelivery.rate ?? null,
        orderAccuracy: kpis?.orderAccuracy.rate ?? null,
        leadTimeMeanDeviationDays: kpis?.leadTime.meanDeviationDays ?? null,
        turns: kpis?.turnover.turns ?? null,
        penaltiesTotal: totalOf(penalties.filter((p) => p.period === month).map((p) => p.amount)),
      };
    }),
  };
}

/** One KPI as a reader checks it: its value, what it is counted from, and what it is held against. */
export interface KpiRow {
  measure: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: string;
}

/** Every KPI of a line (or of the agreement, without targets) as rows: the one layout the CSV and the page share. */
export function kpiRows(kpis: AgreementKpis | LineKpis, targets: LineTargets | null, accuracy: ForecastAccuracyReading | null): KpiRow[] {
  const fillTarget = [
    targets?.serviceLevel?.measure === 'fill-rate' ? `target ${targets.serviceLevel.target}` : '',
    targets?.fillRateFloor != null ? `floor ${targets.fillRateFloor}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const row = (measure: string, value: number | null, numerator: number | null, denominator: number | null, target = ''): KpiRow => ({
    measure,
    value,
    numerator,
    denominator,
    target,
  });
  return [
    row('stockout rate (stockout days / days)', kpis.stockouts.rate, kpis.stockouts.stockoutDays, kpis.stockouts.days),
    row('hours stocked out', kpis.stockouts.hoursStockedOut, null, null),
    row('stockouts begun', kpis.stockouts.stockoutsBegun, null, null),
    row('fill rate (met from stock / demand)', kpis.fillRate.rate, kpis.fillRate.metFromStock, kpis.fillRate.demand, fillTarget),
    row(
      'time inside band (days in band / days)',
      kpis.band.share,
      kpis.band.daysInBand,
      kpis.band.days,
      targets ? `min ${targets.minimum}, max ${targets.maximum}` : '',
    ),
    row('order accuracy (accurate / delivered)', kpis.orderAccuracy.rate, kpis.orderAccuracy.accurate, kpis.orderAccuracy.delivered),
    row('on-time delivery (on time / due)', kpis.onTimeDelivery.rate, kpis.onTimeDelivery.onTime, kpis.onTimeDelivery.due),
    row('lead time vs agreed, mean days (over delivered)', kpis.leadTime.meanDeviationDays, null, kpis.leadTime.delivered, 'target 0'),
    row('lead time vs agreed, spread days', kpis.leadTime.deviationStdDevDays, null, kpis.leadTime.delivered),
    row('inventory turns (issued / average on hand)', kpis.turnover.turns, kpis.turnover.issued, kpis.turnover.averageOnHand),
    row('days of supply', kpis.turnover.daysOfSupply, null, null),
    row('forecast accuracy, MASE (periods scored)', accuracy?.mase ?? null, null, accuracy?.periodsScored ?? null, 'below 1 beats naive'),
  ];
}

/** A spreadsheet cannot take a text cell for a formula: one starting so is quoted with a leading apostrophe. */
function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scorecard as one CSV table: each KPI of the agreement and of each line, the trend, each penalty and dispute, a row each. */
export function scorecardCsv(card: Scorecard): string {
  const header = ['section', 'period', 'siteId', 'itemId', 'measure', 'value', 'numerator', 'denominator', 'target'];
  const rows: Array<Array<string | number | null>> = [];
  const kpiLines = (section: string, siteId: string, itemId: string, kpis: KpiRow[]) =>
    kpis.forEach((k) => rows.push([section, card.period, siteId, itemId, k.measure, k.value, k.numerator, k.denominator, k.target]));
  kpiLines('agreement', '', '', kpiRows(card.kpis, null, card.forecastAccuracy));
  for (const line of card.lines) kpiLines('line', line.siteId, line.itemId, kpiRows(line.kpis, line.targets, line.forecastAccuracy));
  for (const month of card.trend) {
    for (const [measure, value] of Object.entries(month))
      if (measure !== 'period') rows.push(['trend', month.period, '', '', measure, value as number | null, null, null, '']);
  }
  for (const p of card.penalties.items) {
    rows.push([
      'penalty',
      p.period,
      p.siteId,
      p.itemId,
      p.rule,
      p.amount,
      p.quantity,
      p.rate,
      `${p.penaltyId} r${p.revision}: ${p.explanation}`,
    ]);
  }
  for (const d of card.disputes ?? [])
    rows.push(['dispute', card.period, '', '', d.status, d.amount, d.credited, null, `${d.disputeId} on ${d.penaltyId}`]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Text made safe for HTML: every character markup could read is escaped. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);

const shown = (value: number | string | null | undefined, digits = 3): string =>
  value === null || value === undefined ? '—' : typeof value === 'number' ? String(Number(value.toFixed(digits))) : value;
const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** A table whose every cell is escaped. */
function table(head: readonly string[], body: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (tag: string, value: string | number | null) => `<${tag}>${escapeHtml(shown(value))}</${tag}>`;
  return `<table border="1" cellpadding="4"><thead><tr>${head.map((h) => cell('th', h)).join('')}</tr></thead><tbody>${body
    .map((r) => `<tr>${r.map((v) => cell('td', v)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const kpiTable = (rows: KpiRow[]) =>
  table(
    ['KPI', 'value', 'numerator', 'denominator', 'target'],
    rows.map((r) => [r.measure, r.value, r.numerator, r.denominator, r.target]),
  );

/** The scorecard as a page a person reads at the review: KPIs against targets, penalties, disputes, the worst lines, the trend. */
export function scorecardHtml(card: Scorecard): string {
  const title = `Scorecard ${card.agreementId} ${card.period}`;
  const money = (amount: number) => moneyWords(toCents(amount), card.currency);
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${escapeHtml(`Buyer ${card.buyerId}, supplier ${card.supplierId}, agreement version ${card.agreementVersion}; measured to ${card.measuredTo}.`)}</p>`,
    '<h2>The agreement</h2>',
    kpiTable(kpiRows(card.kpis, null, card.forecastAccuracy)),
    '<h2>Worst lines</h2>',
    card.worstLines.length === 0
      ? '<p>No line fell short this month.</p>'
      : table(
          ['site', 'item', 'stockout days', 'fill rate', 'deliveries not on time'],
          card.worstLines.map((l) => [
            l.siteId,
            l.itemId,
            l.kpis.stockouts.stockoutDays,
            percent(l.kpis.fillRate.rate),
            l.kpis.onTimeDelivery.due - l.kpis.onTimeDelivery.onTime,
          ]),
        ),
    `<h2>${escapeHtml(`Penalties: ${money(card.penalties.total)}`)}</h2>`,
    card.penalties.items.length === 0
      ? '<p>None for this month.</p>'
      : table(
          ['penalty', 'revision', 'rule', 'site', 'item', 'amount', 'how'],
          card.penalties.items.map((p) => [p.penaltyId, p.revision, p.rule, p.siteId, p.itemId, money(p.amount), p.explanation]),
        ),
    '<h2>Disputes</h2>',
    card.disputes === null
      ? '<p>Disputes are shown to the buyer and the supplier only.</p>'
      : card.disputes.length === 0
        ? '<p>None over this month’s penalties.</p>'
        : table(
            ['dispute', 'penalty', 'status', 'amount', 'credited', 'opened by', 'reason', 'decision'],
            card.disputes.map((d) => [
              d.disputeId,
              d.penaltyId,
              d.status,
              money(d.amount),
              d.credited === null ? null : money(d.credited),
              d.openedBy,
              d.reason,
              d.decisionReason,
            ]),
          ),
    '<h2>Trend over the last 12 months</h2>',
    table(
      [
        'month',
        'stockout rate',
        'fill rate',
        'time in band',
        'on time',
        'order accuracy',
        'lead time vs agreed (days)',
        'turns',
        'penalties',
      ],
      card.trend.map((t) => [
        t.period,
        percent(t.stockoutRate),
        percent(t.fillRate),
        percent(t.timeInBand),
        percent(t.onTimeDelivery),
        percent(t.orderAccuracy),
        t.leadTimeMeanDeviationDays,
        t.turns,
        money(t.penaltiesTotal),
      ]),
    ),
    '<h2>Lines against their targets</h2>',
    ...card.lines.map(
      (l) => `<h3>${escapeHtml(`${l.siteId} × ${l.itemId} (${l.unit})`)}</h3>${kpiTable(kpiRows(l.kpis, l.targets, l.forecastAccuracy))}`,
    ),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${sections.join('\n')}</body></html>\n`;
}
