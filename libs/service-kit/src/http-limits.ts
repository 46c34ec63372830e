/**
 * How a service's HTTP server protects itself, from the environment. The defaults are far above what
 * the demo, the benchmarks or the tests send, and far below what lets one client hold a service.
 */
export interface HttpLimits {
  /** Interface the server listens on: loopback unless a deployment says otherwise (a container says 0.0.0.0). */
  host: string;
  /** A request whose headers and body have not all arrived by then is answered 408 and its connection closed. */
  requestTimeoutMs: number;
  /** Likewise for the headers alone. */
  headersTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Largest JSON or form body accepted in bytes, after decompression; larger ones get 413. */
  bodyLimitBytes: number;
  /** Requests one API key may make per minute (a burst of as many is allowed); 0 turns the limit off. */
  requestsPerMinutePerKey: number;
  /** Requests one client address may make per minute, with or without a key; 0 turns the limit off. */
  requestsPerMinutePerAddress: number;
}

export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const requestTimeoutMs = wholeNumber(env, 'SMI_HTTP_REQUEST_TIMEOUT_MS', 20_000, 1);
  return {
    host: env.SMI_HTTP_HOST?.trim() || '127.0.0.1',
    requestTimeoutMs,
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeoutMs: Math.min(wholeNumber(env, 'SMI_HTTP_HEADERS_TIMEOUT_MS', 10_000, 1), requestTimeoutMs),
    keepAliveTimeoutMs: wholeNumber(env, 'SMI_HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 1),
    // 100 KiB, what Nest's body parser allowed before.
    bodyLimitBytes: wholeNumber(env, 'SMI_HTTP_BODY_LIMIT_BYTES', 100 * 1024, 1),
    requestsPerMinutePerKey: wholeNumber(env, 'SMI_RATE_LIMIT_PER_KEY_PER_MINUTE', 6_000, 0),
    requestsPerMinutePerAddress: wholeNumber(env, 'SMI_RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 12_000, 0),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, least: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < least) throw new Error(`${name} must be a whole number of at least ${least} (got ${text})`);
  return value;
}
