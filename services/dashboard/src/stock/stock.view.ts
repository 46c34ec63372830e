import { html, HtmlValue, jsonData } from '../html/html';
import { day, quantity } from '../layout/layout.view';
import { bySiteAndItem, projectionChart, StockProjection, STOCK_STATE_WORDS, stockStateOf } from './stock-projection';

/** Each site x item: its levels in a table row, and under it where its stock is heading, as a chart. */
export function stockSection(projections: readonly StockProjection[]): HtmlValue {
  if (projections.length === 0) return html`<p class="empty">No stock reported under your agreements yet.</p>`;
  return bySiteAndItem(projections).map((p, i) => {
    const state = stockStateOf(p);
    return html`<section class="line" data-site="${p.siteId}" data-item="${p.itemId}">
      <h2>${p.siteId} · ${p.itemId} <span class="state ${state}">${STOCK_STATE_WORDS[state]}</span></h2>
      <dl class="levels">
        <div>
          <dt>On hand</dt>
          <dd>${quantity(p.onHand)} ${p.unit}</dd>
        </div>
        <div>
          <dt>Min–max</dt>
          <dd>${quantity(p.minimum)}–${quantity(p.maximum)}</dd>
        </div>
        <div>
          <dt>Reorder point</dt>
          <dd>${quantity(p.reorderPoint)}</dd>
        </div>
        <div>
          <dt>Safety stock</dt>
          <dd>${quantity(p.safetyStock)}</dd>
        </div>
        <div>
          <dt>Forecast / day</dt>
          <dd>${quantity(p.forecastPerDay)}</dd>
        </div>
        <div>
          <dt>Days of cover</dt>
          <dd>${p.daysOfCover === null ? 'beyond horizon' : quantity(p.daysOfCover)}</dd>
        </div>
        <div>
          <dt>Runs out</dt>
          <dd>${p.stockoutOn ? day(p.stockoutOn) : 'not within horizon'}</dd>
        </div>
      </dl>
      <p class="decision">${p.decisionNow}</p>
      <div class="chart" data-chart="stock-chart-${i}" role="img" aria-label="Projected stock of ${p.itemId} at ${p.siteId}"></div>
      ${jsonData(`stock-chart-${i}`, projectionChart(p))}
    </section>`;
  });
}
