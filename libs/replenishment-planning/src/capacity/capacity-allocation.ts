import { dayWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { fromMillionths, toMillionths } from '../plan/exact-quantity';

/** One order a supplier was asked for in a capacity period. */
export interface CapacityRequest {
  requestId: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  quantity: number;
  packMultiple: number;
  minimumOrderQuantity?: number;
  /** Days the site's projected stock lasts without this order. */
  daysOfCover: number;
  /** Penalty the supplier owes per stockout day at this site x item. */
  penaltyPerStockoutDay: number;
}

export interface CapacityAllotment {
  requestId: string;
  requested: number;
  allocated: number;
  shortfall: number;
  /** Who went first and why this request got what it got, in words: for the supplier and operators. */
  reason: string;
  /**
   * The same for the request's buyer: other buyers' requests are named only as
   * "another buyer", since a buyer sees nothing of agreements it is no party to.
   */
  buyerReason: string;
}

/**
 * Shares a supplier's capacity for a period among requested orders:
 * - most urgent first (fewest days of cover), ties to the higher penalty
 *   exposure per stockout day, then by buyer, site, item and request id so
 *   the answer never depends on the order requests came in;
 * - each gets what is left, in whole packs, up to what it asked for; less than
 *   its minimum order quantity is no order at all, so it gets 0 and the
 *   capacity stays for the requests after it.
 * Answers in the order of the requests given. Counted in millionths.
 */
export function allocateCapacity(capacity: number, requests: readonly CapacityRequest[]): CapacityAllotment[] {
  if (!(capacity >= 0)) throw new RangeError(`capacity must be >= 0 (got ${capacity})`);
  const ids = new Set(requests.map((request) => request.requestId));
  if (ids.size < requests.length) throw new RangeError(`requestId must be unique (got ${requests.map((r) => r.requestId).join(', ')})`);
  const ranked = [...requests].sort(byUrgency);
  let left = toMillionths(capacity);
  const servedBefore: { request: CapacityRequest; allocated: number }[] = [];
  const allotments = new Map<string, CapacityAllotment>();
  for (const request of ranked) {
    const requested = toMillionths(request.quantity);
    const pack = toMillionths(request.packMultiple);
    if (!(pack >= 1))
      throw new RangeError(`packMultiple of request ${request.requestId} must be at least 0.000001 (got ${request.packMultiple})`);
    const moq = toMillionths(request.minimumOrderQuantity ?? 0);
    const fits = Math.min(requested, Math.floor(left / pack) * pack);
    const belowMinimum = fits > 0 && fits < requested && fits < moq;
    const allocated = belowMinimum ? 0 : fits;
    left -= allocated;
    allotments.set(request.requestId, {
      requestId: request.requestId,
      requested: fromMillionths(requested),
      allocated: fromMillionths(allocated),
      shortfall: fromMillionths(requested - allocated),
      reason: reasonFor(request, allocated, requested, capacity, servedBefore, belowMinimum, left, whoWords),
      buyerReason: reasonFor(request, allocated, requested, capacity, servedBefore, belowMinimum, left, (before) =>
        before.buyerId === request.buyerId ? whoWords(before) : 'another buyer',
      ),
    });
    if (allocated > 0) servedBefore.push({ request, allocated });
  }
  return requests.map((request) => allotments.get(request.requestId)!);
}

function byUrgency(a: CapacityRequest, b: CapacityRequest): number {
  return (
    a.daysOfCover - b.daysOfCover ||
    b.penaltyPerStockoutDay - a.penaltyPerStockoutDay ||
    a.buyerId.localeCompare(b.buyerId, 'en') ||
    a.siteId.localeCompare(b.siteId, 'en') ||
    a.itemId.localeCompare(b.itemId, 'en') ||
    a.requestId.localeCompare(b.requestId, 'en')
  );
}

const whoWords = (request: CapacityRequest) => `${request.buyerId} ${request.siteId} x ${request.itemId}`;
const coverWords = (request: CapacityRequest) => `${dayWords(request.daysOfCover)} of cover`;

function reasonFor(
  request: CapacityRequest,
  allocated: number,
  requested: number,
  capacity: number,
  servedBefore: readonly { request: CapacityRequest; allocated: number }[],
  belowMinimum: boolean,
  leftAfter: number,
  who: (request: CapacityRequest) => string,
): string {
  const got = `got ${quantityWords(fromMillionths(allocated))} of ${quantityWords(fromMillionths(requested))}`;
  if (allocated === requested) return `${got}: ${coverWords(request)}, capacity ${quantityWords(capacity)} sufficed`;
  const first = servedBefore.map(({ request: before, allocated: given }) => {
    const tie =
      before.daysOfCover === request.daysOfCover
        ? `, same cover but higher penalty exposure ${statisticWords(before.penaltyPerStockoutDay)} a day`
        : '';
    return `${who(before)} (${quantityWords(fromMillionths(given))}, ${coverWords(before)}${tie})`;
  });
  const wentFirst =
    first.length > 0 ? `capacity ${quantityWords(capacity)} went first to ${first.join(', ')}` : `capacity ${quantityWords(capacity)}`;
  if (belowMinimum) {
    const left = quantityWords(fromMillionths(leftAfter));
    return `${got}: ${wentFirst}; the ${left} left is below the minimum order quantity ${quantityWords(request.minimumOrderQuantity ?? 0)} in whole packs of ${quantityWords(request.packMultiple)}`;
  }
  return `${got}: ${wentFirst}, with ${coverWords(request)} here`;
}
