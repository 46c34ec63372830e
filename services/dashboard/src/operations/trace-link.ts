/** Where the operator page sends an order's trace when no other Jaeger UI is configured. */
export const DEFAULT_JAEGER_UI_URL = 'http://127.0.0.1:16686';

/** A W3C trace id: 32 lowercase hex digits, not all zero (the spec's "invalid" id). */
const TRACE_ID = /^[0-9a-f]{32}$/;

/**
 * The Jaeger UI page of the trace that decided an order, or undefined when the order carries
 * no trace id (it was not traced) or one that is not a W3C trace id (never put in a link).
 */
export function traceUrlOf(traceId: unknown, jaegerUiUrl: string = DEFAULT_JAEGER_UI_URL): string | undefined {
  if (typeof traceId !== 'string' || !TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return undefined;
  return `${jaegerUiUrl.replace(/\/+$/, '')}/trace/${traceId}`;
}

/** SMI_JAEGER_UI_URL when set and non-empty, else the local Jaeger's UI. */
export const jaegerUiUrlOf = (env: Record<string, string | undefined>): string => env.SMI_JAEGER_UI_URL?.trim() || DEFAULT_JAEGER_UI_URL;
