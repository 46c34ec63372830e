import type { Shipment } from '@smi/contracts';
import { stored } from '@smi/replenishment-planning';
import type { GoodsReceipt } from './replenishment-order';

/**
 * What an order's supplier promised and what arrived: `dispatched` is what the advance shipping
 * notice says left the supplier (null before dispatch). A short shipment's shortfall never comes,
 * so only what was dispatched stays due.
 */
export interface OrderArrivals {
  ordered: number;
  dispatched: number | null;
  received: number;
}

/** What is still on order: what was dispatched (before dispatch, ordered) less what arrived, at least 0. */
export const stillOnOrder = ({ ordered, dispatched, received }: OrderArrivals): number =>
  Math.max(0, stored((dispatched ?? ordered) - received));

/** Everything that will come has come: the order is received. */
export const allArrived = (order: OrderArrivals): boolean => order.received >= (order.dispatched ?? order.ordered);

/** The supplier dispatched less than was ordered. */
export const isShort = ({ ordered, dispatched }: OrderArrivals): boolean => dispatched !== null && dispatched < ordered;

/** The goods receipt brought the last of what a short shipment dispatched: it closes its order short. */
export const closesShort = (r: GoodsReceipt): boolean =>
  r.closes && isShort({ ordered: r.orderedQuantity, dispatched: r.dispatchedQuantity, received: r.receivedSoFar });

/** An order as a shipment event finds it. */
export interface DispatchedOrder extends OrderArrivals {
  orderId: string;
  unit: string;
  /** Released or awaiting approval: only an open order is closed. */
  open: boolean;
  /** When the last goods receipt booked against it arrived, if any did. */
  receivedAt: Date | null;
}

/** What the shipment events decided for one order: its dispatched quantity, and whether that closes it short. */
export interface DispatchRecorded {
  orderId: string;
  shipmentId: string;
  dispatched: number;
  /** The shipment event that said so. */
  eventId: string;
}

/** An order closed because all that was dispatched arrived and the rest never will. */
export interface ShortClose {
  orderId: string;
  shipmentId: string;
  ordered: number;
  dispatched: number;
  received: number;
  unit: string;
  /** Business time: the later of the dispatch and the last receipt. */
  at: Date;
  /** Unique per order and shipment event, for the order's history. */
  eventId: string;
}

export interface DispatchesDecided {
  /** The dispatched quantity of each order that changed, once each (its last). */
  dispatched: DispatchRecorded[];
  closes: ShortClose[];
  /** Shipment events refused whole, by their place in the batch, with the reason naming the field. */
  refused: Array<{ index: number; reason: string }>;
}

/**
 * Folds shipment events, in order, into their orders: each line's dispatched quantity is kept
 * (the largest reported, so a redelivered or older event changes nothing), and an open order whose
 * dispatched quantity has all arrived is closed short. A cancelled shipment changes nothing here
 * (the order's own rejection does), nor does a line before dispatch or for an order we do not hold.
 */
export function decideDispatches(shipments: readonly Shipment[], orders: ReadonlyMap<string, DispatchedOrder>): DispatchesDecided {
  const current = new Map(orders);
  const dispatched = new Map<string, DispatchRecorded>();
  const closes: ShortClose[] = [];
  const refused: DispatchesDecided['refused'] = [];
  shipments.forEach((shipment, index) => {
    if (shipment.status === 'CANCELLED') return;
    const problem = lineProblem(shipment, current);
    if (problem) {
      refused.push({ index, reason: problem });
      return;
    }
    for (const line of shipment.lines) {
      const order = current.get(line.orderId);
      if (!order || line.dispatchedQuantity === null) continue;
      if (order.dispatched !== null && line.dispatchedQuantity <= order.dispatched) continue;
      const next = { ...order, dispatched: line.dispatchedQuantity };
      dispatched.set(order.orderId, {
        orderId: order.orderId,
        shipmentId: shipment.shipmentId,
        dispatched: line.dispatchedQuantity,
        eventId: shipment.eventId,
      });
      if (next.open && allArrived(next)) {
        next.open = false;
        const dispatchedAt = shipment.dispatchedAt ?? shipment.statusChangedAt;
        closes.push({
          orderId: order.orderId,
          shipmentId: shipment.shipmentId,
          ordered: order.ordered,
          dispatched: line.dispatchedQuantity,
          received: order.received,
          unit: order.unit,
          at: order.receivedAt && order.receivedAt > dispatchedAt ? order.receivedAt : dispatchedAt,
          eventId: `${shipment.eventId}/${order.orderId}`,
        });
      }
      current.set(order.orderId, next);
    }
  });
  return { dispatched: [...dispatched.values()], closes, refused };
}

/** Why a shipment's lines cannot be taken: a dispatched quantity that is no quantity, or in another unit than its order's. */
function lineProblem(shipment: Shipment, orders: ReadonlyMap<string, DispatchedOrder>): string | undefined {
  for (const [i, line] of shipment.lines.entries()) {
    const quantity = line.dispatchedQuantity;
    if (quantity !== null && !(Number.isFinite(quantity) && quantity >= 0))
      return `lines[${i}].dispatchedQuantity must be a finite number >= 0 (got ${quantity})`;
    const order = orders.get(line.orderId);
    if (quantity !== null && order && line.unit !== order.unit)
      return `lines[${i}].unit "${line.unit}" is not the unit "${order.unit}" of order ${line.orderId}`;
  }
  return undefined;
}

/** A short close in the buyer's words: what was dispatched of what was ordered, all of it received, and the shortfall. */
export const shortCloseWords = (c: { shipmentId: string; ordered: number; dispatched: number; received: number; unit: string }): string =>
  `closed short: shipment ${c.shipmentId} dispatched ${c.dispatched} ${c.unit} of ${c.ordered} ${c.unit} ordered and ${c.received} ${c.unit} arrived; ${stored(c.ordered - c.dispatched)} ${c.unit} will not come`;
