import type { ReplenishmentOrder } from '@smi/contracts';

/**
 * Where an order stands. Released and awaiting-approval orders are open: both
 * count as on order, so the same need is never ordered twice. A rejected or
 * expired order stops counting; a received one has its goods in on-hand.
 */
export type OrderStatus = 'awaiting-approval' | 'released' | 'rejected' | 'expired' | 'received';
export const ORDER_STATUSES: readonly OrderStatus[] = ['awaiting-approval', 'released', 'rejected', 'expired', 'received'];
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['awaiting-approval', 'released'];

/** The steps of an order's life; each is announced by one event with id `${orderId}/${step}`. */
export type OrderStep = 'released' | 'awaiting-approval' | 'approved' | 'rejected' | 'expired';

/** An order as kept: its event's fields, with where it stands now; the levels under their own names only. */
export interface PlacedOrder extends Omit<ReplenishmentOrder, 'eventId' | 'status' | 'minimum' | 'maximum' | 'reorderPoint' | 'orderUpTo'> {
  status: OrderStatus;
  reorderPoint: number;
  orderUpTo: number;
}

/** Who asks for a step: the party calling the API (same shape as service-kit's Party). */
export interface Actor {
  id: string;
  kind: 'buyer' | 'supplier' | 'operator';
}

export type OrderAction =
  | { kind: 'approve'; by: Actor; at: Date }
  | { kind: 'reject'; by: Actor; at: Date; reason: string }
  /** The expiry sweep: an order nobody approved by its deadline lapses. */
  | { kind: 'expire'; at: Date };

export type ActionOutcome =
  | { kind: 'moved'; order: PlacedOrder; step: OrderStep; event: ReplenishmentOrder }
  /** forbidden: not this party's to decide; conflict: not in a state that allows it; invalid: the request lacks something (field). */
  | { kind: 'refused'; refusal: 'forbidden' | 'conflict'; message: string }
  | { kind: 'refused'; refusal: 'invalid'; field: string; message: string };

/** What a command on an order came to; `unknown` when there is no such order. */
export type ActionResult = ActionOutcome | { kind: 'unknown'; message: string };

/** One action asked of one order. */
export interface OrderCommand {
  orderId: string;
  action: OrderAction;
}

/**
 * Applies commands to the orders they name, in order, each seeing the steps the ones before
 * took: as taking them one by one would. `orders` holds every named order that exists.
 */
export function applyOrderCommands(orders: ReadonlyMap<string, PlacedOrder>, commands: readonly OrderCommand[]): ActionResult[] {
  const current = new Map(orders);
  return commands.map(({ orderId, action }): ActionResult => {
    const order = current.get(orderId);
    // An order of other parties answers as one that does not exist.
    if (!order || (action.kind !== 'expire' && !maySee(order, action.by))) return { kind: 'unknown', message: unknownOrder(orderId) };
    const outcome = applyOrderAction(order, action);
    if (outcome.kind === 'moved') current.set(orderId, outcome.order);
    return outcome;
  });
}

/** What a caller hears of an order that does not exist, or that it may not see: the same, so an id confirms nothing. */
export const unknownOrder = (orderId: string): string => `order ${orderId} is not known`;

/** An order is seen by its buyer, its supplier and operators. */
export const maySee = (order: Pick<PlacedOrder, 'buyerId' | 'supplierId'>, by: Actor): boolean =>
  by.kind === 'operator' || by.id === order.buyerId || by.id === order.supplierId;

/** Who took the step when the platform did (release, expiry). */
export const PLATFORM_ACTOR = 'replenishment';

const EVENT_STATUS: Record<Exclude<OrderStatus, 'received'>, string> = {
  'awaiting-approval': 'AWAITING_APPROVAL',
  released: 'RELEASED',
  rejected: 'REJECTED',
  expired: 'EXPIRED',
};

/** The status an order event carries, in the kept form. */
export function orderStatusOf(eventStatus: string): OrderStatus {
  const found = (Object.keys(EVENT_STATUS) as Array<keyof typeof EVENT_STATUS>).find((s) => EVENT_STATUS[s] === eventStatus);
  if (!found) throw new RangeError(`status ${eventStatus} is not an order event status (${Object.values(EVENT_STATUS).join(', ')})`);
  return found;
}

/**
 * The event announcing that the order took `step` and now stands where it stands.
 * minimum and maximum repeat the levels for readers of ReplenishmentOrder before version 5.
 */
export function orderEventOf(order: PlacedOrder, step: OrderStep): ReplenishmentOrder {
  if (order.status === 'received')
    throw new RangeError(`order ${order.orderId} is received: a goods receipt announces that, not an order event`);
  return {
    eventId: `${order.orderId}/${step}`,
    ...order,
    minimum: order.reorderPoint,
    maximum: order.orderUpTo,
    status: EVENT_STATUS[order.status],
  };
}

