import { Penalty, PenaltyDispute, ReplenishmentOrder, Shipment, SlaBreach, roundToStoredPrecision } from '@smi/contracts';

/** What an alert is about; the words receivers switch on, and the rules a party picks in its preferences. */
export const ALERT_TOPICS = [
  'ORDER_RAISED',
  'APPROVAL_NEEDED',
  'APPROVAL_DEADLINE_NEAR',
  'ORDER_REJECTED',
  'ORDER_EXPIRED',
  'STOCKOUT',
  'PROJECTED_BELOW_MIN',
  'ABOVE_MAX',
  'PENALTY',
  'PENALTY_RAISED',
  'PENALTY_CORRECTED',
  'DISPUTE_OPENED',
  'DISPUTE_RESOLVED',
  'SHIPMENT',
  'SHIPMENT_DELAYED',
  'SHIPMENT_LATE',
  'FEED_SILENT',
  'FEED_RESUMED',
] as const;
export type AlertTopic = (typeof ALERT_TOPICS)[number];

/** One alert owed to one party because of one event. */
export interface AlertIntent {
  /** `${causedByEventId}:${recipientId}`: the same on every replay, so receivers can dedupe. */
  notificationId: string;
  recipientId: string;
  topic: AlertTopic;
  /** One line a person can read. */
  subject: string;
  /** The causing event as JSON (dates as ISO-8601 strings). */
  payload: Record<string, unknown>;
  causedByEventId: string;
}

/** A reason an event cannot be turned into alerts, naming the field. */
export interface AlertProblem {
  field: string;
  problem: string;
}

export type AlertDecision = { kind: 'alerts'; alerts: AlertIntent[] } | { kind: 'refused'; problems: AlertProblem[] };

/**
 * Each step of an order concerns someone:
 * - released (placed within the boundary, or approved): both sides; the supplier must ship it, the buyer expects it;
 * - awaiting approval: the buyer, who must approve or reject it before its deadline; nothing is placed yet;
 * - rejected: the supplier, who must not ship it (the buyer rejected it itself);
 * - expired: both; nothing ships, and the next low stock level may order again.
 */
