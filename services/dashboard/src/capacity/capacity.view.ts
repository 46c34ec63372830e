import { html, HtmlValue } from '../html/html';
import { day, quantity } from '../layout/layout.view';
import { ItemCapacity } from './capacity';

export function capacitySection(items: readonly ItemCapacity[]): HtmlValue {
  if (items.length === 0) return html`<p class="empty">You declared no capacity, and no order waits for one.</p>`;
  return items.map(
    (item) =>
      html`<section class="card" data-item="${item.itemId}">
        <h2>${item.itemId}</h2>
        <p>
          ${item.capacity ? `${quantity(item.capacity.quantityPerPeriod)} per ${item.capacity.periodDays === 7 ? 'week' : `${item.capacity.periodDays} days`}` : 'No capacity declared: orders go out in full.'}
          · ${item.waiting.length} orders wait for ${quantity(item.waitingQuantity)}
        </p>
        ${
          item.waiting.length > 0
            ? html`<table>
                <thead>
                  <tr>
                    <th>Next served</th>
                    <th>Buyer · site</th>
                    <th class="number">Asks</th>
                    <th class="number">Days of cover</th>
                    <th class="number">Penalty / stockout day</th>
                    <th>Period</th>
                  </tr>
                </thead>
                <tbody>
                  ${item.waiting.map(
                    (r, i) =>
                      html`<tr data-request="${r.requestId}">
                        <td>${i + 1}</td>
                        <td>${r.buyerId} · ${r.siteId}</td>
                        <td class="number">${quantity(r.requested)}</td>
                        <td class="number">${quantity(r.daysOfCover)}</td>
                        <td class="number">${quantity(r.penaltyPerStockoutDay)}</td>
                        <td>${day(r.periodStart)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : null
        }
        ${
          item.decided.length > 0
            ? html`<h3>Last decisions</h3>
                <ul class="explanation">
                  ${item.decided.map((r) => html`<li>${r.buyerId} · ${r.siteId}: ${r.status}, ${quantity(r.allocated ?? 0)} of ${quantity(r.requested)}. ${r.reason}</li>`)}
                </ul>`
            : null
        }
      </section>`,
  );
}