/** The order as kept from the event that placed it; an event before version 5 has its levels in minimum and maximum only. */
export function placedOrderFrom(event: ReplenishmentOrder): PlacedOrder {
  const { eventId: _eventId, minimum, maximum, reorderPoint, orderUpTo, status, ...fields } = event;
  return { ...fields, reorderPoint: reorderPoint ?? minimum, orderUpTo: orderUpTo ?? maximum, status: orderStatusOf(status) };
}

/**
 * The order's life after it is placed:
 * - awaiting approval → released when its buyer (or an operator) approves it before the deadline;
 * - awaiting approval → rejected when its buyer rejects it before the deadline, with a reason;
 * - awaiting approval → expired once the deadline has passed;
 * - released → rejected when its buyer vetoes it within the veto window (approvalDeadline of a released order).
 * Anything else is refused, saying why.
 */
export function applyOrderAction(order: PlacedOrder, action: OrderAction): ActionOutcome {
  if (action.kind === 'expire') return expire(order, action.at);
  const forbidden = refusalFor(order, action.by, action.kind);
  if (forbidden) return forbidden;
  return action.kind === 'approve' ? approve(order, action.by, action.at) : reject(order, action.by, action.at, action.reason);
}

function approve(order: PlacedOrder, by: Actor, at: Date): ActionOutcome {
  if (order.status !== 'awaiting-approval')
    return conflict(`order ${order.orderId} is ${order.status}; only an order awaiting approval can be approved`);
  const deadline = lapsedAt(order, at);
  if (deadline) return conflict(`order ${order.orderId} lapsed at ${deadline}; it can no longer be approved`);
  // The buyer approved it itself: no veto window follows.
  return moved(
    { ...order, status: 'released', statusChangedBy: by.id, statusReason: `approved by ${by.id}`, approvalDeadline: null },
    'approved',
  );
}

function reject(order: PlacedOrder, by: Actor, at: Date, reason: string): ActionOutcome {
  if (reason.trim().length === 0)
    return {
      kind: 'refused',
      refusal: 'invalid',
      field: 'reason',
      message: `reason is required: say why order ${order.orderId} is rejected`,
    };
  const rejected: PlacedOrder = {
    ...order,
    status: 'rejected',
    statusChangedBy: by.id,
    statusReason: reason.trim(),
    approvalDeadline: null,
  };
  const deadline = lapsedAt(order, at);
  if (order.status === 'awaiting-approval') {
    if (deadline) return conflict(`order ${order.orderId} lapsed at ${deadline}; it can no longer be rejected`);
    return moved(rejected, 'rejected');
  }
  if (order.status === 'released') {
    if (order.approvalDeadline === null)
      return conflict(`order ${order.orderId} is released with no veto window; it can no longer be rejected`);
    if (deadline)
      return conflict(`order ${order.orderId} is released and its veto window closed at ${deadline}; it can no longer be rejected`);
    return moved(rejected, 'rejected');
  }
  return conflict(
    `order ${order.orderId} is ${order.status}; only an order awaiting approval, or released within its veto window, can be rejected`,
  );
}

function expire(order: PlacedOrder, at: Date): ActionOutcome {
  if (order.status !== 'awaiting-approval')
    return conflict(`order ${order.orderId} is ${order.status}; only an order awaiting approval can expire`);
  const deadline = lapsedAt(order, at);
  if (!deadline)
    return conflict(
      `order ${order.orderId} awaits approval until ${order.approvalDeadline?.toISOString() ?? 'it is decided'}; it has not expired yet`,
    );
  return moved(
    {
      ...order,
      status: 'expired',
      statusChangedBy: PLATFORM_ACTOR,
      statusReason: `nobody approved it by ${deadline}`,
      approvalDeadline: null,
    },
    'expired',
  );
}

/** Only the order's buyer, or an operator, decides on it; its supplier never approves its own order. */
function refusalFor(order: PlacedOrder, by: Actor, verb: 'approve' | 'reject'): ActionOutcome | undefined {
  if (by.kind === 'operator' || (by.kind === 'buyer' && by.id === order.buyerId)) return undefined;
  return { kind: 'refused', refusal: 'forbidden', message: `only the order's buyer or an operator may ${verb} order ${order.orderId}` };
}

/** The deadline (approval or veto) as text when it has passed at `at`; an order without one never lapses. */
const lapsedAt = (order: PlacedOrder, at: Date): string | undefined =>
  order.approvalDeadline !== null && at.getTime() >= order.approvalDeadline.getTime() ? order.approvalDeadline.toISOString() : undefined;

const moved = (order: PlacedOrder, step: OrderStep): ActionOutcome => ({ kind: 'moved', order, step, event: orderEventOf(order, step) });

const conflict = (message: string): ActionOutcome => ({ kind: 'refused', refusal: 'conflict', message });
