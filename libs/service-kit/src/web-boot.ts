import { INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { jsonLinesLogger } from './boot';
import { hardenWebApp, TimeBoundExpressAdapter } from './http-hardening';
import { httpLimitsFromEnv } from './http-limits';

export interface WebBootOptions {
  service: string;
  /** HTTP port when PORT is not set. */
  defaultPort: number;
}

/**
 * Starts an HTTP-only app (the dashboard): no broker, no database, no outbox, since it holds no data of its
 * own. It gets the services' HTTP hardening (timeouts, limits, security headers with a content policy for its
 * own scripts) and logs one JSON object a line, like every service.
 */
export async function bootWebApp(appModule: Type<unknown>, options: WebBootOptions): Promise<{ app: INestApplication; port: number }> {
  Logger.overrideLogger(jsonLinesLogger);
  try {
    const limits = httpLimitsFromEnv();
    const app = await NestFactory.create<NestExpressApplication>(appModule, new TimeBoundExpressAdapter(limits), {
      bodyParser: false,
      logger: jsonLinesLogger,
    });
    // Behind a TLS-terminating proxy on this machine, the request counts as https (and the session cookie is Secure).
    app.set('trust proxy', 'loopback');
    hardenWebApp(app, limits);
    app.enableShutdownHooks();
    const port = Number(process.env.PORT ?? options.defaultPort);
    await app.listen(port, limits.host);
    new Logger(options.service).log(`${options.service} listening on http://${limits.host}:${port} (health: /health)`);
    return { app, port };
  } catch (error) {
    new Logger(options.service).error(`could not start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
