import { ReplenishmentOrder, Shipment, ShipmentLine, ShipmentStatus } from '@smi/contracts';

/** One order on a shipment, as this service keeps it: the line of the Shipment event, with the order's own promise. */
export interface LineState extends ShipmentLine {
  /** When this order promised delivery; the shipment's promise is the earliest of its lines'. */
  promisedDeliveryAt: Date;
}

/**
 * A shipment as this service keeps it: the Shipment event without an event id, its lines with
 * their promises, and where it sits among the shipments of its buyer site and delivery day.
 */
export type ShipmentState = Omit<Shipment, 'eventId' | 'lines'> & {
  lines: LineState[];
  /** The buyer site and delivery day it consolidates (agreement|buyer|supplier|site|day); null for shipments made before consolidation. */
  consolidationKey: string | null;
  /** 1 for the first shipment of its site and day, 2 for the one made after the first left, and so on. */
  sequence: number;
};

/** A shipment event a batch announces; `index` is the place in the batch of what caused it. */
export interface Announced {
  index: number;
  event: Shipment;
}

/**
 * A batch's announcements, one per shipment: its last, which carries the shipment as the batch
 * leaves it. Every reader keeps a shipment's latest state, so the states in between add only
 * bytes: n orders joining one consolidated shipment in a batch are one event with n lines, not n
 * events with 1, 2, ... n lines. Kept in the order of each shipment's last announcement. A batch
 * delivered again with other boundaries may name its event after another order; readers keep state,
 * so that changes nothing.
 */
export function lastAnnouncementPerShipment(announced: readonly Announced[]): Announced[] {
  const last = new Map<string, Announced>();
  for (const announcement of announced) {
    last.delete(announcement.event.shipmentId);
    last.set(announcement.event.shipmentId, announcement);
  }
  return [...last.values()];
}

/** The delivery-calendar day of a moment: its UTC date. */
export const deliveryDayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** Orders of one agreement (so one buyer and one supplier) for one site due the same day travel together. */
export const consolidationKeyOf = (
  order: Pick<ReplenishmentOrder, 'agreementId' | 'buyerId' | 'supplierId' | 'siteId' | 'expectedDeliveryAt'>,
): string => [order.agreementId, order.buyerId, order.supplierId, order.siteId, deliveryDayOf(order.expectedDeliveryAt)].join('|');

/**
 * The id of the n-th shipment of a site and day, derived from them, so a replayed order finds its
 * shipment. The first has no sequence; a shipment made because the first had already left has one.
 */
export function shipmentIdOf(order: Pick<ReplenishmentOrder, 'agreementId' | 'siteId' | 'expectedDeliveryAt'>, sequence = 1): string {
  const base = `SHP-${order.agreementId}-${order.siteId}-${deliveryDayOf(order.expectedDeliveryAt)}`;
  return sequence === 1 ? base : `${base}-${sequence}`;
}

/** What a line still expects: what left the supplier, or what was ordered while nothing has left. */
export const expectedOf = (line: ShipmentLine): number => line.dispatchedQuantity ?? line.orderedQuantity;

/** Units the supplier sent fewer than ordered (a short shipment); 0 before dispatch. */
export const shortOf = (line: ShipmentLine): number =>
  line.dispatchedQuantity === null ? 0 : Math.max(0, line.orderedQuantity - line.dispatchedQuantity);

/** Units the buyer booked beyond what left the supplier (an over-delivery). */
export const overOf = (line: ShipmentLine): number => Math.max(0, line.receivedQuantity - expectedOf(line));

/** A line the buyer has booked at least all it expects. */
export const fullyReceived = (line: ShipmentLine): boolean => line.receivedQuantity >= expectedOf(line);

/**
 * A shipment's status follows from what is known of it: no line left (every order vetoed) is
 * CANCELLED; any goods booked by the buyer make it PARTIALLY_RECEIVED, or RECEIVED once every line
 * has what it expects; else DELIVERED, DISPATCHED or PLANNED as logistics reported.
 */
export function statusOf(shipment: Pick<ShipmentState, 'lines' | 'dispatchedAt' | 'deliveredAt'>): ShipmentStatus {
  if (shipment.lines.length === 0) return 'CANCELLED';
  if (shipment.lines.some((line) => line.receivedQuantity > 0))
    return shipment.lines.every(fullyReceived) ? 'RECEIVED' : 'PARTIALLY_RECEIVED';
  if (shipment.deliveredAt) return 'DELIVERED';
  if (shipment.dispatchedAt) return 'DISPATCHED';
  return 'PLANNED';
}

/**
 * A shipment after a change to its lines or reports, made whole again: its status (entered at
 * `at` when it changed), its promise (the earliest of its lines'), and its top-level order fields,
 * which are the first line's for readers of the first versions. A shipment with no line left keeps
 * the fields of its last line.
 */
export function settled(shipment: ShipmentState, at: Date, causedByEventId: string): ShipmentState {
  const status = statusOf(shipment);
  const first = shipment.lines[0];
  const promises = shipment.lines.map((line) => line.promisedDeliveryAt.getTime());
  const promised = first ? new Date(Math.min(...promises)) : shipment.promisedDeliveryAt;
  // Until logistics announce an arrival (dispatch or delay), the shipment is expected when its orders promised.
  const announced = shipment.dispatchedAt !== null || shipment.delayReason !== null;
  return {
    ...shipment,
    expectedDeliveryAt: announced || !promised ? shipment.expectedDeliveryAt : promised,
    ...(first
      ? {
          orderId: first.orderId,
          itemId: first.itemId,
          unit: first.unit,
          quantity: expectedOf(first),
          receivedQuantity: first.receivedQuantity > 0 ? first.receivedQuantity : null,
          promisedDeliveryAt: promised,
        }
      : {}),
    status,
    statusChangedAt: status === shipment.status ? shipment.statusChangedAt : at,
    causedByEventId,
  };
}

