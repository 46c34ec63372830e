import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { contextForCause, runParentOf, traceIdOf } from './trace-headers';

const TRACE_A = 'a'.repeat(32);
const TRACE_B = 'b'.repeat(32);
const TRACE_C = 'c'.repeat(32);
const headersIn = (traceId: string, spanId: string) => ({ traceparent: `00-${traceId}-${spanId}-01` });
const activeSpanIn = (traceId: string, spanId: string) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });

describe('trace context across a run of records', () => {
  beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
  afterAll(() => propagation.disable());

  it('puts the span of a run of one trace under its first record, with no links', () => {
    const { parent, links } = runParentOf([headersIn(TRACE_A, '1'.repeat(16)), headersIn(TRACE_A, '2'.repeat(16))]);
    expect(trace.getSpanContext(parent)).toMatchObject({ traceId: TRACE_A, spanId: '1'.repeat(16) });
    expect(links).toEqual([]);
  });

  it('links a run that mixes traces to each other trace once', () => {
    const { parent, links } = runParentOf([
      headersIn(TRACE_A, '1'.repeat(16)),
      headersIn(TRACE_B, '2'.repeat(16)),
      {},
      headersIn(TRACE_B, '3'.repeat(16)),
      headersIn(TRACE_C, '4'.repeat(16)),
    ]);
    expect(trace.getSpanContext(parent)?.traceId).toBe(TRACE_A);
    expect(links.map((l) => l.context.traceId)).toEqual([TRACE_B, TRACE_C]);
  });

  it('starts a trace of its own for a run whose records carry none', () => {
    const { parent, links } = runParentOf([{}, undefined]);
    expect(trace.getSpanContext(parent)).toBeUndefined();
    expect(links).toEqual([]);
  });

  it('continues an event from the run span when it is in its cause trace, else from the cause', () => {
    const cause = { headers: headersIn(TRACE_A, '1'.repeat(16)) };
    const runOfA = activeSpanIn(TRACE_A, '9'.repeat(16));
    expect(trace.getSpanContext(contextForCause(cause, runOfA))?.spanId).toBe('9'.repeat(16));
    const runOfB = activeSpanIn(TRACE_B, '9'.repeat(16));
    expect(trace.getSpanContext(contextForCause(cause, runOfB))).toMatchObject({ traceId: TRACE_A, spanId: '1'.repeat(16) });
    // An untraced cause continues the trace its run started.
    expect(trace.getSpanContext(contextForCause({ headers: {} }, runOfB))?.traceId).toBe(TRACE_B);
    expect(traceIdOf(cause)).toBe(TRACE_A);
  });
});
