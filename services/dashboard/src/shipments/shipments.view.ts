import { html, HtmlValue } from '../html/html';
import { day } from '../layout/layout.view';
import { byExpectedArrival, daysLate, linesInWords, ShipmentView } from './shipment';

/** Shipments as a table: where to, what, when expected (and how late), the carrier's reference. */
export function shipmentsTable(shipments: readonly ShipmentView[], empty: string, options: { showBuyer?: boolean } = {}): HtmlValue {
  if (shipments.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table class="shipments">
    <thead>
      <tr>
        <th>Shipment</th>
        ${options.showBuyer ? html`<th>Buyer</th>` : null}
        <th>Site</th>
        <th>Lines</th>
        <th>Expected</th>
        <th>Carrier</th>
      </tr>
    </thead>
    <tbody>
      ${byExpectedArrival(shipments).map((s) => {
        const late = daysLate(s);
        return html`<tr data-shipment="${s.shipmentId}">
          <td>${s.shipmentId}<br /><small>${s.status.toLowerCase().replace(/_/g, ' ')}</small></td>
          ${options.showBuyer ? html`<td>${s.buyerId}</td>` : null}
          <td>${s.siteId}</td>
          <td>${linesInWords(s)}</td>
          <td>
            ${day(s.expectedDeliveryAt)}${late > 0 ? html`<br /><span class="state urgent">${late} days late${s.delayReason ? `: ${s.delayReason}` : ''}</span>` : null}
          </td>
          <td>${s.carrier ?? '—'}<br /><small>${s.trackingReference ?? ''}</small></td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}
