import type { PenaltyEvidence, PenaltyRule } from '@smi/contracts';
import { stored } from '../quantity';
import { fillRate } from '../kpis/fill-rate';
import { daysLate } from '../kpis/on-time-delivery';
import { inDayOrder, isStockoutDay } from '../kpis/stockout-rate';
import { centsOf, fromCents, moneyWords, rateWords } from '../money';
import { addDays, dayOf, isInPeriod, periodOf, startOf, type Period } from '../period';
import type { Day, DeliveryLine, LineDay, LinePenaltyRates, RatesOn, StockoutMoment } from '../service-level-facts';

/** One agreement line's month, as the penalty rules read it. */
export interface LineMonth {
  /** The month, YYYY-MM. */
  period: string;
  /** The line's days of the month (days outside it are left out). */
  days: readonly LineDay[];
  /** The line's delivery lines; those promised in the month count. */
  deliveries: readonly DeliveryLine[];
  /** The agreement version in force on each day, as it applies to the line. */
  ratesOn: RatesOn;
}

/** A penalty the rules claim for one line x month x rule x agreement version. */
export interface PenaltyItem {
  rule: PenaltyRule;
  agreementVersion: number;
  /** The month, YYYY-MM. */
  period: string;
  /** What the rule counts: stockout days, days late, units short, 1 month below the floor, stockouts beyond the allowance. */
  quantity: number;
  /** The agreed amount per counted unit. */
  rate: number;
  /** quantity x rate, rounded half away from zero to the cent. */
  amount: number;
  /** The same amount in whole cents, for exact sums. */
  amountCents: number;
  currency: string;
  /** The computation in words: '3 stockout days x 50.00 EUR = 150.00 EUR'. */
  explanation: string;
  evidence: PenaltyEvidence[];
}

/** The order penalty items come in: the rules' order, then the version. */
export const PENALTY_RULES: readonly PenaltyRule[] = [
  'STOCKOUT_DAYS',
  'LATE_DELIVERY',
  'SHORT_DELIVERY',
  'FILL_RATE_FLOOR',
  'STOCKOUTS_BEYOND_ALLOWANCE',
];

/**
 * The penalties of one agreement line for one month, each rule priced by the agreement version in
 * force on the day of each breach (one item per rule and version):
 * - STOCKOUT_DAYS: days at or below zero x perStockoutDay;
 * - LATE_DELIVERY: days late x perLateDelivery, from the promised day to the first arrival, for
 *   lines promised in the month; a line not delivered yet is late up to the month's last day (its
 *   delivery later corrects it);
 * - SHORT_DELIVERY: units short (ordered - dispatched, for dispatched lines promised in the month) x perShortDelivery;
 * - FILL_RATE_FLOOR: perFillRateShortfall once when the month's fill rate is below fillRateFloor,
 *   by the version in force on the month's last day (or the last day the line was in force);
 * - STOCKOUTS_BEYOND_ALLOWANCE: each stockout begun in the month beyond allowedStockoutsPerMonth
 *   (counted in the order they began) x penaltyPerStockout of the version in force when it began.
 * A rule the version does not set (or sets to 0) claims nothing.
 */
export function penaltiesFor(month: LineMonth): PenaltyItem[] {
  const period = periodOf(month.period);
  if (period.kind !== 'month') throw new RangeError(`penalty periods are months YYYY-MM (got ${month.period})`);
  const days = inDayOrder(month.days.filter((day) => isInPeriod(day.day, period)));
  const deliveries = month.deliveries.filter((line) => isInPeriod(dayOf(line.promisedAt), period));
  return [
    ...stockoutDays(period, days, month.ratesOn),
    ...lateDeliveries(period, deliveries, month.ratesOn),
    ...shortDeliveries(period, deliveries, month.ratesOn),
    ...fillRateFloor(period, days, month.ratesOn),
    ...stockoutsBeyondAllowance(period, days, month.ratesOn),
  ];
}

/** A breach counted under the version in force on its day. */
interface Counted {
  rates: LinePenaltyRates;
  quantity: number;
  evidence: PenaltyEvidence[];
}

type Rate = 'perStockoutDay' | 'perLateDelivery' | 'perShortDelivery' | 'perFillRateShortfall' | 'penaltyPerStockout';