export function alertsForOrder(order: ReplenishmentOrder): AlertDecision {
  const problems = missingFields(order, ['eventId', 'orderId', 'buyerId', 'supplierId']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const what = `${quantityText(order.quantity)} ${order.unit} of ${order.itemId} for ${order.siteId}`;
  switch (order.status) {
    case 'RELEASED': {
      const approved = order.statusChangedBy && order.statusChangedBy !== PLATFORM ? ` (approved by ${order.statusChangedBy})` : '';
      const subject = `Order ${order.orderId}${approved}: ${what}, due ${dayOf(order.expectedDeliveryAt)}`;
      return { kind: 'alerts', alerts: alertsTo([order.supplierId, order.buyerId], 'ORDER_RAISED', subject, order) };
    }
    case 'AWAITING_APPROVAL': {
      const by = order.approvalDeadline ? ` by ${minuteOf(order.approvalDeadline)}` : '';
      const subject = `Order ${order.orderId} awaits your approval${by}: ${what} (${order.statusReason})`;
      return { kind: 'alerts', alerts: alertsTo([order.buyerId], 'APPROVAL_NEEDED', subject, order) };
    }
    case 'REJECTED': {
      const subject = `Order ${order.orderId} rejected by ${order.statusChangedBy}: ${what}; do not ship it (${order.statusReason})`;
      return { kind: 'alerts', alerts: alertsTo([order.supplierId], 'ORDER_REJECTED', subject, order) };
    }
    case 'EXPIRED': {
      const subject = `Order ${order.orderId} expired unapproved: ${what} (${order.statusReason})`;
      return { kind: 'alerts', alerts: alertsTo([order.supplierId, order.buyerId], 'ORDER_EXPIRED', subject, order) };
    }
    default:
      return {
        kind: 'refused',
        problems: [{ field: 'status', problem: `must be RELEASED, AWAITING_APPROVAL, REJECTED or EXPIRED (got ${order.status})` }],
      };
  }
}

/** Who took an order step when no party did. */
const PLATFORM = 'replenishment';

/** A stockout or a penalty concerns the buyer who suffers it and the supplier answerable for it. */
export function alertsForBreach(breach: SlaBreach): AlertDecision {
  const problems = missingFields(breach, ['eventId', 'agreementId', 'buyerId', 'supplierId']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const count = `stockout ${breach.stockoutsInPeriod} of ${breach.allowedStockoutsPerPeriod} allowed in ${breach.period}`;
  const where = `${breach.itemId} at ${breach.siteId}`;
  const subject =
    breach.kind === 'PENALTY'
      ? `Penalty of ${breach.penaltyAmount.toFixed(2)} ${breach.currency} under ${breach.agreementId}: ${count} (${where})`
      : `Stockout of ${where} since ${minuteOf(breach.occurredAt)} (${count})`;
  return { kind: 'alerts', alerts: alertsTo([breach.buyerId, breach.supplierId], breach.kind, subject, breach) };
}

/**
 * Only the dispatch matters to the buyer: it is when goods are on their way.
 * Planning is the supplier's own business, and delivery/receipt the buyer sees itself.
 */
export function alertsForShipment(shipment: Shipment): AlertDecision {
  if (shipment.status !== 'DISPATCHED') return { kind: 'alerts', alerts: [] };
  const problems = missingFields(shipment, ['eventId', 'shipmentId', 'buyerId']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const subject =
    `Shipment ${shipment.shipmentId} dispatched: ${quantityText(shipment.quantity)} ${shipment.unit} of ${shipment.itemId} ` +
    `for ${shipment.siteId} (order ${shipment.orderId}), due ${dayOf(shipment.expectedDeliveryAt)}`;
  return { kind: 'alerts', alerts: alertsTo([shipment.buyerId], 'SHIPMENT', subject, shipment) };
}

/**
 * A penalty concerns both sides: the buyer is owed it, the supplier answers for it. A correction
 * says by how much it changed, so neither has to compare revisions.
 */
export function alertsForPenalty(penalty: Penalty): AlertDecision {
  const problems = missingFields(penalty, ['eventId', 'penaltyId', 'agreementId', 'buyerId', 'supplierId']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const where = penalty.siteId && penalty.itemId ? ` (${penalty.itemId} at ${penalty.siteId})` : '';
  const amount = `${money(penalty.amount)} ${penalty.currency}`;
  const corrected = penalty.revision > 1;
  const subject = corrected
    ? `Penalty corrected under ${penalty.agreementId}, ${ruleWords(penalty.rule)} in ${penalty.period}${where}: now ${amount} ` +
      `(${penalty.difference >= 0 ? '+' : ''}${money(penalty.difference)} ${penalty.currency}, revision ${penalty.revision})`
    : `Penalty of ${amount} under ${penalty.agreementId}, ${ruleWords(penalty.rule)} in ${penalty.period}${where}: ${penalty.explanation}`;
  return {
    kind: 'alerts',
    alerts: alertsTo([penalty.buyerId, penalty.supplierId], corrected ? 'PENALTY_CORRECTED' : 'PENALTY_RAISED', subject, penalty),
  };
}

/** A dispute opened is the buyer's to decide; its resolution concerns both. */
export function alertsForDispute(dispute: PenaltyDispute): AlertDecision {
  const problems = missingFields(dispute, ['eventId', 'disputeId', 'penaltyId', 'buyerId', 'supplierId']);
  if (problems.length > 0) return { kind: 'refused', problems };
  const amount = `${money(dispute.amount)} ${dispute.currency}`;
  switch (dispute.step) {
    case 'OPENED':
      return {
        kind: 'alerts',
        alerts: alertsTo(
          [dispute.buyerId],
          'DISPUTE_OPENED',
          `${dispute.by} disputes penalty ${dispute.penaltyId} (${amount}): ${dispute.reason}; accept or reject it`,
          dispute,
        ),
      };
    case 'ACCEPTED':
    case 'REJECTED': {
      const outcome =
        dispute.step === 'ACCEPTED'
          ? `accepted the dispute of penalty ${dispute.penaltyId}: ${amount} credited`
          : `rejected the dispute of penalty ${dispute.penaltyId}: the penalty stands`;
      const subject = `${dispute.by} ${outcome} (${dispute.reason})`;
      return { kind: 'alerts', alerts: alertsTo([dispute.supplierId, dispute.buyerId], 'DISPUTE_RESOLVED', subject, dispute) };
    }
    default:
      return {
        kind: 'refused',
        problems: [{ field: 'step', problem: `must be OPENED, ACCEPTED or REJECTED (got ${String(dispute.step)})` }],
      };
  }
}

const RULE_WORDS: Record<Penalty['rule'], string> = {
  STOCKOUT_DAYS: 'stockout days',
  LATE_DELIVERY: 'late delivery',
  SHORT_DELIVERY: 'short delivery',
  FILL_RATE_FLOOR: 'fill rate below the floor',
  STOCKOUTS_BEYOND_ALLOWANCE: 'stockouts beyond the allowance',
};
const ruleWords = (rule: Penalty['rule']): string => RULE_WORDS[rule] ?? rule;

const money = (amount: number): string => amount.toFixed(2);

export const notificationIdOf = (causedByEventId: string, recipientId: string): string => `${causedByEventId}:${recipientId}`;

export const describeAlertProblems = (problems: AlertProblem[]): string => problems.map((p) => `${p.field} ${p.problem}`).join('; ');

/**
 * One alert per recipient. `causeId` defaults to the event's id; an alert a state change or a
 * sweep raises names its cause after the event and what it found (`<eventId>/late`), so a replay
 * or a second sweep gives the same id.
 */
export function alertsTo(
  recipients: string[],
  topic: AlertTopic,
  subject: string,
  event: { eventId: string },
  causeId = event.eventId,
): AlertIntent[] {
  const payload = asJson(event);
  // A party on both sides of an agreement gets one alert, not two with the same id.
  return [...new Set(recipients)].map((recipientId) => ({
    notificationId: notificationIdOf(causeId, recipientId),
    recipientId,
    topic,
    subject,
    payload,
    causedByEventId: event.eventId,
  }));
}

function missingFields<T extends object>(event: T, fields: Array<keyof T & string>): AlertProblem[] {
  return fields
    .filter((field) => typeof event[field] !== 'string' || (event[field] as string).trim().length === 0)
    .map((field) => ({ field, problem: 'is required and must be a non-empty string' }));
}

/** What the receiver gets: JSON has no dates, so they travel as ISO-8601 strings. */
const asJson = (event: object): Record<string, unknown> => JSON.parse(JSON.stringify(event)) as Record<string, unknown>;

export const quantityText = (quantity: number): string => String(roundToStoredPrecision(quantity));

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

export const minuteOf = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
