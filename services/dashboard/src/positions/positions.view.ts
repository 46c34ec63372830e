import { html, HtmlValue } from '../html/html';
import { day, quantity } from '../layout/layout.view';
import { RankedPosition, URGENCY_WORDS } from './urgency';

export function positionsTable(positions: readonly RankedPosition[]): HtmlValue {
  if (positions.length === 0) return html`<p class="empty">No buyer has reported stock under your agreements yet.</p>`;
  return html`<table class="positions">
    <thead>
      <tr>
        <th>Buyer</th>
        <th>Site · item</th>
        <th class="number">On hand</th>
        <th class="number">Days of cover</th>
        <th class="number">Lead time</th>
        <th>Urgency</th>
        <th>Runs out</th>
      </tr>
    </thead>
    <tbody>
      ${positions.map(
        (p) =>
          html`<tr data-buyer="${p.buyerId}" data-site="${p.siteId}" data-item="${p.itemId}">
            <td>${p.buyerId}</td>
            <td>${p.siteId} · ${p.itemId}</td>
            <td class="number">
              ${quantity(p.onHand)} ${p.unit}<br /><small>min ${quantity(p.minimum)}, max ${quantity(p.maximum)}</small>
            </td>
            <td class="number">${p.daysOfCover === null ? 'beyond horizon' : quantity(p.daysOfCover)}</td>
            <td class="number">${quantity(p.leadTimeDays)} days</td>
            <td><span class="state ${p.urgency === 'out-of-stock' ? 'stockout' : p.urgency}">${URGENCY_WORDS[p.urgency]}</span></td>
            <td>${p.stockoutOn ? day(p.stockoutOn) : '—'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
