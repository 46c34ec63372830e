import { html, HtmlValue } from '../html/html';
import { day, quantity } from '../layout/layout.view';
import { percent } from '../service-levels/service-levels';
import { accuracyInWords, ForecastRow } from './forecasts';

export function forecastsTable(rows: readonly ForecastRow[]): HtmlValue {
  if (rows.length === 0) return html`<p class="empty">No forecast yet.</p>`;
  return html`<table class="forecasts">
    <thead>
      <tr>
        <th>Buyer</th>
        <th>Site · item</th>
        <th>Method</th>
        <th class="number">Demand / day</th>
        <th>Accuracy (MASE)</th>
        <th class="number">Bias</th>
        <th>Made</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-buyer="${r.buyerId}" data-site="${r.siteId}" data-item="${r.itemId}">
            <td>${r.buyerId}</td>
            <td>${r.siteId} · ${r.itemId}</td>
            <td>
              ${r.method}<br /><small
                >${r.runnerUpMethod ? `runner-up ${r.runnerUpMethod}; ` : ''}${r.demandClass}, ${r.periodsObserved} periods seen</small
              >
            </td>
            <td class="number">${quantity(r.demandPerDay)} ${r.unit}</td>
            <td>
              ${r.mase === null ? '—' : quantity(r.mase)}<br /><small
                >${accuracyInWords(r.mase)}${r.periodsScored ? `, ${r.periodsScored} periods scored` : ''}</small
              >
            </td>
            <td class="number">${percent(r.relativeBias)}</td>
            <td>${day(r.generatedAt)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