/** The line an order makes on a shipment. */
export const lineFor = (order: ReplenishmentOrder): LineState => ({
  orderId: order.orderId,
  itemId: order.itemId,
  unit: order.unit,
  orderedQuantity: order.quantity,
  dispatchedQuantity: null,
  receivedQuantity: 0,
  receiptEventIds: [],
  promisedDeliveryAt: order.expectedDeliveryAt,
});

/** A new shipment for the first order of its site and day, waiting for the supplier's logistics, PLANNED when the order was decided. */
export function plannedShipmentFor(order: ReplenishmentOrder, sequence = 1): ShipmentState {
  return {
    shipmentId: shipmentIdOf(order, sequence),
    orderId: order.orderId,
    agreementId: order.agreementId,
    buyerId: order.buyerId,
    supplierId: order.supplierId,
    siteId: order.siteId,
    itemId: order.itemId,
    quantity: order.quantity,
    unit: order.unit,
    status: 'PLANNED',
    statusChangedAt: order.decidedAt,
    expectedDeliveryAt: order.expectedDeliveryAt,
    receivedQuantity: null,
    lines: [lineFor(order)],
    promisedDeliveryAt: order.expectedDeliveryAt,
    carrier: null,
    trackingReference: null,
    dispatchedAt: null,
    deliveredAt: null,
    delayReason: null,
    causedByEventId: order.eventId,
    consolidationKey: consolidationKeyOf(order),
    sequence,
  };
}

/** The event announcing a shipment; every change publishes the whole shipment, its lines as the contract has them. */
export function shipmentEvent(shipment: ShipmentState, eventId: string): Shipment {
  const { consolidationKey: _key, sequence: _sequence, lines, ...rest } = shipment;
  return {
    eventId,
    ...rest,
    lines: lines.map(({ promisedDeliveryAt: _promise, ...line }) => ({ ...line, receiptEventIds: [...line.receiptEventIds] })),
  };
}

/** The line of a shipment that carries an order, if any. */
export const lineOf = (shipment: ShipmentState, orderId: string): LineState | undefined =>
  shipment.lines.find((line) => line.orderId === orderId);

/** A shipment with one line replaced. */
export const withLine = (shipment: ShipmentState, line: LineState): ShipmentState => ({
  ...shipment,
  lines: shipment.lines.map((l) => (l.orderId === line.orderId ? line : l)),
});

/**
 * The shipments a batch works on, as it leaves them: starts from those loaded for the batch
 * (by shipment id), and remembers which it changed so each is written once, in its last state.
 */
export class ShipmentsOfBatch {
  private readonly byId: Map<string, ShipmentState>;
  private readonly changedIds = new Set<string>();

  constructor(loaded: Iterable<ShipmentState>) {
    this.byId = new Map([...loaded].map((s) => [s.shipmentId, s]));
  }

  get(shipmentId: string): ShipmentState | undefined {
    return this.byId.get(shipmentId);
  }

  all(): ShipmentState[] {
    return [...this.byId.values()];
  }

  /** The shipment carrying an order, if the batch knows one. */
  carrying(orderId: string): ShipmentState | undefined {
    return this.all().find((s) => lineOf(s, orderId) !== undefined);
  }

  set(shipment: ShipmentState): void {
    this.byId.set(shipment.shipmentId, shipment);
    this.changedIds.add(shipment.shipmentId);
  }

  /** Every shipment the batch created or moved, once each, in its last state. */
  changed(): ShipmentState[] {
    return [...this.changedIds].map((id) => this.byId.get(id)!);
  }
}

/** The order statuses logistics reads: only RELEASED ships; a REJECTED one after release is the buyer's veto. */
const ORDER_STATUSES = ['RELEASED', 'AWAITING_APPROVAL', 'REJECTED', 'EXPIRED'];

/**
 * What an order event asks of logistics: a released order (placed, or approved
 * by the buyer) is planned; a rejected one leaves its shipment, if it is on one
 * (a veto after release); an order awaiting approval or expired ships nothing.
 */
export function shipmentActionFor(order: ReplenishmentOrder): 'plan' | 'cancel' | 'none' {
  if (order.status === 'RELEASED') return 'plan';
  if (order.status === 'REJECTED') return 'cancel';
  return 'none';
}

/** Rules an order must meet to become a shipment line, each naming the field. */
export function orderProblems(order: ReplenishmentOrder): string[] {
  const problems: string[] = [];
  if (!ORDER_STATUSES.includes(order.status)) problems.push(`status must be one of ${ORDER_STATUSES.join(', ')} (got ${order.status})`);
  for (const field of ['orderId', 'agreementId', 'buyerId', 'supplierId', 'siteId', 'itemId', 'unit'] as const) {
    if (typeof order[field] !== 'string' || order[field].trim().length === 0) problems.push(`${field} must be a non-empty string`);
  }
  if (!Number.isFinite(order.quantity) || order.quantity <= 0) problems.push(`quantity must be greater than 0 (got ${order.quantity})`);
  for (const field of ['decidedAt', 'expectedDeliveryAt'] as const) {
    if (!(order[field] instanceof Date) || Number.isNaN(order[field].getTime())) problems.push(`${field} must be a date-time`);
  }
  return problems;
}
