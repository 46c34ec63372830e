import { deadLetterTopicOf, StockMovement, topics } from '@smi/contracts';
import { eventually, KafkaTestClient, serviceLogFile, ServiceProcess, startServiceProcess, uniqueId, writeTestParties } from '@smi/testing';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** ms from sending the headers to the end of the answer. */
  tookMs: number;
}

/**
 * One request through node:http, so a test can choose the client address (any 127.x.y.z reaches
 * loopback), declare a body longer than it sends, and time the answer.
 */
function send(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; end?: boolean } = {},
): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  const started = Date.now();
  return new Promise((resolveResponse, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolveResponse({ status: response.statusCode ?? 0, headers: response.headers, body, tookMs: Date.now() - started }),
        );
      },
    );
    request.on('error', reject);
    if (options.body !== undefined) request.write(options.body);
    // A request left open is one whose body is still "on its way".
    if (options.end !== false) request.end();
  });
}

/** ms until the server closes a connection that sent `bytes` and then nothing more. */
function closedAfter(port: number, bytes: string): Promise<number> {
  return new Promise((resolveClosed, reject) => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(bytes));
    socket.on('data', () => undefined);
    socket.on('error', reject);
    socket.on('close', () => resolveClosed(Date.now() - started));
  });
}

/** Addresses with a listening TCP socket on `port`, from the kernel's socket tables (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
    existsSync(table)
      ? readFileSync(table, 'utf8')
          .split('\n')
          .slice(1)
          .map((line) => line.trim().split(/\s+/))
          .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
          .map((fields) => fields[1].split(':')[0])
      : [],
  );
}

describe('HTTP hardening of every service (service-kit; inventory-ingest as the example)', () => {
  const parties = writeTestParties();
  const { keys } = parties;
  let ingest: ServiceProcess;
  let limited: ServiceProcess;
  let kafka: KafkaTestClient;

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    // One after the other: two instances migrating one database at once would race.
    ingest = await startServiceProcess('inventory-ingest', {
      SMI_PARTIES_FILE: parties.file,
      SMI_HTTP_REQUEST_TIMEOUT_MS: '3000',
      SMI_HTTP_HEADERS_TIMEOUT_MS: '2000',
    });
    limited = await startServiceProcess('inventory-ingest', {
      SMI_PARTIES_FILE: parties.file,
      SMI_RATE_LIMIT_PER_KEY_PER_MINUTE: '3',
      SMI_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '10',
    });
  });

  afterAll(async () => {
    await Promise.all([ingest?.stop(), limited?.stop()]);
    await kafka?.disconnect();
  });

  it('sends security headers and no X-Powered-By', async () => {
    for (const path of ['/health', '/stock-levels']) {
      const response = await fetch(`${ingest.baseUrl}${path}`, { headers: { 'x-api-key': keys.buyer } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('listens on loopback only unless SMI_HTTP_HOST says otherwise', () => {
    // 0100007F is 127.0.0.1 in the kernel's byte order; 00000000 (or :: in tcp6) would be every interface.
    expect(listeningAddresses(ingest.port)).toEqual(['0100007F']);
  });

  it('answers 429 with Retry-After past the limit of a key, and past the limit of a client address, each counted apart', async () => {
    const asBuyer = () => send(limited.baseUrl, '/stock-levels', { headers: { 'x-api-key': keys.buyer }, localAddress: '127.0.0.2' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await asBuyer()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await asBuyer();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Another key from the same address still has its own allowance.
    expect(
      (await send(limited.baseUrl, '/stock-levels', { headers: { 'x-api-key': keys.supplier }, localAddress: '127.0.0.2' })).status,
    ).toBe(200);

    // Without any key, the address is what is counted: 10 a minute here.
    const anonymous = [];
    for (let i = 0; i < 11; i += 1) anonymous.push((await send(limited.baseUrl, '/health', { localAddress: '127.0.0.3' })).status);
    expect(anonymous.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(anonymous[10]).toBe(429);
    expect((await send(limited.baseUrl, '/health', { localAddress: '127.0.0.4' })).status).toBe(200);
  });

  it('refuses a body sent without a known key before reading it: 401 at once, the connection closed', async () => {
    const fiftyMegabytes = String(50 * 1024 * 1024);
    const withoutKnownKey: Array<Record<string, string>> = [{}, { 'x-api-key': 'not-a-key' }];
    for (const headers of withoutKnownKey) {
      // Only 1 KB of the declared 50 MB is ever sent: an answer proves the server did not wait for the rest.
      const answer = await send(ingest.baseUrl, '/stock-movements', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': fiftyMegabytes, ...headers },
        body: '['.padEnd(1024, ' '),
        end: false,
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.connection).toBe('close');
      expect(answer.tookMs).toBeLessThan(1000);
    }
    // With a key, a body declared over the limit is refused (413) at once too, where it used to be read to the end first.
    const tooLarge = await send(ingest.baseUrl, '/stock-movements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': fiftyMegabytes, 'x-api-key': keys.buyer },
      body: '[',
      end: false,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.tookMs).toBeLessThan(1000);
    expect(JSON.parse(tooLarge.body)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });

    // A small gzip body that inflates to 50 MB is measured inflated: 413 as well.
    const bomb = await fetch(`${ingest.baseUrl}/stock-movements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-api-key': keys.buyer },
      body: gzipSync(Buffer.alloc(50 * 1024 * 1024, ' ')),
    });
    expect(bomb.status).toBe(413);
  });

  it('drops a half-sent request once the request timeout has passed (3 s here), where it used to hold it 301 s', async () => {
    const halfBody = await closedAfter(
      ingest.port,
      `POST /stock-movements HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: ${keys.buyer}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n[`,
    );
    expect(halfBody).toBeGreaterThanOrEqual(2500);
    expect(halfBody).toBeLessThan(6000);
    const halfHeaders = await closedAfter(ingest.port, `GET /stock-levels HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: ${keys.buyer}\r\n`);
    expect(halfHeaders).toBeLessThan(5000);
  });

  it('answers 400 to a control character in a path parameter or a query, where a NUL used to give 500', async () => {
    const auth = { 'x-api-key': keys.operator };
    for (const path of [
      '/stock-levels?siteId=a%00b',
      '/subjects/smi%00/versions/1',
      '/stock-levels?siteId=line%0Abreak',
      '/schemas/ids/1%7F',
    ]) {
      const response = await fetch(`${ingest.baseUrl}${path}`, { headers: auth });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(await response.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    expect((await fetch(`${ingest.baseUrl}/stock-levels?siteId=plain`, { headers: auth })).status).toBe(200);
  });

  it('writes one JSON object a line: a client id with a newline in it cannot forge a log line', async () => {
    const marker = uniqueId('forged');
    const eventId = `${marker}\n{"level":"log","message":"${marker} FORGED"}`;
    const rejected: StockMovement = {
      eventId,
      buyerId: parties.buyer,
      siteId: uniqueId('site'),
      itemId: uniqueId('item'),
      kind: 'CONSUMPTION',
      quantity: -4,
      unit: 'EA',
      occurredAt: new Date(),
      source: 'test',
      orderReference: null,
    };
    await kafka.publish(topics.stockMovements, rejected);
    await kafka.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.headers['smi-event-id'] === eventId);
    // Either instance (one consumer group) may have taken the record.
    const linesWithMarker = () =>
      [ingest, limited].flatMap((service) =>
        readFileSync(serviceLogFile(service), 'utf8')
          .split('\n')
          .filter((line) => line.includes(marker)),
      );
    await eventually(() => linesWithMarker().length > 0, 'the dead letter to be logged', 10_000);
    const lines = linesWithMarker();
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'warn' });
    expect(entry.message).toContain(eventId);
  });
});
