import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';

/** A running Jaeger: where services send spans (OTLP over HTTP) and where its query API answers. */
export interface Jaeger {
  otlpUrl: string;
  queryUrl: string;
  /** Stops Jaeger if this process started it; one it found running is left as it was. */
  stop(): Promise<void>;
}

/** A span as Jaeger's query API gives it, with the service that sent it. */
export interface JaegerSpan {
  spanId: string;
  /** The span this one is a child of; undefined for the trace's root. */
  parentSpanId?: string;
  operationName: string;
  service: string;
}

export interface JaegerTrace {
  traceId: string;
  spans: JaegerSpan[];
}

const JAEGER_SCRIPT = resolve(REPO_ROOT, 'deploy/jaeger.sh');

/**
 * JAEGER_QUERY_URL and JAEGER_OTLP_URL when both are set (CI, a Jaeger of one's own); otherwise the one of
 * deploy/jaeger.sh, started (and later stopped) here unless it already runs.
 */
export async function provideJaeger(env: NodeJS.ProcessEnv = process.env): Promise<Jaeger> {
  if (env.JAEGER_QUERY_URL && env.JAEGER_OTLP_URL) {
    return { otlpUrl: env.JAEGER_OTLP_URL, queryUrl: env.JAEGER_QUERY_URL, stop: async () => undefined };
  }
  const running = jaegerScript('status', env) !== undefined;
  if (!running) jaegerScript('start', env, 600_000); // a first start builds Jaeger: minutes on a cold Go cache
  const printed = Object.fromEntries(
    [...(jaegerScript('env', env) ?? '').matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]),
  );
  return {
    otlpUrl: printed.JAEGER_OTLP_URL,
    queryUrl: printed.JAEGER_QUERY_URL,
    stop: async () => {
      if (!running) jaegerScript('stop', env);
    },
  };
}

/** What the script printed; undefined when it exited non-zero (status of a stopped Jaeger). */
function jaegerScript(command: string, env: NodeJS.ProcessEnv, timeout = 60_000): string | undefined {
  try {
    return execFileSync('bash', [JAEGER_SCRIPT, command], { env, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    if (command === 'status') return undefined;
    throw error;
  }
}

interface QueryApiTrace {
  traceID: string;
  spans: Array<{ spanID: string; operationName: string; processID: string; references?: Array<{ refType: string; spanID: string }> }>;
  processes: Record<string, { serviceName: string }>;
}

function traceOf(data: QueryApiTrace): JaegerTrace {
  return {
    traceId: data.traceID,
    spans: data.spans.map((span) => ({
      spanId: span.spanID,
      parentSpanId: span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID,
      operationName: span.operationName,
      service: data.processes[span.processID]?.serviceName ?? 'unknown',
    })),
  };
}

/** One trace by id, as Jaeger holds it now; undefined while it holds none of its spans. */
export async function jaegerTrace(queryUrl: string, traceId: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(`${queryUrl}/api/traces/${traceId}`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} for trace ${traceId}: ${await response.text()}`);
  const { data } = (await response.json()) as { data: QueryApiTrace[] };
  return data.length > 0 ? traceOf(data[0]) : undefined;
}

/** The traces Jaeger finds for a service in the last hour (its search, as the UI's). */
export async function jaegerTracesOf(queryUrl: string, service: string, limit = 100): Promise<JaegerTrace[]> {
  const response = await fetch(`${queryUrl}/api/traces?service=${encodeURIComponent(service)}&lookback=1h&limit=${limit}`);
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} searching ${service}: ${await response.text()}`);
  const { data } = (await response.json()) as { data: QueryApiTrace[] };
  return data.map(traceOf);
}
