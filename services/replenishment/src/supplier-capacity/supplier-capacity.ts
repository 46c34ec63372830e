import { type AgreementLineInForce, MAX_QUANTITY } from '@smi/agreements';
import type { OrderQuantityStep, ReplenishmentOrder } from '@smi/contracts';
import {
  allocateCapacity,
  type CapacityAllotment,
  type CapacityRequest,
  DAY_MS,
  dayWords,
  projectStock,
  quantityWords,
  type StockSituation,
  stored,
} from '@smi/replenishment-planning';
import { type OrderDecided, orderFor, orderIdFor, type OrderToPlace } from '../orders/replenishment-order';
import { staleFeedHoldOf } from '../orders/stale-feed-hold';

/**
 * What a supplier can deliver of one item per capacity period, across all its
 * buyers. Orders for the item share it: while it lasts they go out as the
 * engine decided them; when a period's requests would exceed it, they wait for
 * the next allocation, which shares what is left by urgency (capacity-allocation.ts).
 */
export interface SupplierCapacity {
  supplierId: string;
  itemId: string;
  /** Length of a capacity period in days; periods of 7 run Monday to Sunday (UTC). */
  periodDays: number;
  quantityPerPeriod: number;
}

/** The key of a supplier's capacity for an item, and of one of its periods, as decisions index them. */
export const capacityKeyOf = (supplierId: string, itemId: string): string => `${supplierId}|${itemId}`;
export const capacityGroupKeyOf = (supplierId: string, itemId: string, periodStart: Date): string =>
  `${supplierId}|${itemId}|${periodStart.getTime()}`;

/** Periods are counted from a Monday, so weekly capacity is per calendar week. */
const PERIOD_ANCHOR_MS = Date.UTC(1970, 0, 5);
export const MAX_PERIOD_DAYS = 366;

/** The capacity period an order decided at `at` draws on. */
export function capacityPeriodOf(at: Date, periodDays: number): { start: Date; end: Date } {
  const length = periodDays * DAY_MS;
  const index = Math.floor((at.getTime() - PERIOD_ANCHOR_MS) / length);
  const start = PERIOD_ANCHOR_MS + index * length;
  return { start: new Date(start), end: new Date(start + length) };
}

export interface CapacityProblem {
  field: string;
  problem: string;
}

/** What is wrong with a capacity a supplier declares, field by field (empty when nothing is). */
export function capacityProblems(body: unknown): CapacityProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: 'body', problem: 'must be a JSON object' }];
  const { periodDays, quantityPerPeriod } = body as Record<string, unknown>;
  const problems: CapacityProblem[] = [];
  if (!(typeof periodDays === 'number' && Number.isInteger(periodDays) && periodDays >= 1 && periodDays <= MAX_PERIOD_DAYS)) {
    problems.push({
      field: 'periodDays',
      problem: `must be a whole number of days from 1 to ${MAX_PERIOD_DAYS} (got ${JSON.stringify(periodDays)})`,
    });
  }
  if (!(typeof quantityPerPeriod === 'number' && Number.isFinite(quantityPerPeriod) && quantityPerPeriod >= 0)) {
    problems.push({ field: 'quantityPerPeriod', problem: `must be a number >= 0 (got ${JSON.stringify(quantityPerPeriod)})` });
  } else if (quantityPerPeriod > MAX_QUANTITY) {
    problems.push({
      field: 'quantityPerPeriod',
      problem: `must be at most ${MAX_QUANTITY.toLocaleString('en-US')} (got ${quantityPerPeriod})`,
    });
  } else if (stored(quantityPerPeriod) !== quantityPerPeriod) {
    problems.push({ field: 'quantityPerPeriod', problem: `must have at most 6 decimals (got ${quantityPerPeriod})` });
  }
  return problems;
}

export type CapacityRequestStatus = 'waiting' | 'allocated' | 'unserved';
export const CAPACITY_REQUEST_STATUSES: readonly CapacityRequestStatus[] = ['waiting', 'allocated', 'unserved'];

/** An order's claim on a capacity period: served at once, waiting for the allocation, or given nothing. */
export interface CapacityClaim {
  /** The id of the order it is (or would have been). */
  requestId: string;
  supplierId: string;
  itemId: string;
  periodStart: Date;
  buyerId: string;
  siteId: string;
  agreementVersion: number;
  requested: number;
  allocated: number | null;
  status: CapacityRequestStatus;
  /** Why it got what it got, naming who went first: for the supplier and operators. */
  reason: string;
  /** The same, naming no other buyer: for the request's buyer. */
  buyerReason: string;
  daysOfCover: number;
  penaltyPerStockoutDay: number;
  triggerEventId: string;
  triggerAsOf: Date;
  onHand: number;
  onOrder: number;
  /** The engine's order as decided, before capacity. */
  decision: OrderToPlace;
  requestedAt: Date;
  allocatedAt: Date | null;
}

