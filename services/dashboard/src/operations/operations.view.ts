import { html, HtmlValue } from '../html/html';
import { day } from '../layout/layout.view';
import type { DeadLetterPanel, LagRow, OperationsView, ServiceRow } from './operations-view';
import type { OrderTrace } from './order-trace';

/** The operator page: the figures (refreshed in place every 15 s) and the order lookup. */
export function operationsContent(view: OperationsView): HtmlValue {
  return html`${figuresSection(view)}
    <section class="card order-lookup">
      <h2>An order's trace</h2>
      <form method="get" action="/operations/order" hx-get="/operations/order" hx-target="#order-trace" hx-swap="innerHTML">
        <label>Order id <input name="orderId" required maxlength="200" autocomplete="off" /></label>
        <button type="submit">Look up</button>
      </form>
      <div id="order-trace" aria-live="polite"></div>
    </section>`;
}

export function figuresSection(view: OperationsView): HtmlValue {
  return html`<div id="operations-figures" hx-get="/operations/figures" hx-trigger="every 15s" hx-swap="outerHTML">
    <section class="card services">
      <h2>Services</h2>
      <table class="health">
        <thead>
          <tr>
            <th>service</th>
            <th>status</th>
            <th>database</th>
            <th>Kafka</th>
            <th>outbox depth</th>
            <th>consumer lag</th>
            <th>dead letters</th>
          </tr>
        </thead>
        <tbody>
          ${view.services.map(serviceRow)}
        </tbody>
      </table>
    </section>
    <section class="card lag">
      <h2>Consumer lag per group and partition</h2>
      ${lagTable(view.lag)}
    </section>
    <section class="card dead-letters">
      <h2>Dead letters</h2>
      ${view.deadLetters.map(deadLetterPanel)}
    </section>
  </div>`;
}

function serviceRow(row: ServiceRow): HtmlValue {
  const figure = (value: number | null) =>
    row.metricsUnavailable !== undefined
      ? html`<span class="unavailable" title="${row.metricsUnavailable}">not available</span>`
      : value === null
        ? html`<span class="unavailable">not reported</span>`
        : String(value);
  return html`<tr data-service="${row.service}">
    <th scope="row">${row.service}</th>
    <td class="status ${row.status}">${row.status}</td>
    <td>${row.database}</td>
    <td>${row.kafka}</td>
    <td class="outbox">${figure(row.outboxDepth)}</td>
    <td class="lag-total">${figure(row.lag)}</td>
    <td class="dead-letter-count">${figure(row.deadLetters)}</td>
  </tr>`;
}

function lagTable(rows: readonly LagRow[]): HtmlValue {
  if (rows.length === 0) return html`<p class="empty">No consumer group reported its lag.</p>`;
  return html`<table class="lag-partitions">
    <thead>
      <tr>
        <th>service</th>
        <th>consumer group</th>
        <th>topic</th>
        <th class="number">lag (records)</th>
        <th>partitions behind</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr data-group="${r.group}" data-topic="${r.topic}">
            <td>${r.service}</td>
            <td><code>${r.group}</code></td>
            <td><code>${r.topic}</code></td>
            <td class="number lag">${r.lag}</td>
            <td>${partitionsBehind(r)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The partitions with records waiting, each with how many; a topic read to its end says so in a word. */
function partitionsBehind(row: LagRow): HtmlValue {
  const behind = row.partitions.filter((p) => p.lag > 0);
  if (behind.length === 0) return html`<span class="empty">none of ${row.partitions.length}</span>`;
  return behind.map(
    (p) => html`<span class="partition" data-partition="${p.partition}">partition ${p.partition}: <strong>${p.lag}</strong></span> `,
  );
}

function deadLetterPanel(panel: DeadLetterPanel): HtmlValue {
  const counts =
    panel.metricsUnavailable !== undefined
      ? html`<p class="unavailable">Record counts not available (/metrics ${panel.metricsUnavailable}).</p>`
      : panel.topics.length === 0
        ? html`<p class="empty">No dead-letter topic reported.</p>`
        : html`<ul class="dead-letter-topics">
            ${panel.topics.map(
              (t) => html`<li data-topic="${t.topic}"><code>${t.topic}</code>: <strong>${t.records}</strong> records</li>`,
            )}
          </ul>`;
  const latest =
    panel.latestUnavailable !== undefined
      ? html`<p class="unavailable">Latest records not available (${panel.latestUnavailable}).</p>`
      : panel.latest.length === 0
        ? html`<p class="empty">Nothing dead-lettered.</p>`
        : html`<table class="dead-letter-records">
            <thead>
              <tr>
                <th>failed</th>
                <th>read from</th>
                <th>key</th>
                <th>reason</th>
                <th>replayed</th>
              </tr>
            </thead>
            <tbody>
              ${panel.latest.map(
                (d) =>
                  html`<tr data-dead-letter="${d.id}">
                    <td>${moment(d.failedAt)}</td>
                    <td><code>${d.topic}</code></td>
                    <td><code>${d.key ?? '—'}</code></td>
                    <td class="reason">${d.reason}</td>
                    <td>${d.replayedAt ? day(d.replayedAt) : 'no'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`;
  return html`<article class="dead-letter-service" data-service="${panel.service}">
    <h3>${panel.service}</h3>
    ${counts} ${latest}
  </article>`;
}

/** The order lookup's answer: the order, and its trace in Jaeger when it was traced. */
export function orderTraceFragment(trace: OrderTrace): HtmlValue {
  if (trace.kind === 'unknown') return html`<p class="problem" role="alert">${trace.message}</p>`;
  const { order, traceUrl } = trace;
  return html`<dl class="levels order" data-order="${order.orderId}">
    <div>
      <dt>Order</dt>
      <dd>${order.orderId}</dd>
    </div>
    <div>
      <dt>Status</dt>
      <dd>${order.status}</dd>
    </div>
    <div>
      <dt>Buyer · site · item</dt>
      <dd>${order.buyerId} · ${order.siteId} · ${order.itemId}</dd>
    </div>
    <div>
      <dt>Quantity</dt>
      <dd>${order.quantity} ${order.unit}</dd>
    </div>
    <div>
      <dt>Decided</dt>
      <dd>${moment(order.decidedAt)}</dd>
    </div>
    <div>
      <dt>Trace</dt>
      <dd>
        ${
          traceUrl
            ? html`<a class="trace-link" href="${traceUrl}" target="_blank" rel="noopener noreferrer"
                >open trace ${order.traceId} in Jaeger</a
              >`
            : html`<span class="unavailable">no trace recorded for this order</span>`
        }
      </dd>
    </div>
  </dl>`;
}

const moment = (value: string | null | undefined) => (value ? new Date(value).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');
