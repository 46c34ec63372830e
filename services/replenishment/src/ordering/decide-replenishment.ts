import type { AgreementLineInForce } from '@smi/agreements';
import { roundToStoredPrecision, type ReplenishmentOrder, type StockLevel } from '@smi/contracts';
import { type ClosedShortOrder, type DemandOutlook, type OpenOrder, planReplenishment, stored } from '@smi/replenishment-planning';
import { NO_FORECAST_YET } from '../demand-outlooks/demand-outlook';
import { type GoodsReceipt, goodsReceiptOf, type OrderDecided, orderFor } from '../orders/replenishment-order';
import { allArrived, closesShort, isShort, stillOnOrder } from '../orders/short-shipment';
import { applyLevel, siteItemKeyOf, type StockPosition } from '../stock-positions/stock-position';
import {
  type CapacityClaim,
  capacityGroupKeyOf,
  capacityKeyOf,
  capacityPeriodOf,
  type CapacitySpent,
  claimCapacity,
  type SupplierCapacity,
} from '../supplier-capacity/supplier-capacity';

/**
 * An order released or awaiting approval and not yet received in full: `quantity` is what is still
 * due, `ordered` and `received` what was ordered and what goods receipts brought so far,
 * `dispatched` what its shipment's advance shipping notice says left the supplier (null before
 * dispatch; only that much will come), and `receiptEventIds` the stock levels that brought it (a
 * redelivered receipt counts once).
 */
export interface HeldOrder extends OpenOrder {
  unit: string;
  ordered: number;
  received: number;
  dispatched: number | null;
  /** The shipment that dispatched it, once dispatched. */
  shipmentId: string | null;
  receiptEventIds: readonly string[];
}

/** A claim waiting for its capacity allocation: on order as far as the engine is concerned. */
export interface WaitingClaim extends OpenOrder {
  requestedAt: Date;
}

/**
 * What a site x item has on order: open orders soonest due first, claims waiting for capacity
 * oldest first, and the orders closed short since it last ordered (they count nothing; the next
 * order's explanation says why).
 */
export interface OnOrder {
  orders: HeldOrder[];
  waiting: WaitingClaim[];
  closedShort?: ClosedShortOrder[];
}

/** Everything the decisions on a batch of stock levels read, for every site x item and capacity in the batch. */
export interface ReplenishmentState {
  /** By siteItemKeyOf. */
  positions: ReadonlyMap<string, StockPosition>;
  /** By siteItemKeyOf; a site x item with nothing on order may be absent. */
  onOrder: ReadonlyMap<string, OnOrder>;
  /** unservedKeyOf of the periods whose allocation gave a site x item nothing. */
  unserved: ReadonlySet<string>;
  /** By siteItemKeyOf; absent before the first forecast. */
  outlooks: ReadonlyMap<string, DemandOutlook>;
  /** By capacityKeyOf; absent where the supplier declares none. */
  capacities: ReadonlyMap<string, SupplierCapacity>;
  /** By capacityGroupKeyOf; absent where the period has spent nothing. */
  spent: ReadonlyMap<string, CapacitySpent>;
}

/** A stock level with the agreement line in force at its time, if any. */
export interface LevelToDecide {
  level: StockLevel;
  inForce: AgreementLineInForce | undefined;
}

export interface ReplenishmentDecided {
  /** The new position of every site x item the batch changed, once each. */
  positions: StockPosition[];
  /** Goods receipts booked against open orders, in the order received: each closes its order or leaves the rest due. */
  receipts: GoodsReceipt[];
  /** Claims on supplier capacity, in the order decided. */
  claims: CapacityClaim[];
  /** Orders to place, in the order decided; `index` is the causing level's place in the batch. */
  orders: Array<{ index: number; order: ReplenishmentOrder }>;
  /** Levels refused, by their place in the batch, with the reason naming the field. */
  refused: Array<{ index: number; reason: string }>;
}

export const unservedKeyOf = (siteItemKey: string, periodStart: Date): string => `${siteItemKey}|${periodStart.getTime()}`;

/** The capacity period a level's decision draws on, when its supplier declares a capacity for the item. */
export function capacityPeriodFor(
  entry: LevelToDecide,
  capacities: ReadonlyMap<string, SupplierCapacity>,
): { capacity: SupplierCapacity; periodStart: Date } | undefined {
  if (!entry.inForce) return undefined;
  const capacity = capacities.get(capacityKeyOf(entry.inForce.agreement.supplierId, entry.level.itemId));
  return capacity && { capacity, periodStart: capacityPeriodOf(entry.level.asOf, capacity.periodDays).start };
}