/** Breaches grouped by agreement version, in version order, priced by each version's rate. */
function priced(
  rule: PenaltyRule,
  period: Period,
  rate: Rate,
  breaches: readonly Counted[],
  words: (quantity: number) => string,
): PenaltyItem[] {
  const byVersion = new Map<number, { rates: LinePenaltyRates; quantity: number; evidence: PenaltyEvidence[] }>();
  for (const breach of breaches) {
    const perUnit = breach.rates[rate];
    if (perUnit === undefined || perUnit <= 0 || breach.quantity <= 0) continue;
    const group = byVersion.get(breach.rates.agreementVersion) ?? { rates: breach.rates, quantity: 0, evidence: [] };
    group.quantity = stored(group.quantity + breach.quantity);
    group.evidence.push(...breach.evidence);
    byVersion.set(breach.rates.agreementVersion, group);
  }
  return [...byVersion.values()]
    .sort((a, b) => a.rates.agreementVersion - b.rates.agreementVersion)
    .map(({ rates, quantity, evidence }) => {
      const perUnit = rates[rate] as number;
      const cents = centsOf(quantity, perUnit);
      return {
        rule,
        agreementVersion: rates.agreementVersion,
        period: period.id,
        quantity,
        rate: perUnit,
        amount: fromCents(cents),
        amountCents: cents,
        currency: rates.currency,
        explanation: `${words(quantity)} x ${rateWords(perUnit, rates.currency)} = ${moneyWords(cents, rates.currency)}`,
        evidence,
      };
    });
}

const plural = (quantity: number, one: string, many: string) => `${quantity} ${quantity === 1 ? one : many}`;

function stockoutDays(period: Period, days: readonly LineDay[], ratesOn: RatesOn): PenaltyItem[] {
  const breaches = days.filter(isStockoutDay).flatMap((day): Counted[] => {
    const rates = ratesOn(day.day);
    if (!rates) return [];
    return [{ rates, quantity: 1, evidence: stockoutDayEvidence(day) }];
  });
  return priced('STOCKOUT_DAYS', period, 'perStockoutDay', breaches, (n) => plural(n, 'stockout day', 'stockout days'));
}

function stockoutDayEvidence(day: LineDay): PenaltyEvidence[] {
  return [
    {
      kind: 'STOCKOUT_DAY',
      id: day.day,
      at: startOf(day.day),
      quantity: day.lowestOnHand,
      note: `on ${day.day} on-hand was at or below zero (lowest ${day.lowestOnHand}, closing ${day.closingOnHand}) for ${hoursWords(day.hoursStockedOut)}`,
    },
    ...day.stockoutsBegun.map((moment) => stockLevelEvidence(moment, `on-hand went to ${moment.onHand}: a stockout began`)),
  ];
}

const hoursWords = (hours: number) => `${stored(hours)} h`;

const stockLevelEvidence = (moment: StockoutMoment, note: string): PenaltyEvidence => ({
  kind: 'STOCK_LEVEL',
  id: moment.stockLevelEventId,
  at: moment.at,
  quantity: moment.onHand,
  note,
});

function deliveryEvidence(line: DeliveryLine, order: { quantity: number; note: string }): PenaltyEvidence[] {
  return [
    { kind: 'ORDER', id: line.orderId, at: line.promisedAt, quantity: order.quantity, note: order.note },
    {
      kind: 'SHIPMENT',
      id: line.shipmentId,
      at: line.deliveredAt,
      quantity: line.dispatchedQuantity,
      note:
        line.dispatchedQuantity === null
          ? `shipment ${line.shipmentId} not dispatched`
          : `shipment ${line.shipmentId} dispatched ${line.dispatchedQuantity} of ${line.orderedQuantity} ordered` +
            (line.deliveredAt ? `, first arrival ${line.deliveredAt.toISOString()}` : ', not delivered yet'),
    },
    ...line.receiptEventIds.map((id): PenaltyEvidence => ({
      kind: 'RECEIPT',
      id,
      at: null,
      quantity: null,
      note: `goods receipt matched to order ${line.orderId}`,
    })),
  ];
}

