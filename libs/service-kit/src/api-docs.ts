import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiExtension, ApiResponse, DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { RequestHandler } from 'express';
import { ApiErrorDto } from './api-error.dto';

/** Where each service serves its API description: the Swagger UI page, and the OpenAPI 3 document it reads. */
export const API_DOCS_PATH = '/docs';
export const API_DOCS_JSON_PATH = '/docs-json';

/** The two ways a caller names its party; every operation takes either, unless it is public. */
export const API_KEY_SCHEME = 'api-key';
export const BEARER_SCHEME = 'bearer';

/** Marks an operation that needs no key in the description; PublicRoute applies it with the guard's own mark. */
const PUBLIC_OPERATION = 'x-smi-public';
export const PublicInApiDocs = () => applyDecorators(ApiExtension(PUBLIC_OPERATION, true));

/** A refusal a route really answers, in the one error shape (ApiErrorDto): `@ApiRefusal(404, 'no such shipment, or not yours')`. */
export const ApiRefusal = (status: 400 | 403 | 404 | 409 | 413 | 415 | 422, description: string) =>
  ApiResponse({ status, description, type: ApiErrorDto });

/** The 400 of a route whose only checks are its text filters (optionalQueryText). */
export const ApiFilterRefusal = () =>
  ApiRefusal(400, 'A filter is empty, given twice, longer than 200 characters or holds a control character.');

/** What the hardening answers before any controller runs: no known key (on every keyed route), too many requests (everywhere). */
const REFUSED_BEFORE_ANY_ROUTE = {
  '401': 'No API key, or one nobody has (a request with a body is refused before the body is read).',
  '429': 'Too many requests from this address or this key in the last minute; `Retry-After` says when to try again.',
};

/**
 * The OpenAPI 3 document of a service, built from its controllers' decorators: title = service name, the API key
 * as header `X-Api-Key` or `Authorization: Bearer <key>`, required on every operation but the public ones.
 */
export function apiDocumentOf(app: INestApplication, service: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(service)
    .setDescription(
      `The HTTP API of the ${service} service of the Supplier-Managed Inventory platform. Every call names its party ` +
        '(buyer, supplier or operator) by its API key, sent as `X-Api-Key: <key>` or `Authorization: Bearer <key>`; ' +
        'a party sees only its own data, and what it may not see answers as if it did not exist. Errors have one shape: ' +
        '`{ statusCode, message, error }`.',
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: "The party's API key." }, API_KEY_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: "The party's API key, as a bearer token." }, BEARER_SCHEME)
    // Either scheme is enough: two requirement objects are alternatives.
    .addSecurityRequirements(API_KEY_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Tags are named per controller in business words (@ApiTags), never derived from class names.
    autoTagControllers: false,
    extraModels: [ApiErrorDto],
    operationIdFactory: (controller, method) => `${controller.replace(/HttpController$|Controller$/, '')}_${method}`,
  });
  const error = { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorDto) } } };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Array<{ responses?: Record<string, object>; security?: unknown[] }>) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      const isPublic = PUBLIC_OPERATION in operation;
      if (isPublic) {
        delete (operation as Record<string, unknown>)[PUBLIC_OPERATION];
        operation.security = [];
      }
      for (const [status, description] of Object.entries(REFUSED_BEFORE_ANY_ROUTE)) {
        if (status === '401' && isPublic) continue;
        operation.responses[status] ??= { description, content: error };
      }
    }
  }
  return document;
}

/**
 * Serves the description at /docs (Swagger UI) and /docs-json, to anyone: they describe the API and hold no data.
 * Swagger UI needs its own scripts, styles and data-URI images, which the API's CSP (`default-src 'none'`) refuses:
 * its pages get a CSP that allows exactly those, from this origin only.
 */
export function describeApi(app: INestApplication, { service }: { service: string }): OpenAPIObject {
  const document = apiDocumentOf(app, service);
  app.use(API_DOCS_PATH, swaggerUiPolicy);
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, document, {
    jsonDocumentUrl: API_DOCS_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: `${service} API`,
    swaggerOptions: { persistAuthorization: false, validatorUrl: null },
  });
  return document;
}

const SWAGGER_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // The page's own <style> blocks and the style attributes of its inline SVG.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const swaggerUiPolicy: RequestHandler = (_request, response, next) => {
  response.setHeader('Content-Security-Policy', SWAGGER_UI_CSP);
  next();
};
