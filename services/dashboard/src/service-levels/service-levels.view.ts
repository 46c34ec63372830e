import { html, HtmlValue, jsonData } from '../html/html';
import { day } from '../layout/layout.view';
import type { Answer } from '../platform/answer';
import { answered } from '../layout/layout.view';
import {
  AgreementMeasure,
  DisputeView,
  kpiTiles,
  money,
  percent,
  PenaltyView,
  previousMonth,
  Scorecard,
  totalsByCurrency,
  trendChart,
} from './service-levels';

/** Links to the month before and, when looking back, to the current one. */
export const monthNavigation = (path: string, month: string): HtmlValue =>
  html`<p class="months">
    Month <strong>${month}</strong> · <a href="${path}?period=${previousMonth(month)}">${previousMonth(month)}</a> ·
    <a href="${path}">current month</a>
  </p>`;

export function agreementMeasure(measure: AgreementMeasure, scorecard: Answer<Scorecard>, chartId: string): HtmlValue {
  return html`<section class="card" data-agreement="${measure.agreementId}">
    <h2>${measure.agreementId} <small>${measure.buyerId} ← ${measure.supplierId}</small></h2>
    <dl class="levels">
      ${kpiTiles(measure.kpis).map(
        (tile) =>
          html`<div>
            <dt>${tile.label}</dt>
            <dd>${tile.value}</dd>
            <small>${tile.basis}</small>
          </div>`,
      )}
    </dl>
    <table>
      <thead>
        <tr>
          <th>Site · item</th>
          <th class="number">Fill rate</th>
          <th class="number">Stockout days</th>
          <th class="number">Time in band</th>
          <th class="number">On time</th>
        </tr>
      </thead>
      <tbody>
        ${measure.lines.map(
          (line) =>
            html`<tr data-site="${line.siteId}" data-item="${line.itemId}">
              <td>${line.siteId} · ${line.itemId}</td>
              <td class="number">${percent(line.kpis.fillRate.rate)}</td>
              <td class="number">${line.kpis.stockouts.stockoutDays}</td>
              <td class="number">${percent(line.kpis.band.share)}</td>
              <td class="number">${percent(line.kpis.onTimeDelivery.rate)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>Scorecard: the last twelve months</h3>
    ${answered(
      scorecard,
      (card) =>
        html`<div class="chart" data-chart="${chartId}" role="img" aria-label="Twelve-month trend of ${measure.agreementId}"></div>
          ${jsonData(chartId, trendChart(card))}
          <p><small>Measured to ${card.measuredTo}; penalties this month ${money(card.penalties.total, card.currency)}.</small></p>`,
    )}
  </section>`;
}

export function penaltiesTable(penalties: readonly PenaltyView[]): HtmlValue {
  if (penalties.length === 0) return html`<p class="empty">No penalty for this month.</p>`;
  return html`<table class="penalties">
    <thead>
      <tr>
        <th>Agreement</th>
        <th>Site · item</th>
        <th>Rule</th>
        <th class="number">Amount</th>
        <th>Why</th>
      </tr>
    </thead>
    <tbody>
      ${penalties.map(
        (p) =>
          html`<tr data-penalty="${p.penaltyId}">
            <td>${p.agreementId}<br /><small>revision ${p.revision}</small></td>
            <td>${p.siteId ?? 'whole agreement'}${p.itemId ? ` · ${p.itemId}` : ''}</td>
            <td>${p.rule}</td>
            <td class="number">${money(p.amount, p.currency)}</td>
            <td><small>${p.explanation}</small></td>
          </tr>`,
      )}
    </tbody>
    <tfoot>
      ${totalsByCurrency(penalties).map(
        (t) =>
          html`<tr>
            <th colspan="3">Total</th>
            <th class="number">${money(t.total, t.currency)}</th>
            <th></th>
          </tr>`,
      )}
    </tfoot>
  </table>`;
}

export function disputesTable(disputes: readonly DisputeView[]): HtmlValue {
  if (disputes.length === 0) return html`<p class="empty">No dispute.</p>`;
  return html`<table class="disputes">
    <thead>
      <tr>
        <th>Penalty</th>
        <th>Status</th>
        <th class="number">Amount</th>
        <th>Opened</th>
        <th>Decision</th>
      </tr>
    </thead>
    <tbody>
      ${disputes.map(
        (d) =>
          html`<tr data-dispute="${d.disputeId}">
            <td><small>${d.penaltyId}</small></td>
            <td><span class="state ${d.status === 'open' ? 'soon' : d.status === 'accepted' ? 'within' : 'urgent'}">${d.status}</span></td>
            <td class="number">
              ${money(d.amount, d.currency)}${d.credited ? html`<br /><small>credited ${money(d.credited, d.currency)}</small>` : null}
            </td>
            <td>${day(d.openedAt)} by ${d.openedBy}<br /><small>${d.reason}</small></td>
            <td>
              ${d.decidedAt ? html`${day(d.decidedAt)} by ${d.decidedBy}<br /><small>${d.decisionReason ?? ''}</small>` : 'awaiting the buyer'}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
