import type { AgreementLine } from '@smi/agreements';
import type { OrderExplanation, OrderQuantityStep } from '@smi/contracts';
import { classifyDemand } from '@smi/forecasting';
import { arrivalOf, daysToNextDeliveryDay, hasDeliveryCalendar, type Arrival } from '../calendar/delivery-calendar';
import { assessEmergency, type EmergencyAssessment } from './emergency-order';
import { dateWords, dayWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { stored } from './exact-quantity';
import { inventoryPositionOf, type InventoryPosition } from './inventory-position';
import { roundOrderQuantity } from '../policy/order-rounding';
import type { DemandClass, DemandOutlook, PlanningTerms, ReplenishmentDecision, ShortDispatch, StockSituation } from './planning-types';
import { reorderLevelsFor } from '../policy/reorder-levels';
import { applyPolicy, PERIODIC_POLICIES } from '../policy/reorder-policy';
import { reviewStatusAt } from '../calendar/review-moments';

/**
 * The replenishment engine: from an agreement line and a stock situation, the
 * order to place now (or none), with every input and step in its explanation.
 * Pure and deterministic: the same terms and situation give the same decision,
 * so the service and the what-if simulator agree.
 *
 * 1. Inventory position = on-hand + open orders − backorders.
 * 2. Protection interval = lead time, plus any wait for a delivery weekday,
 *    plus the review period for periodic policies.
 * 3. Safety stock, reorder point and order-up-to level (reorder-levels.ts).
 * 4. If stock runs out before a regular order could arrive and the agreement
 *    allows it: an emergency order up to the order-up-to level.
 * 5. Otherwise the policy decides (reorder-policy.ts).
 * 6. The quantity is rounded to the lot terms (order-rounding.ts).
 */
export function planReplenishment(terms: PlanningTerms, situation: StockSituation): ReplenishmentDecision {
  const { line } = terms;
  checkSituation(situation);
  const policy = line.policy ?? 'min-max';
  const periodic = PERIODIC_POLICIES.includes(policy);
  const position = inventoryPositionOf(situation);
  const arrival = arrivalOf(situation.now, line);
  const reviewDays = periodic ? reviewPeriodOf(line, arrival) : 0;
  const protectionDays = arrival.days + reviewDays;
  const demandClass = demandClassOf(situation.demand);
  const levels = reorderLevelsFor({
    line,
    demand: situation.demand,
    demandClass,
    protectionDays,
    reviewDays,
    ...(terms.unmetDemand && { unmetDemand: terms.unmetDemand }),
  });
  const review = periodic ? reviewStatusAt(situation.now, situation.lastReviewAt, line, terms.validFrom) : undefined;
  const reviewedAt = review?.due ? situation.now : undefined;

  const explain = (fields: Pick<OrderExplanation, 'leadTimeDays' | 'neededQuantity' | 'steps' | 'summary'>): OrderExplanation => ({
    policy,
    backorders: situation.backorders,
    inventoryPosition: position.position,
    forecastPerDay: situation.demand.perDay,
    forecastStdDevPerDay: situation.demand.stdDevPerDay,
    demandClass: demandClass ?? '',
    protectionDays,
    safetyStockMethod: levels.safetyStockMethod,
    serviceLevelTarget: levels.serviceLevelTarget,
    promisedServiceLevel: levels.promisedServiceLevel,
    safetyStock: stored(levels.safetyStock),
    reorderPoint: levels.reorderPoint,
    orderUpTo: levels.orderUpTo,
    ...fields,
  });
  const order = (
    needed: number,
    emergency: boolean,
    leadTimeDays: number,
    dueAt: Date,
    head: (quantity: number) => string,
  ): ReplenishmentDecision => {
    const { quantity, steps } = roundOrderQuantity(needed, line);
    const summary = sentence([head(quantity), positionWords(position), roundingWords(steps), ...levels.basis]);
    return {
      kind: 'order',
      quantity,
      emergency,
      leadTimeDays,
      dueAt,
      orderValue: stored(quantity * (line.unitPrice ?? 0)),
      explanation: explain({ leadTimeDays, neededQuantity: needed, steps, summary }),
      ...(reviewedAt && { reviewedAt }),
    };
  };

  const emergency = assessEmergency({
    situation,
    terms: line,
    regularArrival: arrival,
    position: position.position,
    orderUpTo: levels.orderUpTo,
  });
  if (emergency.kind === 'emergency') {
    const lead = `emergency lead time ${dayWords(emergency.leadTimeDays)}`;
    return order(
      emergency.needed,
      true,
      emergency.leadTimeDays,
      emergency.dueAt,
      (quantity) =>
        `Emergency order of ${quantityWords(quantity)} ${line.unit}, due ${dateWords(emergency.dueAt)} (${lead}): ${emergency.words}; ` +
        `filling the inventory position up to the order-up-to level ${statisticWords(levels.orderUpTo)} needs ${quantityWords(emergency.needed)}`,
    );
  }

  const answer = applyPolicy({
    policy,
    position: position.position,
    reorderPoint: levels.reorderPoint,
    orderUpTo: levels.orderUpTo,
    fixedOrderQuantity: line.fixedOrderQuantity,
    review,
  });
  const warning = stockoutWarning(emergency);
  if (answer.order) {
    return order(answer.needed, false, line.leadTimeDays, arrival.dueAt, (quantity) =>
      [`Order ${quantityWords(quantity)} ${line.unit}, due ${dateWords(arrival.dueAt)}${waitWords(arrival)}: ${answer.reason}`, warning]
        .filter(Boolean)
        .join('; '),
    );
  }
  const summary = sentence([`No order: ${answer.reason}`, warning, positionWords(position), ...levels.basis]);
  return {
    kind: 'none',
    explanation: explain({ leadTimeDays: line.leadTimeDays, neededQuantity: 0, steps: [], summary }),
    ...(reviewedAt && { reviewedAt }),
  };
}

/**
 * The demand class the forecast carries or, without one, the class of the
 * item's own history: an intermittent item gets its own distribution even
 * when the forecast has not classified it.
 */
function demandClassOf(demand: DemandOutlook): DemandClass | undefined {
  return demand.demandClass ?? (demand.history ? classifyDemand(demand.history.quantities)?.demandClass : undefined);
}

/** The review period of a periodic policy: to the next delivery day after this order's, or reviewPeriodDays without a calendar. */
function reviewPeriodOf(line: AgreementLine, arrival: Arrival): number {
  if (hasDeliveryCalendar(line.deliveryWeekdays)) return daysToNextDeliveryDay(arrival.dueAt, line.deliveryWeekdays);
  const days = line.reviewPeriodDays;
  if (days === undefined || !(days > 0)) {
    throw new RangeError(`reviewPeriodDays must be above 0 for policy ${line.policy} without deliveryWeekdays (got ${days})`);
  }
  return days;
}

function checkSituation(situation: StockSituation): void {
  const numbers = {
    onHand: situation.onHand,
    backorders: situation.backorders,
    'demand.perDay': situation.demand.perDay,
    'demand.stdDevPerDay': situation.demand.stdDevPerDay,
  };
  for (const [field, value] of Object.entries(numbers)) {
    if (!Number.isFinite(value)) throw new RangeError(`${field} must be a finite number (got ${value})`);
  }
  for (const field of ['backorders', 'demand.perDay', 'demand.stdDevPerDay'] as const) {
    if (numbers[field] < 0) throw new RangeError(`${field} must be >= 0 (got ${numbers[field]})`);
  }
  if (Number.isNaN(situation.now.getTime())) throw new RangeError('now must be a valid date (got Invalid Date)');
}

const positionWords = (p: InventoryPosition) =>
  `position = on hand ${quantityWords(p.onHand)} + on order ${quantityWords(p.onOrder)}${partlyReceivedWords(p)} − backorders ${quantityWords(p.backorders)}`;

/**
 * Orders that count with less than was ordered, and why: partly received ones with what is still due,
 * short-dispatched ones with what their supplier dispatched (the shortfall never comes), and orders
 * closed short, which count nothing.
 */
const partlyReceivedWords = (p: InventoryPosition) => {
  const clauses = [
    ...(p.partlyReceived ?? []).map(
      (o) =>
        `${o.orderId}: ${quantityWords(o.stillDue)} still due, ${quantityWords(o.received)} already received${o.short ? `, ${dispatchWords(o.short)}` : ''}`,
    ),
    ...(p.shortDispatched ?? []).map((o) => `${o.orderId}: ${quantityWords(o.stillDue)} still due, ${dispatchWords(o.short)}`),
    ...(p.closedShort ?? []).map(
      (o) =>
        `${o.orderId}: ${quantityWords(o.dispatched)} of ${quantityWords(o.ordered)} dispatched, all received; ${quantityWords(stored(o.ordered - o.dispatched))} short`,
    ),
  ];
  return clauses.length > 0 ? ` (${clauses.join('; ')})` : '';
};

const dispatchWords = (short: ShortDispatch) =>
  `${quantityWords(short.dispatched)} of ${quantityWords(short.ordered)} dispatched (${quantityWords(stored(short.ordered - short.dispatched))} short)`;

const waitWords = (arrival: Arrival) =>
  arrival.waitDays > 0 ? ` (lead time, then ${dayWords(arrival.waitDays)} to the next delivery day)` : '';

/** The rounding steps that changed the quantity; checks that changed nothing stay in the steps only. */
const roundingWords = (steps: readonly OrderQuantityStep[]) =>
  steps
    .filter((step) => step.after !== step.before)
    .map((step) => step.note)
    .join(', then ');

function stockoutWarning(emergency: EmergencyAssessment): string {
  return emergency.kind === 'stockout' ? `warning: ${emergency.words} (no emergency order: ${emergency.why})` : '';
}

/** Clauses joined into one sentence. */
const sentence = (clauses: readonly string[]) => `${clauses.filter(Boolean).join('; ')}.`;
