import { ReplenishmentOrder, Shipment, SlaBreach, roundToStoredPrecision } from '@smi/contracts';

/** What an alert is about; the words receivers switch on. */
export type AlertTopic = 'ORDER_RAISED' | 'APPROVAL_NEEDED' | 'ORDER_REJECTED' | 'ORDER_EXPIRED' | 'STOCKOUT' | 'PENALTY' | 'SHIPMENT';

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

export const notificationIdOf = (causedByEventId: string, recipientId: string): string => `${causedByEventId}:${recipientId}`;

export const describeAlertProblems = (problems: AlertProblem[]): string => problems.map((p) => `${p.field} ${p.problem}`).join('; ');

function alertsTo(recipients: string[], topic: AlertTopic, subject: string, event: { eventId: string }): AlertIntent[] {
  const payload = asJson(event);
  // A party on both sides of an agreement gets one alert, not two with the same id.
  return [...new Set(recipients)].map((recipientId) => ({
    notificationId: notificationIdOf(event.eventId, recipientId),
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

const quantityText = (quantity: number): string => String(roundToStoredPrecision(quantity));

const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

const minuteOf = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
