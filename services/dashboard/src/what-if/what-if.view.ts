import { SERVICE_LEVEL_MEASURES } from '@smi/agreements';
import { html, HtmlValue, jsonData } from '../html/html';
import { csrfField } from '../layout/layout.view';
import type { Comparison } from './what-if-comparison';
import { BUCKET_DAYS, FormFields, LineChoice, SCENARIO_ROWS, SCENARIO_TERMS, scenarioField } from './what-if-form';

/**
 * The what-if page: a form (line, demand history, scenarios), and under it the comparison of the scenarios it ran.
 * The form posts the whole page (htmx drops the chart's JSON block from a swapped fragment, as it drops every
 * script there) and comes back filled in, so a party changes one term and runs again.
 */
export function whatIfContent(lines: readonly LineChoice[], csrfToken: string, fields: FormFields, result: HtmlValue = null): HtmlValue {
  if (lines.length === 0) return html`<p class="empty">You have no active agreement line to simulate.</p>`;
  const value = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const chosen = lines.find((l) => l.key === value('line')) ?? lines[0];
  const bucketDays = value('bucketDays') || '30';
  const measure = value('serviceLevelMeasure') || chosen.serviceLevelMeasure || 'cycle-service-level';
  return html`<form class="what-if" method="post" action="/what-if">
      ${csrfField(csrfToken)}
      <fieldset>
        <legend>Line and demand</legend>
        <label
          >Agreement line
          <select name="line" hx-get="/what-if/terms" hx-target="#line-terms" hx-trigger="change">
            ${lines.map((l) => html`<option value="${l.key}" ${l.key === chosen.key ? html` selected` : ''}>${l.label}</option>`)}
          </select>
        </label>
        <div id="line-terms">${lineTerms(chosen)}</div>
        <label
          >Demand history, one quantity per bucket, oldest first
          <textarea name="demand" rows="3" required placeholder="12, 30, 8, 22, 41, 15, ...">${value('demand')}</textarea>
        </label>
        <label
          >Days per bucket
          <select name="bucketDays">
            ${BUCKET_DAYS.map((d) => html`<option${String(d) === bucketDays ? html` selected` : ''}>${d}</option>`)}
          </select>
        </label>
        <label
          >Warm-up buckets (played, not measured) <input name="warmUpBuckets" inputmode="numeric" value="${value('warmUpBuckets')}"
        /></label>
        <label
          >Service level measure
          <select name="serviceLevelMeasure">
            ${SERVICE_LEVEL_MEASURES.map((m) => html`<option${m === measure ? html` selected` : ''}>${m}</option>`)}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Scenarios (a row with only a name runs the line as signed; empty terms keep the line's)</legend>
        <table class="scenarios">
          <thead>
            <tr>
              <th>name</th>
              ${SCENARIO_TERMS.map((t) => html`<th>${t.label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${Array.from(
              { length: SCENARIO_ROWS },
              (_, row) =>
                html`<tr>
                  <td>
                    <input
                      name="${scenarioField(row, 'name')}"
                      maxlength="200"
                      value="${value(scenarioField(row, 'name'))}"
                      aria-label="scenario ${row + 1} name"
                    />
                  </td>
                  ${SCENARIO_TERMS.map(
                    (t) =>
                      html`<td>
                        <input
                          name="${scenarioField(row, t.field)}"
                          inputmode="decimal"
                          size="6"
                          value="${value(scenarioField(row, t.field))}"
                          aria-label="scenario ${row + 1} ${t.label}"
                        />
                      </td>`,
                  )}
                </tr>`,
            )}
          </tbody>
        </table>
      </fieldset>
      <button type="submit">Run scenarios</button>
    </form>
    <section id="comparison" class="card" aria-live="polite">${result}</section>`;
}

/** The chosen line's terms as signed, beside the scenario rows that change them. */
export function lineTerms(line: LineChoice): HtmlValue {
  return html`<p class="line-terms">
    As signed (${line.unit}):
    ${SCENARIO_TERMS.map((t) => html`<span>${t.label} <strong>${line.terms[t.field] ?? 'not set'}</strong></span> `)}
    <span>safety stock <strong>${line.safetyStock}</strong></span>
  </p>`;
}

export function comparisonSection(comparison: Comparison): HtmlValue {
  return html`<h2>Fill rate vs average stock</h2>
    <div
      class="chart"
      id="what-if-chart"
      data-chart="what-if-chart-data"
      role="img"
      aria-label="Fill rate against average stock, one point per scenario"
    ></div>
    ${jsonData('what-if-chart-data', comparison.chart)}
    <table class="comparison">
      <thead>
        <tr>
          <th>scenario</th>
          <th>fill rate</th>
          <th>average on hand</th>
          <th>cycle service level</th>
          <th>promised</th>
          <th>stockout days</th>
          <th>orders</th>
          <th>penalty exposure</th>
        </tr>
      </thead>
      <tbody>
        ${comparison.rows.map(
          (r) =>
            html`<tr data-scenario="${r.name}">
              <th scope="row">${r.name}</th>
              <td class="fill-rate">${r.fillRate}</td>
              <td class="average-on-hand">${r.averageOnHand}</td>
              <td>${r.cycleServiceLevel}</td>
              <td>${r.promisedServiceLevel}</td>
              <td>${r.stockoutDays}</td>
              <td>${r.orders}</td>
              <td>${r.penalties}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

export const problemsSection = (problems: readonly string[]): HtmlValue =>
  html`<div class="problem" role="alert">
    <p>The scenarios were not run:</p>
    <ul>
      ${problems.map((p) => html`<li>${p}</li>`)}
    </ul>
  </div>`;
