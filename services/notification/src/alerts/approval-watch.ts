import { ReplenishmentOrder } from '@smi/contracts';
import { AlertIntent, alertsTo, minuteOf, quantityText } from './alert-rules';

/** An order waiting for the buyer's approval, until it is approved, rejected or expires. */
export interface AwaitedApproval {
  orderId: string;
  buyerId: string;
  awaitingSince: Date;
  deadline: Date;
  reminded: boolean;
  order: ReplenishmentOrder;
}

/**
 * Which orders now await approval (to be watched) and which stopped waiting (released, rejected
 * or expired: no longer watched). The last step of an order in the batch wins.
 */
export function approvalsAwaited(orders: readonly ReplenishmentOrder[]): { awaited: AwaitedApproval[]; settled: string[] } {
  const last = new Map<string, ReplenishmentOrder>();
  for (const order of orders) last.set(order.orderId, order);
  const awaited: AwaitedApproval[] = [];
  const settled: string[] = [];
  for (const order of last.values()) {
    if (order.status === 'AWAITING_APPROVAL' && order.approvalDeadline) {
      awaited.push({
        orderId: order.orderId,
        buyerId: order.buyerId,
        awaitingSince: order.decidedAt,
        deadline: order.approvalDeadline,
        reminded: false,
        order,
      });
    } else settled.push(order.orderId);
  }
  return { awaited, settled };
}

/** Share of the approval window left when the buyer is reminded. */
export const REMIND_WHEN_LEFT = 0.25;

/**
 * The sweep: an order awaiting approval with less than a quarter of its window left (by the
 * business clock) reminds the buyer, once. One already past its deadline is replenishment's to expire.
 */
export function approvalReminders(watched: readonly AwaitedApproval[], now: Date): { alerts: AlertIntent[]; reminded: string[] } {
  const alerts: AlertIntent[] = [];
  const reminded: string[] = [];
  for (const approval of watched) {
    if (approval.reminded) continue;
    const window = approval.deadline.getTime() - approval.awaitingSince.getTime();
    const left = approval.deadline.getTime() - now.getTime();
    if (left <= 0 || left >= window * REMIND_WHEN_LEFT) continue;
    const { order } = approval;
    const hours = Math.max(1, Math.round(left / 3_600_000));
    const subject =
      `Order ${order.orderId} still awaits your approval; about ${hours} h left, until ${minuteOf(approval.deadline)}: ` +
      `${quantityText(order.quantity)} ${order.unit} of ${order.itemId} for ${order.siteId}`;
    alerts.push(...alertsTo([order.buyerId], 'APPROVAL_DEADLINE_NEAR', subject, order, `${order.eventId}/deadline-near`));
    reminded.push(approval.orderId);
  }
  return { alerts, reminded };
}
