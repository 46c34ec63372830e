import { PlatformMetrics } from '@smi/metrics';
import type { NextFunction, Request, Response } from 'express';

/** A request that ended before any route took it (an unknown path, or refused by the API-key or rate limits first). */
const NO_ROUTE = 'unmatched';

/**
 * Counts every answered request and times it, by method, route pattern (`/orders/:orderId`,
 * never the raw path, so an id never becomes a series) and status code. Mounted first, so
 * requests refused by the middleware before the routes (no key, too many, too large) count too.
 */
export function countHttpRequests(metrics: PlatformMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = request.route ? `${request.baseUrl}${String(request.route.path)}` : NO_ROUTE;
      const labels = { method: request.method, route, status_code: String(response.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
