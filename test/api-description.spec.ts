import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { apiDocumentOf } from '@smi/service-kit';
import { AppModule as Forecasting } from '../services/forecasting/src/app.module';
import { AppModule as InventoryIngest } from '../services/inventory-ingest/src/app.module';
import { AppModule as Notification } from '../services/notification/src/app.module';
import { AppModule as Replenishment } from '../services/replenishment/src/app.module';
import { AppModule as Shipment } from '../services/shipment/src/app.module';
import { AppModule as SlaMonitor } from '../services/sla-monitor/src/app.module';

/**
 * Every route of every service is described for a caller who reads only /docs: what it answers (summary and
 * description), the shape of its success answer, and the key it needs. The documents are built from the
 * controllers' decorators, as each service builds them at boot, without a broker or a database: Nest's preview
 * mode resolves the modules and controllers but creates no provider.
 */
const SERVICES: Array<[string, Type<unknown>]> = [
  ['inventory-ingest', InventoryIngest],
  ['forecasting', Forecasting],
  ['replenishment', Replenishment],
  ['shipment', Shipment],
  ['sla-monitor', SlaMonitor],
  ['notification', Notification],
];

/** The only operations anyone may call without a key. */
const PUBLIC_OPERATIONS = ['GET /health'];

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const operationsOf = (document: OpenAPIObject): Array<[string, Operation]> =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  );

describe.each(SERVICES)('the API description of %s', (service, appModule) => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let operations: Array<[string, Operation]>;

  beforeAll(async () => {
    app = await NestFactory.create(appModule, { preview: true, logger: false });
    document = apiDocumentOf(app, service);
    operations = operationsOf(document);
  });

  afterAll(() => app.close());

  it('is titled with the service and names the API key schemes', () => {
    expect(document.info.title).toBe(service);
    expect(document.components?.securitySchemes).toEqual({
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.security).toEqual([{ 'api-key': [] }, { bearer: [] }]);
  });

  it('lists the routes every service shares, and its own', () => {
    const routes = operations.map(([route]) => route);
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'GET /dead-letters', 'POST /dead-letters/{id}/replay']));
    expect(routes.length).toBeGreaterThan(4);
  });

  it('gives every route a tag, a summary and a description', () => {
    const undescribed = operations
      .filter(([, op]) => !op.summary?.trim() || !op.description?.trim() || !op.tags?.length)
      .map(
        ([route, op]) =>
          `${route} (${[!op.summary?.trim() && 'summary', !op.description?.trim() && 'description', !op.tags?.length && 'tag'].filter(Boolean).join(', ')})`,
      );
    expect(undescribed).toEqual([]);
  });

  it('documents the success answer of every route with its schema', () => {
    const withoutSuccess = operations
      .filter(
        ([, op]) =>
          !Object.entries(op.responses).some(
            // 204 No Content is the one success that has no body to describe.
            ([status, r]) => status === '204' || (/^2\d\d$/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema)),
          ),
      )
      .map(([route]) => route);
    expect(withoutSuccess).toEqual([]);
  });

  it('asks for the API key on every route but the public ones', () => {
    const keyless = operations.filter(([, op]) => (op.security ?? document.security ?? []).length === 0).map(([route]) => route);
    expect(keyless.sort()).toEqual(PUBLIC_OPERATIONS.filter((route) => operations.some(([r]) => r === route)));
  });

  it('describes every field of every schema', () => {
    const schemas = (document.components?.schemas ?? {}) as Record<string, { properties?: Record<string, { description?: string }> }>;
    const undescribed = Object.entries(schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => !property.description?.trim())
        .map(([field]) => `${name}.${field}`),
    );
    expect(undescribed).toEqual([]);
  });
});
