import helmet from 'helmet';
import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { createServer } from 'node:http';
import { apiKeyOf, AuthenticatedRequest, refusalOfKey } from './api-key.guard';
import { HttpLimits } from './http-limits';
import { PartyDirectory } from './parties';
import { RateLimiter } from './rate-limiter';

/**
 * Express whose HTTP server drops slow or half-sent requests: Node only applies its request and header
 * timeouts when it checks its connections, so the check runs every second rather than every 30.
 */
export class TimeBoundExpressAdapter extends ExpressAdapter {
  constructor(private readonly limits: HttpLimits) {
    super(express());
  }

  override initHttpServer(_options: NestApplicationOptions): void {
    const server = createServer(
      {
        requestTimeout: this.limits.requestTimeoutMs,
        headersTimeout: this.limits.headersTimeoutMs,
        keepAliveTimeout: this.limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: 1000,
      },
      this.getInstance(),
    );
    this.setHttpServer(server);
  }
}

/**
 * The middleware every request passes before it reaches a controller, in this order: security headers,
 * control characters in the URL refused, a rate limit per client address, the API key (a request with a
 * body and no known key is refused before its body is read), a rate limit per key, then the body parsers.
 * Nest's own body parser must be off (`bodyParser: false`), or it would read bodies first.
 */
export function hardenHttp(app: INestApplication, limits: HttpLimits, parties: PartyDirectory): void {
  const perAddress = new RateLimiter(limits.requestsPerMinutePerAddress);
  const perKey = new RateLimiter(limits.requestsPerMinutePerKey);
  (app.getHttpAdapter().getInstance() as express.Express).disable('x-powered-by');
  app.use(...securityHeaders);
  app.use(refuseControlCharacters);
  app.use(rateLimited(perAddress, (request) => `address ${request.socket.remoteAddress ?? 'unknown'}`));
  app.use(authenticateBeforeBody(parties));
  app.use(rateLimited(perKey, (request) => request.party && `party ${request.party.id}`));
  app.use(refuseDeclaredTooLarge(limits.bodyLimitBytes));
  app.use(express.json({ limit: limits.bodyLimitBytes, type: JSON_TYPES }));
  app.use(express.urlencoded({ extended: true, limit: limits.bodyLimitBytes }));
  // EDI interchanges (X12, EDIFACT) come as text.
  app.use(express.text({ limit: limits.bodyLimitBytes, type: TEXT_TYPES }));
  app.use(bodyErrorsAsJson);
}

/**
 * The same defences for a web app of its own (the dashboard): security headers whose content policy lets the
 * app's own scripts, styles and images (and nothing else) run, control characters refused, a rate limit per
 * client address, the body limit, and form bodies. The app authenticates its users itself (a session), so no
 * API key is asked here.
 */
export function hardenWebApp(app: INestApplication, limits: HttpLimits): void {
  const perAddress = new RateLimiter(limits.requestsPerMinutePerAddress);
  (app.getHttpAdapter().getInstance() as express.Express).disable('x-powered-by');
  app.use(...webSecurityHeaders);
  app.use(refuseControlCharacters);
  app.use(rateLimited(perAddress, (request) => `address ${request.socket.remoteAddress ?? 'unknown'}`));
  app.use(refuseDeclaredTooLarge(limits.bodyLimitBytes));
  app.use(express.urlencoded({ extended: false, limit: limits.bodyLimitBytes }));
  app.use(bodyErrorsAsJson);
}

const noStore: RequestHandler = (_request, response, next) => {
  response.set('Cache-Control', 'no-store');
  next();
};

/** Pages hold one party's data: only the app's own origin may script, style or frame nothing; forms post only to it. */
const webSecurityHeaders: RequestHandler[] = [
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  }),
  noStore,
];

/**
 * helmet's defaults, for an API that serves JSON only: nothing may frame, embed, sniff or cache it. Answers carry
 * one party's data, so no shared cache may keep them either.
 */
const securityHeaders: RequestHandler[] = [
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  }),
  noStore,
];

/**
 * A control character (C0, DEL or C1) percent-encoded anywhere in the path or query. No id or filter
 * holds one, and Postgres refuses a NUL in text: without this a NUL in any id answered 500.
 */
const ENCODED_CONTROL_CHARACTER = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;

const refuseControlCharacters: RequestHandler = (request, response, next) => {
  if (!ENCODED_CONTROL_CHARACTER.test(request.originalUrl)) return next();
  sendError(response, 400, 'the path or query holds a control character; ids and filters never do');
};

function rateLimited(limiter: RateLimiter, callerOf: (request: AuthenticatedRequest) => string | undefined): RequestHandler {
  return (request, response, next) => {
    const caller = callerOf(request as AuthenticatedRequest);
    const decision = caller === undefined ? { allowed: true as const } : limiter.take(caller);
    if (decision.allowed) return next();
    response.set('Retry-After', String(decision.retryAfterSeconds));
    sendError(response, 429, `too many requests; try again in ${decision.retryAfterSeconds} s`);
  };
}

/**
 * Names the caller's party from its key before anything else is read. A request that carries a body
 * without a known key is answered 401 at once and its connection closed, so nobody can make a service
 * read (or inflate) a body without being a party. Requests without a body go on to the guard, which
 * lets public routes (health) through.
 */
function authenticateBeforeBody(parties: PartyDirectory): RequestHandler {
  return (request, response, next) => {
    const key = apiKeyOf(request);
    const party = key ? parties.partyForKey(key) : undefined;
    if (party) {
      (request as AuthenticatedRequest).party = party;
      return next();
    }
    if (!carriesBody(request)) return next();
    response.set('Connection', 'close');
    sendError(response, 401, refusalOfKey(key));
  };
}

/**
 * A body whose declared length is over the limit is refused before any of it is read. body-parser
 * refuses it too, but only after reading the whole body to the end, however long it is. The limit is
 * the parsers': a body of another type (a file upload) is read, streamed, only by the route taking it,
 * which applies its own limit; other routes never read it.
 */
function refuseDeclaredTooLarge(limitBytes: number): RequestHandler {
  return (request, response, next) => {
    if (Number(request.headers['content-length'] ?? 0) <= limitBytes) return next();
    if (!request.is(PARSED_TYPES)) return next();
    response.set('Connection', 'close');
    sendError(response, 413, `the body is larger than ${limitBytes} bytes`);
  };
}

// application/*+json too: the schema registry's clients send application/vnd.schemaregistry.v1+json.
const JSON_TYPES = ['application/json', 'application/*+json'];
const TEXT_TYPES = ['text/plain', 'application/edi-x12', 'application/edifact'];
const PARSED_TYPES = [...JSON_TYPES, ...TEXT_TYPES, 'application/x-www-form-urlencoded'];

const carriesBody = (request: express.Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/** body-parser's refusals (413 too large, 400 not JSON, 415 unknown encoding) in the same JSON shape as every other error. */
const bodyErrorsAsJson: ErrorRequestHandler = (
  error: { status?: number; expose?: boolean; message?: string },
  _request,
  response,
  next,
) => {
  if (response.headersSent) return next(error);
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
  sendError(response, status, error.expose && error.message ? error.message : 'the request body could not be read');
};

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

/** The shape Nest gives its own HTTP errors, so a client reads every refusal the same way. */
function sendError(response: Response, status: number, message: string): void {
  response.status(status).json({ statusCode: status, message, error: REASON_PHRASES[status] ?? 'Error' });
}
