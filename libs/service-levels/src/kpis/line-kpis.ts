import { stored } from '../quantity';
import { dayOf, isInPeriod, type Period } from '../period';
import type { DeliveryLine, LineDay } from '../service-level-facts';
import { fillRate, type FillRate } from './fill-rate';
import { inventoryTurnover, type InventoryTurnover } from './inventory-turnover';
import { leadTimeAdherence, type LeadTimeAdherence } from './lead-time-adherence';
import { timeInBand, type StockBand, type TimeInBand } from './min-max-band';
import { onTimeDelivery, type OnTimeDelivery } from './on-time-delivery';
import { orderAccuracy, type OrderAccuracy } from './order-accuracy';
import { stockoutRate, type StockoutRate } from './stockout-rate';

/** What one agreement line's KPIs are measured on over a period. */
export interface LinePeriodFacts {
  period: Period;
  /** The line's days (days outside the period, or after asOf, are left out). */
  days: readonly LineDay[];
  /** The line's delivery lines; those promised in the period count. */
  deliveries: readonly DeliveryLine[];
  band: StockBand;
  /** Business moment measured up to (the current period is measured so far); default the period's end. */
  asOf?: Date;
}

/** The KPIs a line and an agreement share. */
export interface ServiceKpis {
  period: string;
  fillRate: FillRate;
  band: TimeInBand;
  orderAccuracy: OrderAccuracy;
  onTimeDelivery: OnTimeDelivery;
  leadTime: LeadTimeAdherence;
  turnover: InventoryTurnover;
}

export interface LineKpis extends ServiceKpis {
  /** Last day measured: the period's last day, or asOf's when earlier. */
  measuredTo: string;
  stockouts: StockoutRate;
}

/**
 * Every KPI of one agreement line over a period. Delivery KPIs count the lines promised in the
 * period, the same lines the delivery penalties of the period count.
 */
export function lineKpis(facts: LinePeriodFacts): LineKpis {
  const { period } = facts;
  const asOfDay = facts.asOf ? dayOf(facts.asOf) : period.lastDay;
  const measuredTo = asOfDay < period.lastDay ? asOfDay : period.lastDay;
  const span = { firstDay: period.firstDay, lastDay: measuredTo };
  const days = facts.days.filter((day) => isInPeriod(day.day, span));
  // Measured up to asOf, a line that arrived later had not arrived.
  const deliveries = facts.deliveries
    .filter((line) => isInPeriod(dayOf(line.promisedAt), period))
    .map((line) => (facts.asOf && line.deliveredAt && line.deliveredAt > facts.asOf ? { ...line, deliveredAt: null } : line));
  return {
    period: period.id,
    measuredTo,
    stockouts: stockoutRate(days),
    fillRate: fillRate(days),
    band: timeInBand(days, facts.band),
    orderAccuracy: orderAccuracy(deliveries),
    onTimeDelivery: onTimeDelivery(deliveries, asOfDay),
    leadTime: leadTimeAdherence(deliveries),
    turnover: inventoryTurnover(days),
  };
}

/** An agreement's KPIs: its lines' rolled up. Episodes stay with the lines. */
export interface AgreementKpis extends ServiceKpis {
  lines: number;
  stockouts: Omit<StockoutRate, 'episodes'>;
}

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Lines' KPIs of one period rolled up to their agreement: counts and quantities summed, fill rate
 * weighted by demand (met over demand of all lines), day shares weighted by days, delivery shares
 * by lines, lead-time mean and spread pooled over every delivered line, turnover as the agreement's
 * issued over the sum of its lines' average stock.
 */
export function agreementKpis(period: string, lines: readonly LineKpis[]): AgreementKpis {
  const days = sum(lines, (l) => l.stockouts.days);
  const stockoutDays = sum(lines, (l) => l.stockouts.stockoutDays);
  const demand = stored(sum(lines, (l) => l.fillRate.demand));
  const metFromStock = stored(sum(lines, (l) => l.fillRate.metFromStock));
  const daysInBand = sum(lines, (l) => l.band.daysInBand);
  const delivered = sum(lines, (l) => l.orderAccuracy.delivered);
  const accurate = sum(lines, (l) => l.orderAccuracy.accurate);
  const onTime = sum(lines, (l) => l.onTimeDelivery.onTime);
  const deliveredLate = sum(lines, (l) => l.onTimeDelivery.deliveredLate);
  const openPastPromise = sum(lines, (l) => l.onTimeDelivery.openPastPromise);
  const due = onTime + deliveredLate + openPastPromise;
  const issued = stored(sum(lines, (l) => l.turnover.issued));
  const averageOnHand = sum(lines, (l) => l.turnover.averageOnHand);
  // Days per line are the period's days measured: the agreement's mean day has the lines' mean count of days.
  const lineDays = lines.length > 0 ? days / lines.length : 0;
  const turns = averageOnHand > 0 ? issued / averageOnHand : null;
  return {
    period,
    lines: lines.length,
    stockouts: {
      days,
      stockoutDays,
      rate: ratio(stockoutDays, days),
      hoursStockedOut: stored(sum(lines, (l) => l.stockouts.hoursStockedOut)),
      stockoutsBegun: sum(lines, (l) => l.stockouts.stockoutsBegun),
    },
    fillRate: { demand, metFromStock, unmet: stored(demand - metFromStock), rate: ratio(metFromStock, demand) },
    band: { days, daysInBand, share: ratio(daysInBand, days) },
    orderAccuracy: { delivered, accurate, rate: ratio(accurate, delivered) },
    onTimeDelivery: { due, onTime, deliveredLate, openPastPromise, rate: ratio(onTime, due) },
    leadTime: pooledLeadTime(lines.map((l) => l.leadTime)),
    turnover: {
      days,
      issued,
      averageOnHand,
      turns,
      annualTurns: turns !== null && lineDays > 0 ? (turns * 365) / lineDays : null,
      daysOfSupply: issued > 0 && lineDays > 0 ? averageOnHand / (issued / lineDays) : null,
    },
  };
}

/** Mean and population spread over every delivered line of all lines, from each line's own. */
function pooledLeadTime(parts: readonly LeadTimeAdherence[]): LeadTimeAdherence {
  const measured = parts.filter((p) => p.delivered > 0);
  const n = sum(measured, (p) => p.delivered);
  const withinOneDay = sum(measured, (p) => p.withinOneDay);
  if (n === 0) return leadTimeAdherence([]);
  const mean = sum(measured, (p) => p.delivered * (p.meanDeviationDays ?? 0)) / n;
  // E[x^2] - mean^2, E[x^2] of a part being its variance plus its mean squared.
  const squares = sum(measured, (p) => p.delivered * ((p.deviationStdDevDays ?? 0) ** 2 + (p.meanDeviationDays ?? 0) ** 2)) / n;
  return {
    delivered: n,
    meanActualDays: sum(measured, (p) => p.delivered * (p.meanActualDays ?? 0)) / n,
    meanDeviationDays: mean,
    deviationStdDevDays: Math.sqrt(Math.max(0, squares - mean ** 2)),
    withinOneDay,
    withinOneDayShare: withinOneDay / n,
  };
}