/** The capacity period a decision draws on, when its supplier declares a capacity for the item. */
export interface CapacityLimit {
  capacity: SupplierCapacity;
  periodStart: Date;
}

/**
 * Between the engine's decision and the order, for an item its supplier has
 * declared a capacity for: the claim to record, and the order to place now
 * only while the period has room and nothing waits; otherwise none, and the
 * claim waits for the allocation (capacity-allocation.use-case.ts).
 */
export function claimCapacity(
  limit: CapacityLimit,
  spent: CapacitySpent,
  decided: OrderDecided,
  situation: Pick<StockSituation, 'now' | 'onHand' | 'backorders' | 'openOrders' | 'demand'>,
): { claim: CapacityClaim; order?: ReplenishmentOrder } {
  const { line } = decided;
  const requestId = orderIdFor(decided.triggerEventId);
  const admission = admitToCapacity(requestId, decided.decision.quantity, limit.capacity, spent);
  const served = admission.kind === 'served';
  const claim: CapacityClaim = {
    requestId,
    supplierId: limit.capacity.supplierId,
    itemId: limit.capacity.itemId,
    periodStart: limit.periodStart,
    buyerId: decided.agreement.buyerId,
    siteId: line.siteId,
    agreementVersion: decided.agreementVersion,
    requested: decided.decision.quantity,
    allocated: served ? admission.allotment.allocated : null,
    status: served ? 'allocated' : 'waiting',
    reason: served ? admission.allotment.reason : admission.reason,
    buyerReason: served ? admission.allotment.buyerReason : admission.reason,
    daysOfCover: daysOfCoverOf(situation),
    penaltyPerStockoutDay: line.penalties?.perStockoutDay ?? 0,
    triggerEventId: decided.triggerEventId,
    triggerAsOf: decided.triggerAsOf,
    onHand: decided.onHand,
    onOrder: decided.onOrder,
    decision: decided.decision,
    requestedAt: decided.decidedAt,
    allocatedAt: served ? decided.decidedAt : null,
  };
  return served
    ? { claim, order: orderFor({ ...decided, decision: orderWithAllotment(decided.decision, admission.allotment) }) }
    : { claim };
}

/** What a period has spent: orders served from it that still stand, and requests waiting for its allocation. */
export interface CapacitySpent {
  allocated: number;
  waiting: number;
}

export type CapacityAdmission = { kind: 'served'; allotment: CapacityAllotment } | { kind: 'waits'; reason: string };

/**
 * Whether a new order goes out at once: only when nothing else of the period
 * waits for the allocation (it may be more urgent) and the order fits in what
 * is left. Otherwise it waits, and the allocation shares what is left among
 * all that wait, by urgency.
 */
export function admitToCapacity(requestId: string, requested: number, capacity: SupplierCapacity, spent: CapacitySpent): CapacityAdmission {
  const left = stored(Math.max(0, capacity.quantityPerPeriod - spent.allocated));
  const period = `${quantityWords(capacity.quantityPerPeriod)} per ${dayWords(capacity.periodDays)}`;
  if (spent.waiting === 0 && requested <= left) {
    const reason = `got ${quantityWords(requested)} of ${quantityWords(requested)}: capacity ${period}, ${quantityWords(left)} of it left in the period sufficed`;
    return { kind: 'served', allotment: { requestId, requested, allocated: requested, shortfall: 0, reason, buyerReason: reason } };
  }
  const why =
    spent.waiting > 0
      ? `${spent.waiting} other request(s) of the period already wait`
      : `only ${quantityWords(left)} of it is left in the period`;
  return { kind: 'waits', reason: `waits for the capacity allocation: capacity ${period}, ${why}` };
}

/** A waiting order's claim on capacity, as the allocation ranks it. */
export interface WaitingOrder {
  requestId: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  decision: OrderToPlace;
  packMultiple: number;
  minimumOrderQuantity?: number;
  daysOfCover: number;
  penaltyPerStockoutDay: number;
}

export const capacityRequestOf = (waiting: WaitingOrder): CapacityRequest => ({
  requestId: waiting.requestId,
  buyerId: waiting.buyerId,
  siteId: waiting.siteId,
  itemId: waiting.itemId,
  quantity: waiting.decision.quantity,
  packMultiple: waiting.packMultiple,
  minimumOrderQuantity: waiting.minimumOrderQuantity,
  daysOfCover: waiting.daysOfCover,
  penaltyPerStockoutDay: waiting.penaltyPerStockoutDay,
});

/** What a waiting request gets once its supplier no longer declares a capacity for the item: all of it. */
export function unlimitedAllotment(request: CapacityRequest): CapacityAllotment {
  const reason = `got ${quantityWords(request.quantity)} of ${quantityWords(request.quantity)}: the supplier no longer limits its capacity for ${request.itemId}`;
  return {
    requestId: request.requestId,
    requested: request.quantity,
    allocated: request.quantity,
    shortfall: 0,
    reason,
    buyerReason: reason,
  };
}

