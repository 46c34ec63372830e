import type { OrderQuantityStep } from '@smi/contracts';
import { type CapacityAllotment, type CapacityRequest, DAY_MS, dayWords, projectStock, quantityWords, type StockSituation, stored } from '@smi/replenishment-planning';
import type { OrderToPlace } from '../orders/replenishment-order';

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
    problems.push({ field: 'periodDays', problem: `must be a whole number of days from 1 to ${MAX_PERIOD_DAYS} (got ${JSON.stringify(periodDays)})` });
  }
  if (!(typeof quantityPerPeriod === 'number' && Number.isFinite(quantityPerPeriod) && quantityPerPeriod >= 0)) {
    problems.push({ field: 'quantityPerPeriod', problem: `must be a number >= 0 (got ${JSON.stringify(quantityPerPeriod)})` });
  } else if (stored(quantityPerPeriod) !== quantityPerPeriod) {
    problems.push({ field: 'quantityPerPeriod', problem: `must have at most 6 decimals (got ${quantityPerPeriod})` });
  }
  return problems;
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
  const why = spent.waiting > 0 ? `${spent.waiting} other request(s) of the period already wait` : `only ${quantityWords(left)} of it is left in the period`;
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
  return { requestId: request.requestId, requested: request.quantity, allocated: request.quantity, shortfall: 0, reason, buyerReason: reason };
}

/**
 * The engine's order cut to what the allocation gave it, with the capacity
 * step in its explanation so the buyer sees who got less and why. Value
 * follows the quantity at the same unit price.
 */
export function orderWithAllotment(decision: OrderToPlace, allotment: CapacityAllotment): OrderToPlace {
  // The order goes to its buyer too: the buyer's wording names no other buyer.
  const step: OrderQuantityStep = { rule: 'supplier-capacity', before: allotment.requested, after: allotment.allocated, note: allotment.buyerReason };
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
