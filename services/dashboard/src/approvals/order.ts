import type { ReplenishmentOrder } from '@smi/contracts';
import type { Wire } from '../platform/answer';

/**
 * A replenishment order as GET /orders answers it: the order event's fields (moments as ISO strings), with when
 * its status last changed and, once known, what was dispatched and received.
 */
export type Order = Omit<Wire<ReplenishmentOrder>, 'eventId'> & {
  /** awaiting-approval, released, rejected, expired or received (the API's words; the events spell them in capitals). */
  status: string;
  statusChangedAt?: string;
  dispatchedQuantity?: number | null;
  receivedQuantity?: number | null;
};

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const n = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const percent = (share: number): string => `${n(share * 100)} %`;

const SAFETY_STOCK_METHODS: Record<string, string> = {
  fixed: 'fixed by the agreement',
  'days-of-cover': 'days of cover agreed',
  normal: 'set for the service level under normal demand',
  bootstrap: "set from the item's own lead-time demand",
  minimum: 'from the agreed minimum, no service level agreed',
};

/**
 * Why an order asks for what it asks, in sentences a buyer reads before approving it: the decision, the stock it
 * started from, the demand and lead time it covers, the levels, each rounding step, and why it needs approval.
 */
export function explanationInWords(order: Order): string[] {
  const e = order.explanation;
  const words: string[] = [];
  if (e) {
    words.push(e.summary);
    words.push(
      `On hand ${n(order.onHand)} and ${n(order.onOrder)} on order${e.backorders ? `, ${n(e.backorders)} owed` : ''}: inventory position ${n(e.inventoryPosition)} ${order.unit}.`,
    );
    words.push(
      `Demand forecast ${n(e.forecastPerDay)} a day (± ${n(e.forecastStdDevPerDay)}${e.demandClass ? `, ${e.demandClass}` : ''}) over ${n(e.protectionDays)} days to cover (lead time ${n(e.leadTimeDays)} days).`,
    );
    const target = e.serviceLevelTarget === null ? '' : `, target service level ${percent(e.serviceLevelTarget)}`;
    words.push(
      `Safety stock ${n(e.safetyStock)} (${SAFETY_STOCK_METHODS[e.safetyStockMethod] ?? e.safetyStockMethod}${target}), reorder point ${n(e.reorderPoint)}, order-up-to ${n(e.orderUpTo)} (${e.policy} policy).`,
    );
    if (e.neededQuantity !== order.quantity || e.steps.length > 0) {
      words.push(`The policy asked for ${n(e.neededQuantity)}.`);
      for (const step of e.steps) words.push(`${sentence(step.note)} (${n(step.before)} → ${n(step.after)}).`);
    }
  }
  if (order.emergency) words.push('An emergency order: it goes with the emergency lead time.');
  if (statusOf(order) === 'awaiting-approval' && order.statusReason) words.push(`Needs your approval: ${order.statusReason}.`);
  return words;
}

/** The status in the API's words, whichever spelling it came in. */
export const statusOf = (order: Pick<Order, 'status'>): string => order.status.toLowerCase().replace(/_/g, '-');

/** What became of an order after a decision, in one line. */
export function outcomeInWords(order: Pick<Order, 'status' | 'statusChangedBy' | 'statusReason'>): string {
  switch (statusOf(order)) {
    case 'released':
      return `Approved by ${order.statusChangedBy}: released to the supplier.`;
    case 'rejected':
      return `Rejected by ${order.statusChangedBy}: ${order.statusReason}`;
    case 'expired':
      return 'Expired: nobody decided before its deadline.';
    default:
      return `Now ${statusOf(order).replace(/-/g, ' ')}.`;
  }
}
