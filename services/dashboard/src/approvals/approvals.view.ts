import { html, Html, HtmlValue } from '../html/html';
import { csrfField, day, quantity } from '../layout/layout.view';
import { explanationInWords, Order, outcomeInWords } from './order';

const orderPath = (order: Pick<Order, 'orderId'>, action: string) => `/approvals/${encodeURIComponent(order.orderId)}/${action}`;

/**
 * One order awaiting approval: what, where, how much, by when, why (in words), and the two decisions. The forms
 * post without JavaScript too; with htmx the row is replaced by what the decision made of the order.
 */
export function approvalRow(order: Order, csrfToken: string): Html {
  const rowId = `order-${order.orderId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const htmx = (action: string) => html`hx-post="${orderPath(order, action)}" hx-target="#${rowId}" hx-swap="outerHTML"`;
  return html`<tr id="${rowId}" data-order="${order.orderId}">
    <td><strong>${order.siteId}</strong> · ${order.itemId}<br /><small>${order.orderId}</small></td>
    <td class="number">
      ${quantity(order.quantity)}
      ${order.unit}${order.orderValue > 0 ? html`<br /><small>value ${quantity(order.orderValue)}</small>` : null}
    </td>
    <td class="date">${day(order.expectedDeliveryAt)}<br /><small>decide by ${day(order.approvalDeadline)}</small></td>
    <td>
      <ul class="explanation">
        ${explanationInWords(order).map((sentence) => html`<li>${sentence}</li>`)}
      </ul>
    </td>
    <td>
      <form method="post" action="${orderPath(order, 'approve')}" class="inline" ${htmx('approve')}>
        ${csrfField(csrfToken)}
        <button type="submit">Approve</button>
      </form>
      <form method="post" action="${orderPath(order, 'reject')}" class="inline" ${htmx('reject')}>
        ${csrfField(csrfToken)}
        <input type="text" name="reason" placeholder="reason" required aria-label="Reason for rejecting ${order.orderId}" />
        <button type="submit" class="secondary">Reject</button>
      </form>
    </td>
  </tr>`;
}

/** The row after a decision: what became of the order, or why the service refused. */
export function decidedRow(orderId: string, outcome: { order?: Order; refusal?: string }): Html {
  const rowId = `order-${orderId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const words = outcome.order ? outcomeInWords(outcome.order) : `Not done: ${outcome.refusal}`;
  return html`<tr id="${rowId}" data-order="${orderId}" class="decided">
    <td colspan="5"><small>${orderId}</small> <span class="outcome" role="status">${words}</span></td>
  </tr>`;
}

export function approvalsSection(orders: readonly Order[], csrfToken: string): HtmlValue {
  if (orders.length === 0) return html`<p class="empty">No order is waiting for your approval.</p>`;
  const soonestFirst = [...orders].sort((a, b) => (a.approvalDeadline ?? '').localeCompare(b.approvalDeadline ?? ''));
  return html`<table class="approvals">
    <thead>
      <tr>
        <th>Site · item</th>
        <th class="number">Quantity</th>
        <th>Delivery</th>
        <th>Why this order</th>
        <th>Decision</th>
      </tr>
    </thead>
    <tbody>
      ${soonestFirst.map((order) => approvalRow(order, csrfToken))}
    </tbody>
  </table>`;
}
