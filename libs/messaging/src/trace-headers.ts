import { context, Context, propagation, ROOT_CONTEXT, TextMapGetter } from '@opentelemetry/api';
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
  return context.with(contextFromHeaders(record.headers), work);
}