/** The order in which one site x item's open orders are read: soonest due first, then by id. */
export const bySoonestDue = (a: OpenOrder, b: OpenOrder): number =>
  a.dueAt.getTime() - b.dueAt.getTime() || compareIds(a.orderId, b.orderId);
/** The order in which claims waiting for capacity are read: oldest first, then by id. */
export const byOldestClaim = (a: WaitingClaim, b: WaitingClaim): number =>
  a.requestedAt.getTime() - b.requestedAt.getTime() || compareIds(a.orderId, b.orderId);

/**
 * Decides a batch of stock levels, each site x item's levels in their order, exactly as
 * deciding them one by one would: apply the level to the position; book a goods receipt against
 * the open order it names (closing it once all it ordered arrived, else leaving the rest due);
 * ask the engine; and where it orders, claim the supplier's capacity if the supplier declares
 * one, else place the order. A later level of a site x item sees the orders, receipts and claims
 * the earlier ones decided, and a capacity period what every level of the batch before spent of
 * it. Every date comes from the triggering level (its asOf): when the order was decided, when it
 * is due, its approval deadline and veto window; so a replay of last year decides exactly as
 * living through it did, whenever it runs.
 */
export function decideReplenishment(levels: readonly LevelToDecide[], state: ReplenishmentState): ReplenishmentDecided {
  const positions = new Map(state.positions);
  const onOrder = new Map<string, OnOrder>();
  const spent = new Map(state.spent);
  const changed = new Set<string>();
  const result: ReplenishmentDecided = { positions: [], receipts: [], claims: [], orders: [], refused: [] };
  const onOrderOf = (key: string): OnOrder => {
    let held = onOrder.get(key);
    if (!held) {
      const loaded = state.onOrder.get(key);
      held = { orders: [...(loaded?.orders ?? [])], waiting: [...(loaded?.waiting ?? [])], closedShort: [...(loaded?.closedShort ?? [])] };
      onOrder.set(key, held);
    }
    return held;
  };

  levels.forEach((entry, index) => {
    const { level, inForce } = entry;
    if (!inForce) return; // no agreement: not ours to replenish
    const key = siteItemKeyOf(level);
    const outcome = applyLevel(positions.get(key), level, inForce.line.unit);
    if (outcome.kind === 'refused') {
      result.refused.push({ index, reason: `${outcome.field} ${outcome.problem}` });
      return;
    }
    const held = onOrderOf(key);
    // Even a stale receipt counts against its order: the newer on-hand already holds those goods,
    // and leaving them on order would count them twice.
    const booked = bookReceipt(held.orders, level);
    if (booked) result.receipts.push(booked);
    if (booked && closesShort(booked))
      held.closedShort!.push({ orderId: booked.orderId, ordered: booked.orderedQuantity, dispatched: booked.dispatchedQuantity! });
    if (outcome.kind === 'stale' && !booked) return;
    let position = outcome.position;
    if (outcome.kind === 'applied') {
      positions.set(key, position);
      changed.add(key);
    }

    // Orders awaiting approval, or waiting for supplier capacity, count as on order too: the same need is never ordered twice.
    const limit = capacityPeriodFor(entry, state.capacities);
    const openOrders: OpenOrder[] = [
      ...held.orders.map((o) => ({
        orderId: o.orderId,
        quantity: o.quantity,
        dueAt: o.dueAt,
        ...(o.received > 0 ? { received: o.received } : {}),
        ...(isShort(o) ? { short: { ordered: o.ordered, dispatched: o.dispatched! } } : {}),
      })),
      ...held.waiting.map(({ orderId, quantity, dueAt }) => ({ orderId, quantity, dueAt })),
    ];
    const situation = {
      now: level.asOf,
      onHand: position.onHand,
      backorders: 0, // the buyer reports demand it could not meet as negative on-hand
      openOrders,
      ...(held.closedShort!.length > 0 ? { closedShort: [...held.closedShort!] } : {}),
      demand: state.outlooks.get(key) ?? NO_FORECAST_YET,
      lastReviewAt: position.lastReviewAt,
    };
    const decision = planReplenishment(
      { line: inForce.line, agreementVersion: inForce.version, validFrom: inForce.agreement.validFrom },
      situation,
    );
    if (decision.reviewedAt) {
      position = { ...position, lastReviewAt: decision.reviewedAt };
      positions.set(key, position);
      changed.add(key);
    }
    if (decision.kind === 'none') return;
    // The period's allocation gave this site x item nothing: asking again before the next period gets nothing either.
    if (limit && state.unserved.has(unservedKeyOf(key, limit.periodStart))) return;
    const decided: OrderDecided = {
      triggerEventId: level.eventId,
      triggerAsOf: level.asOf,
      agreement: inForce.agreement,
      line: inForce.line,
      agreementVersion: inForce.version,
      decision,
      onHand: position.onHand,
      onOrder: roundToStoredPrecision(openOrders.reduce((sum, open) => sum + open.quantity, 0)),
      decidedAt: level.asOf,
    };
    let order: ReplenishmentOrder | undefined;
    if (!limit) order = orderFor(decided);
    else {
      const group = capacityGroupKeyOf(limit.capacity.supplierId, limit.capacity.itemId, limit.periodStart);
      const before = spent.get(group) ?? { allocated: 0, waiting: 0 };
      const claimed = claimCapacity(limit, before, decided, situation);
      result.claims.push(claimed.claim);
      order = claimed.order;
      const { claim } = claimed;
      if (order) spent.set(group, { allocated: stored(before.allocated + (claim.allocated ?? 0)), waiting: before.waiting });
      else {
        spent.set(group, { allocated: before.allocated, waiting: before.waiting + 1 });
        insertInOrder(
          held.waiting,
          {
            orderId: claim.requestId,
            quantity: claim.requested,
            dueAt: claim.decision.dueAt ?? claim.triggerAsOf,
            requestedAt: claim.requestedAt,
          },
          byOldestClaim,
        );
        return; // waits for the capacity allocation
      }
    }
    insertInOrder(held.orders, heldOrderOf(order), bySoonestDue);
    held.closedShort = []; // this order's explanation told them
    result.orders.push({ index, order });
  });
  result.positions = [...changed].map((key) => positions.get(key)!);
  return result;
}

