/** The platform's REST APIs as the demo's parties call them (each names itself by its API key). */

export const SERVICE_URLS = {
  ingest: process.env.INGEST_URL ?? 'http://localhost:3001',
  forecasting: process.env.FORECASTING_URL ?? 'http://localhost:3002',
  replenishment: process.env.REPLENISHMENT_URL ?? 'http://localhost:3003',
  shipment: process.env.SHIPMENT_URL ?? 'http://localhost:3004',
  slaMonitor: process.env.SLA_MONITOR_URL ?? 'http://localhost:3005',
  notification: process.env.NOTIFICATION_URL ?? 'http://localhost:3006',
} as const;

export type Service = keyof typeof SERVICE_URLS;

export const API_KEYS = {
  buyer: process.env.DEMO_BUYER_KEY ?? 'demo-acme-key',
  supplier: process.env.DEMO_SUPPLIER_KEY ?? 'demo-northwind-key',
} as const;

export type Caller = keyof typeof API_KEYS;

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
}

async function call<T>(caller: Caller, service: Service, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(`${SERVICE_URLS[service]}${path}`, {
    method,
    headers: { 'x-api-key': API_KEYS[caller], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // CSV, HTML or a plain-text error: the text is the body.
  }
  return { status: response.status, body: parsed as T, text };
}

export const getAs = <T>(caller: Caller, service: Service, path: string) => call<T>(caller, service, 'GET', path);
export const postAs = <T>(caller: Caller, service: Service, path: string, body: unknown) => call<T>(caller, service, 'POST', path, body);
