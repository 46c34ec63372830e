import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let sdk: NodeSDK | undefined;

/**
 * A message sent in one batch with others (the outbox relay) carries its own trace here. The
 * kafkajs instrumentation writes the batch's producer span over `traceparent`; this puts the
 * message's own trace back, so the consumer continues the trace of what caused the event.
 */
export const OWN_TRACE_HEADER = 'smi-own-traceparent';

function keepOwnTrace(headers: Record<string, unknown> | undefined): void {
  const own = headers?.[OWN_TRACE_HEADER];
  if (!headers || own === undefined) return;
  headers.traceparent = own;
  delete headers[OWN_TRACE_HEADER];
}

/**
 * Starts tracing for a service. Must run before kafkajs, pg and http are loaded,
 * which is why each service's main.ts imports its telemetry file first.
 * Spans are always created (so trace context flows through Kafka headers);
 * they are exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk) return;
  const spanProcessors: SpanProcessor[] = env.OTEL_EXPORTER_OTLP_ENDPOINT
    ? [new BatchSpanProcessor(new OTLPTraceExporter())]
    : [];
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors,
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation(), new KafkaJsInstrumentation({ producerHook: (_span, { message }) => keepOwnTrace(message.headers) })],
    // Metrics and logs are not exported yet; keep the SDK from starting default exporters for them.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