/** Ids compared by code unit, as the order ids (ORD- and upper-case hex) sort in any collation. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A newly placed order as it is held on order: all of it still due. */
export const heldOrderOf = (order: ReplenishmentOrder): HeldOrder => ({
  orderId: order.orderId,
  quantity: order.quantity,
  dueAt: order.expectedDeliveryAt,
  unit: order.unit,
  ordered: order.quantity,
  received: 0,
  dispatched: null,
  shipmentId: null,
  receiptEventIds: [],
});

/**
 * Books the goods receipt a level carries against the open order it names: the order leaves
 * `orders` once all that will come has arrived (what was dispatched, or before dispatch what was
 * ordered: a short shipment closes short), else stays with the rest still due. Nothing is
 * booked for a level that is no receipt, names no open order of its site x item, or was booked
 * before (a redelivery).
 */
function bookReceipt(orders: HeldOrder[], level: StockLevel): GoodsReceipt | undefined {
  const receipt = goodsReceiptOf(level);
  if (!receipt) return undefined;
  const at = orders.findIndex((o) => o.orderId === receipt.orderId);
  if (at < 0 || orders[at].receiptEventIds.includes(level.eventId)) return undefined;
  const order = orders[at];
  const received = stored(order.received + receipt.receivedQuantity);
  const closes = allArrived({ ...order, received });
  if (closes) orders.splice(at, 1);
  else
    orders[at] = {
      ...order,
      quantity: stillOnOrder({ ...order, received }),
      received,
      receiptEventIds: [...order.receiptEventIds, level.eventId],
    };
  const { buyerId, siteId, itemId } = level;
  return {
    ...receipt,
    buyerId,
    siteId,
    itemId,
    eventId: level.eventId,
    unit: order.unit,
    orderedQuantity: order.ordered,
    dispatchedQuantity: order.dispatched,
    shipmentId: order.shipmentId,
    receivedSoFar: received,
    closes,
  };
}

function insertInOrder<T>(list: T[], item: T, order: (a: T, b: T) => number): void {
  const at = list.findIndex((other) => order(item, other) < 0);
  if (at < 0) list.push(item);
  else list.splice(at, 0, item);
}
