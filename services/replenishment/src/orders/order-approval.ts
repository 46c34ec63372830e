import type { AgreementLine } from '@smi/agreements';
import { type StaleFeedHold, staleFeedWords } from './stale-feed-hold';

/** What the supplier may release without asking the buyer (the line's approval terms). */
export type ApprovalBoundary = NonNullable<AgreementLine['approval']>;

const HOUR_MS = 60 * 60 * 1000;

/** What the approval boundary is checked against: the order as decided. */
export interface OrderToApprove {
  quantity: number;
  unit: string;
  /** quantity x the agreed unit price, in currency. */
  orderValue: number;
  currency: string;
  /** Whether the line agrees a unit price: without one, orderValue says nothing. */
  priced: boolean;
  decidedAt: Date;
  /** Set when the buyer's feed was silent at decidedAt: the order then waits for the buyer. */
  feedHold?: StaleFeedHold;
}

export type ApprovalVerdict =
  /** approvalDeadline: end of the buyer's veto window, or null when there is none. */
  | { status: 'RELEASED'; statusReason: string; approvalDeadline: Date | null }
  /** approvalDeadline: when the order lapses unless the buyer approves it. */
  | { status: 'AWAITING_APPROVAL'; statusReason: string; approvalDeadline: Date };

/**
 * Whether the supplier may release an order alone. Within the boundary (or with
 * no boundary agreed) the order is released, and the buyer may still veto it
 * for vetoWindowHours; beyond either limit it waits for the buyer and lapses
 * after expiresAfterHours. While the buyer's feed is silent nothing is released
 * alone: the order waits for the buyer, and lapses after expiresAfterHours, or
 * without a boundary after the agreed communication frequency.
 */
export function approvalFor(boundary: ApprovalBoundary | undefined, order: OrderToApprove): ApprovalVerdict {
  const verdict = boundaryVerdict(boundary, order);
  const hold = order.feedHold;
  if (!hold) return verdict;
  const reason = staleFeedWords(hold);
  if (verdict.status === 'AWAITING_APPROVAL') return { ...verdict, statusReason: `${verdict.statusReason}; ${reason}` };
  return {
    status: 'AWAITING_APPROVAL',
    statusReason: reason,
    approvalDeadline: hoursAfter(order.decidedAt, boundary?.expiresAfterHours ?? hold.allowedHours),
  };
}

function boundaryVerdict(boundary: ApprovalBoundary | undefined, order: OrderToApprove): ApprovalVerdict {
  if (!boundary) return { status: 'RELEASED', statusReason: '', approvalDeadline: null };
  const beyond = limitsExceeded(boundary, order);
  if (beyond.length > 0) {
    return {
      status: 'AWAITING_APPROVAL',
      statusReason: beyond.join('; '),
      approvalDeadline: hoursAfter(order.decidedAt, boundary.expiresAfterHours),
    };
  }
  if (boundary.vetoWindowHours <= 0) return { status: 'RELEASED', statusReason: 'within the approval boundary', approvalDeadline: null };
  const vetoEnds = hoursAfter(order.decidedAt, boundary.vetoWindowHours);
  return {
    status: 'RELEASED',
    statusReason: `within the approval boundary; the buyer may veto it until ${vetoEnds.toISOString()}`,
    approvalDeadline: vetoEnds,
  };
}

/** Each limit the order goes beyond, in words the buyer reads when asked to approve. */
function limitsExceeded(boundary: ApprovalBoundary, order: OrderToApprove): string[] {
  const reasons: string[] = [];
  if (boundary.maxQuantity !== undefined && order.quantity > boundary.maxQuantity) {
    reasons.push(
      `quantity ${quantity(order.quantity)} ${order.unit} exceeds the ${quantity(boundary.maxQuantity)} ${order.unit} the supplier may release alone`,
    );
  }
  if (boundary.maxValue !== undefined) {
    const limit = `${money(boundary.maxValue)} ${order.currency}`;
    // A value limit without a price cannot be checked; the buyer agreed the limit to be asked, so ask.
    if (!order.priced)
      reasons.push(`no unit price is agreed, so the order's value cannot be checked against the ${limit} the supplier may release alone`);
    else if (order.orderValue > boundary.maxValue)
      reasons.push(`value ${money(order.orderValue)} ${order.currency} exceeds the ${limit} the supplier may release alone`);
  }
  return reasons;
}

export const hoursAfter = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR_MS);

const quantity = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 6 });
const money = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
