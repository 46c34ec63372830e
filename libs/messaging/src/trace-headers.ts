import { context, Context, Link, propagation, ROOT_CONTEXT, SpanContext, TextMapGetter, trace } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

export type MessageHeaders = Record<string, string>;

const kafkaHeaderGetter: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

/** W3C trace context of the active span, as Kafka headers. */
export function traceHeaders(active: Context = context.active()): MessageHeaders {
  const headers: MessageHeaders = {};
  propagation.inject(active, headers);
  return headers;
}

/** The trace context a message carries (the root context when it carries none). */
export function contextFromHeaders(headers: IHeaders | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, kafkaHeaderGetter);
}

export function headersAsStrings(headers: IHeaders | undefined): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Runs `work` in the trace the record carries, so what it announces continues that trace. */
export function withinTraceOf<T>(record: { headers: MessageHeaders }, work: () => Promise<T>): Promise<T> {
  return context.with(contextForCause(record), work);
}

/**
 * The trace id (32 hex) an event announced now with `cause` continues (see contextForCause): the cause's
 * trace, else the active span's; undefined outside any trace.
 */
export function traceIdOf(cause?: { headers: MessageHeaders }): string | undefined {
  const spanContext = trace.getSpanContext(contextForCause(cause));
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

/**
 * Where the span of a run of records goes: under the first record's trace, so a run of one trace (a
 * movement's records travelling together) stays one trace; every other trace the run mixes in gets a link.
 */
export function runParentOf(headersOfRecords: ReadonlyArray<MessageHeaders | IHeaders | undefined>): { parent: Context; links: Link[] } {
  const carried: SpanContext[] = [];
  for (const headers of headersOfRecords) {
    const spanContext = trace.getSpanContext(contextFromHeaders(headers));
    if (spanContext && trace.isSpanContextValid(spanContext)) carried.push(spanContext);
  }
  if (carried.length === 0) return { parent: ROOT_CONTEXT, links: [] };
  const [first] = carried;
  const linked = new Map<string, Link>();
  for (const spanContext of carried) {
    if (spanContext.traceId !== first.traceId && !linked.has(spanContext.traceId))
      linked.set(spanContext.traceId, { context: spanContext });
  }
  return { parent: trace.setSpanContext(ROOT_CONTEXT, first), links: [...linked.values()] };
}

/**
 * The trace context an event announced in the active context continues: the cause's trace, with the active
 * span (a run's) as its parent when that span is in the same trace, so the trace shows which run announced it;
 * in a run that mixes traces, an event of another trace continues its cause's trace from the cause's own span.
 */
export function contextForCause(cause: { headers: MessageHeaders } | undefined, active: Context = context.active()): Context {
  if (!cause) return active;
  const caused = contextFromHeaders(cause.headers);
  const causeSpan = trace.getSpanContext(caused);
  const activeSpan = trace.getSpanContext(active);
  // A cause that came without a trace (a buyer's record sent untraced) continues the trace its run started.
  if (!causeSpan || !trace.isSpanContextValid(causeSpan)) return active;
  return activeSpan && activeSpan.traceId === causeSpan.traceId ? active : caused;
}
