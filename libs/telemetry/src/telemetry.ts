import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

let sdk: NodeSDK | undefined;

const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Starts tracing for a service. Must run before kafkajs, pg and http are loaded,
 * which is why each service's main.ts imports its telemetry file first.
 * Tracing is on only when OTEL_EXPORTER_OTLP_ENDPOINT is set: without a span processor the SDK
 * registers no tracer, so nothing makes spans and an order records no trace id.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk) return;
  const spanProcessors: SpanProcessor[] = env.OTEL_EXPORTER_OTLP_ENDPOINT ? [new BatchSpanProcessor(new OTLPTraceExporter())] : [];
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors,
    // Kafka is traced by libs/messaging itself (trace context in headers, a span per applied run): the kafkajs
    // instrumentation's span per record cost more than the rest of a record's handling, and its producer span
    // would overwrite the trace each outbox record carries from its cause when the relay sends them together.
    instrumentations: [
      // Health checks and metric scrapes come every few seconds and are no one's business trace.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? '') }),
      // A query outside any span (a poll, a sweep's probe) would be a trace of its own, one per query.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
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
