import { html, Html, HtmlValue, trusted } from '../html/html';
import type { Answer } from '../platform/answer';
import type { Viewer } from '../session/viewer';
import { pagesFor } from './navigation';

const head = (title: string): Html =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' />
        <link rel="icon" href="data:," />
        <title>${title} · SMI dashboard</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
        <script src="/assets/htmx.min.js"></script>
        <script src="/assets/echarts.min.js"></script>
        <script src="/assets/dashboard.js"></script>
      </head>
    </html>`;

/**
 * A page of the signed-in party: the navigation of its kind, who is signed in, logout, and the content. The
 * CSRF token rides on every htmx request as a header (hx-headers on body) and in every form as a field.
 */
export function page(viewer: Viewer, current: string, title: string, content: HtmlValue): Html {
  const navigation = pagesFor(viewer.kind).map(
    (entry) => html`<a href="${entry.path}" ${entry.path === current ? trusted(' aria-current="page"') : ''}>${entry.title}</a>`,
  );
  return html`${head(title)}
<body hx-headers='${JSON.stringify({ 'X-CSRF-Token': viewer.csrfToken })}'>
<header>
  <strong class="brand">SMI</strong>
  <nav>${navigation}</nav>
  <form method="post" action="/logout" class="who">
    <span>${viewer.partyName} <small>(${viewer.kind})</small></span>
    ${csrfField(viewer.csrfToken)}
    <button type="submit">Log out</button>
  </form>
</header>
<main>
<h1>${title}</h1>
${content}
</main>
</body>
</html>`;
}

/** A page outside a session (login, refusals). */
export function messagePage(title: string, message: string, content: HtmlValue = null): Html {
  return html`${head(title)}
<body class="plain">
<main>
<h1>${title}</h1>
<p>${message}</p>
${content}
</main>
</body>
</html>`;
}

export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}" />`;

/** A section whose service did not answer says so, and the rest of the page still shows. */
export function answered<T>(answer: Answer<T>, render: (value: T) => HtmlValue): HtmlValue {
  if (answer.ok) return render(answer.value);
  return html`<p class="problem" role="alert">${answer.service} ${answer.message}.</p>`;
}

/** Quantities as people read them: whole numbers plainly, others with at most two decimals. */
export const quantity = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(2);

/** A moment as a date (UTC), the business calendar the services speak. */
export const day = (moment: string | Date | null | undefined): string =>
  moment === null || moment === undefined ? '—' : new Date(moment).toISOString().slice(0, 10);