function lateDeliveries(period: Period, lines: readonly DeliveryLine[], ratesOn: RatesOn): PenaltyItem[] {
  const breaches = lines.flatMap((line): Counted[] => {
    const promised = dayOf(line.promisedAt);
    const arrived = line.deliveredAt ? dayOf(line.deliveredAt) : period.lastDay;
    const late = daysLate(line, arrived);
    const rates = ratesOn(promised);
    if (late <= 0 || !rates) return [];
    const note = line.deliveredAt
      ? `order ${line.orderId} promised for ${promised}, delivered ${arrived}: ${plural(late, 'day', 'days')} late`
      : `order ${line.orderId} promised for ${promised}, not delivered by ${arrived}: ${plural(late, 'day', 'days')} late so far`;
    return [{ rates, quantity: late, evidence: deliveryEvidence(line, { quantity: late, note }) }];
  });
  return priced('LATE_DELIVERY', period, 'perLateDelivery', breaches, (n) => plural(n, 'day late', 'days late'));
}

function shortDeliveries(period: Period, lines: readonly DeliveryLine[], ratesOn: RatesOn): PenaltyItem[] {
  const breaches = lines.flatMap((line): Counted[] => {
    if (line.dispatchedQuantity === null) return [];
    const short = stored(line.orderedQuantity - line.dispatchedQuantity);
    const rates = ratesOn(dayOf(line.promisedAt));
    if (short <= 0 || !rates) return [];
    const note = `order ${line.orderId}: ordered ${line.orderedQuantity}, dispatched ${line.dispatchedQuantity}: ${plural(short, 'unit', 'units')} short`;
    return [{ rates, quantity: short, evidence: deliveryEvidence(line, { quantity: short, note }) }];
  });
  return priced('SHORT_DELIVERY', period, 'perShortDelivery', breaches, (n) => plural(n, 'unit short', 'units short'));
}

/** The version in force on the period's last day, or on the last day before it that the line was in force. */
function lastRatesOf(period: Period, ratesOn: RatesOn): LinePenaltyRates | undefined {
  for (let day: Day = period.lastDay; day >= period.firstDay; day = addDays(day, -1)) {
    const rates = ratesOn(day);
    if (rates) return rates;
  }
  return undefined;
}

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

function fillRateFloor(period: Period, days: readonly LineDay[], ratesOn: RatesOn): PenaltyItem[] {
  const rates = lastRatesOf(period, ratesOn);
  const measured = fillRate(days);
  if (!rates || rates.fillRateFloor === undefined || measured.rate === null || measured.rate >= rates.fillRateFloor) return [];
  const floor = rates.fillRateFloor;
  const evidence: PenaltyEvidence[] = [
    {
      kind: 'KPI',
      id: `fill-rate/${period.id}`,
      at: null,
      quantity: measured.rate,
      note: `fill rate ${percent(measured.rate)} (met ${measured.metFromStock} of ${measured.demand} demanded) below the floor of ${percent(floor)}`,
    },
    ...days
      .filter((day) => stored(day.demand - day.metFromStock) > 0)
      .map((day): PenaltyEvidence => ({
        kind: 'STOCKOUT_DAY',
        id: day.day,
        at: startOf(day.day),
        quantity: stored(day.demand - day.metFromStock),
        note: `on ${day.day} ${stored(day.demand - day.metFromStock)} of ${day.demand} demanded went unmet`,
      })),
  ];
  return priced(
    'FILL_RATE_FLOOR',
    period,
    'perFillRateShortfall',
    [{ rates, quantity: 1, evidence }],
    (n) => `fill rate ${percent(measured.rate as number)} below the floor of ${percent(floor)}: ${plural(n, 'month', 'months')}`,
  );
}

function stockoutsBeyondAllowance(period: Period, days: readonly LineDay[], ratesOn: RatesOn): PenaltyItem[] {
  const begun = days
    .flatMap((day) => day.stockoutsBegun.map((moment) => ({ day: day.day, moment })))
    .sort((a, b) => a.moment.at.getTime() - b.moment.at.getTime());
  const breaches = begun.flatMap(({ day, moment }, i): Counted[] => {
    const rates = ratesOn(day);
    const count = i + 1;
    if (!rates || count <= rates.allowedStockoutsPerMonth) return [];
    const note = `stockout ${count} begun in ${period.id}, beyond the ${rates.allowedStockoutsPerMonth} allowed`;
    return [{ rates, quantity: 1, evidence: [stockLevelEvidence(moment, note)] }];
  });
  return priced(
    'STOCKOUTS_BEYOND_ALLOWANCE',
    period,
    'penaltyPerStockout',
    breaches,
    (n) => `${plural(begun.length, 'stockout', 'stockouts')} begun, ${plural(n, 'stockout', 'stockouts')} beyond the allowance`,
  );
}