/**
 * The engine's order cut to what the allocation gave it, with the capacity
 * step in its explanation so the buyer sees who got less and why. Value
 * follows the quantity at the same unit price.
 */
export function orderWithAllotment(decision: OrderToPlace, allotment: CapacityAllotment): OrderToPlace {
  // The order goes to its buyer too: the buyer's wording names no other buyer.
  const step: OrderQuantityStep = {
    rule: 'supplier-capacity',
    before: allotment.requested,
    after: allotment.allocated,
    note: allotment.buyerReason,
  };
  const unitPrice = decision.quantity > 0 ? decision.orderValue / decision.quantity : 0;
  const cut = allotment.allocated !== decision.quantity;
  return {
    ...decision,
    quantity: allotment.allocated,
    orderValue: stored(allotment.allocated * unitPrice),
    explanation: {
      ...decision.explanation,
      steps: [...decision.explanation.steps, step],
      summary: cut ? `${decision.explanation.summary} Supplier capacity: ${allotment.buyerReason}.` : decision.explanation.summary,
    },
  };
}

/** What a waiting request got from its period's allocation, and why. */
export interface CapacitySettlement {
  requestId: string;
  status: CapacityRequestStatus;
  allocated: number;
  reason: string;
  buyerReason: string;
  at: Date;
}

/**
 * Shares what is left of a capacity period among the claims waiting for it, most urgent first
 * (allocateCapacity): each becomes an order cut to its share, with the reason in its
 * explanation, or is settled as given nothing, with the reason. A capacity the supplier
 * withdrew limits nothing: what waited goes out in full. `waiting` pairs each claim, oldest
 * first, with the agreement line in force at its trigger, if any still is, and the asOf of its
 * buyer's last stock level: an order decided while that feed is silent waits for the buyer.
 */
export function allocateWaitingClaims(
  capacity: SupplierCapacity | undefined,
  spent: CapacitySpent,
  waiting: ReadonlyArray<{ claim: CapacityClaim; inForce: AgreementLineInForce | undefined; lastLevelAt?: Date | null }>,
  now: Date,
): { left: number; orders: ReplenishmentOrder[]; settlements: CapacitySettlement[] } {
  const left = capacity ? Math.max(0, capacity.quantityPerPeriod - spent.allocated) : Number.POSITIVE_INFINITY;
  const requests = waiting.map(({ claim, inForce }) =>
    capacityRequestOf({
      ...claim,
      packMultiple: inForce?.line.packMultiple ?? 1,
      minimumOrderQuantity: inForce?.line.minimumOrderQuantity,
    }),
  );
  const allotments = capacity ? allocateCapacity(left, requests) : requests.map(unlimitedAllotment);
  const orders: ReplenishmentOrder[] = [];
  const settlements: CapacitySettlement[] = [];
  waiting.forEach(({ claim, inForce, lastLevelAt }, index) => {
    const allotment = allotments[index];
    if (allotment.allocated === 0 || !inForce) {
      const reason = inForce ? allotment.reason : 'no agreement line is in force for it any more';
      settlements.push({
        requestId: claim.requestId,
        status: 'unserved',
        allocated: 0,
        reason,
        buyerReason: inForce ? allotment.buyerReason : reason,
        at: now,
      });
      return;
    }
    orders.push(
      orderFor({
        triggerEventId: claim.triggerEventId,
        triggerAsOf: claim.triggerAsOf,
        agreement: inForce.agreement,
        line: inForce.line,
        agreementVersion: claim.agreementVersion,
        decision: orderWithAllotment(claim.decision, allotment),
        onHand: claim.onHand,
        onOrder: claim.onOrder,
        decidedAt: now,
        feedHold: staleFeedHoldOf(lastLevelAt, now, inForce.agreement),
      }),
    );
    settlements.push({
      requestId: claim.requestId,
      status: 'allocated',
      allocated: allotment.allocated,
      reason: allotment.reason,
      buyerReason: allotment.buyerReason,
      at: now,
    });
  });
  return { left, orders, settlements };
}

/** Horizon for days of cover: beyond a year, more cover no longer makes a request less urgent. */
const COVER_HORIZON_DAYS = 366;

/**
 * Urgency of a site x item's request: the days its projected stock lasts
 * without the order asked for (open orders arriving in time count).
 */
export function daysOfCoverOf(situation: Pick<StockSituation, 'now' | 'onHand' | 'backorders' | 'openOrders' | 'demand'>): number {
  const projection = projectStock(situation, { horizonDays: COVER_HORIZON_DAYS, low: 0, high: Number.POSITIVE_INFINITY });
  return stored(projection.daysOfCover ?? COVER_HORIZON_DAYS);
}
