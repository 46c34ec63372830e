/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is already Html (made by
 * `html` or `trusted`), so text from the services (ids, reasons, names) can never become markup.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  return new Html(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

/** Markup the app itself wrote (never text from a request or a service). */
export const trusted = (markup: string): Html => new Html(markup);

/**
 * Data for a page script, as an attribute of a hidden element (HTML-escaped, so no value can leave it). Not a
 * `<script type="application/json">` block: htmx drops script elements from the fragments it swaps in
 * (allowScriptTags is off), and a fragment's chart would lose its data.
 */
export const jsonData = (id: string, data: unknown): Html =>
  trusted(`<div hidden id="${escapeHtml(id)}" data-json="${escapeHtml(JSON.stringify(data))}"></div>`);
