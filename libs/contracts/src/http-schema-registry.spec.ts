import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AvroCodec } from './avro-codec';
import { HttpSchemaRegistry } from './schema-registry';
import { topics } from './topics';

/**
 * A stand-in speaking the two calls of the Confluent schema-registry API the
 * codec uses (register a version, fetch by id), to check what HttpSchemaRegistry
 * sends and how it reads the answers. docker-compose.yml runs the real registry.
 */
describe('HttpSchemaRegistry (Confluent REST API)', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ method: string; url: string; contentType?: string; authorization?: string; body: string }> = [];
  const registered: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (c) => (body += c));
      request.on('end', () => {
        requests.push({
          method: request.method!,
          url: request.url!,
          contentType: request.headers['content-type'],
          authorization: request.headers.authorization,
          body,
        });
        const register = /^\/subjects\/([^/]+)\/versions$/.exec(request.url!);
        if (request.method === 'POST' && register) {
          const schema = JSON.parse(body).schema as string;
          if (!registered.includes(schema)) registered.push(schema);
          response
            .writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' })
            .end(JSON.stringify({ id: 100 + registered.indexOf(schema) }));
          return;
        }
        const byId = /^\/schemas\/ids\/(\d+)$/.exec(request.url!);
        if (request.method === 'GET' && byId && registered[Number(byId[1]) - 100]) {
          response.writeHead(200).end(JSON.stringify({ schema: registered[Number(byId[1]) - 100] }));
          return;
        }
        response.writeHead(404).end(JSON.stringify({ error_code: 40403, message: 'Schema not found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => server.close());

  it('registers the schema under <topic>-value, writes its id, and reads values back by id', async () => {
    const writer = new AvroCodec(new HttpSchemaRegistry(baseUrl));
    const bytes = await writer.encode(topics.slaBreaches, {
      eventId: 'e1',
      kind: 'PENALTY',
      agreementId: 'A',
      buyerId: 'B',
      supplierId: 'S',
      siteId: 'site',
      itemId: 'item',
      occurredAt: new Date('2026-03-01T00:00:00Z'),
      period: '2026-03',
      stockoutsInPeriod: 2,
      allowedStockoutsPerPeriod: 1,
      penaltyAmount: 250,
      currency: 'EUR',
      stockLevelEventId: 'lvl',
    });
    expect(bytes.readInt32BE(1)).toBe(100);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/subjects/smi.sla-breaches.v1-value/versions',
      contentType: 'application/vnd.schemaregistry.v1+json',
    });

    const reader = new AvroCodec(new HttpSchemaRegistry(baseUrl));
    expect(await reader.decode(topics.slaBreaches, bytes)).toMatchObject({ eventId: 'e1', penaltyAmount: 250 });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toContain('GET /schemas/ids/100');
  });

  it('asks the registry once per schema, then uses its cache', async () => {
    const codec = new AvroCodec(new HttpSchemaRegistry(baseUrl));
    const before = requests.length;
    const value = {
      eventId: 'x',
      notificationId: 'n',
      recipientId: 'r',
      channel: 'WEBHOOK' as const,
      topic: 'T',
      subject: 's',
      causedByEventId: 'c',
      status: 'DELIVERED' as const,
      attempts: 1,
      lastError: null,
      completedAt: new Date(),
    };
    await codec.encode(topics.notifications, value);
    await codec.encode(topics.notifications, { ...value, eventId: 'y' });
    expect(requests.length - before).toBe(1);
  });

  it('sends credentials written in the URL as HTTP Basic, as the Confluent clients and kcat do', async () => {
    const registry = new HttpSchemaRegistry(baseUrl.replace('http://', 'http://demo-acme-key@'));
    await registry.idFor('smi.notifications.v1-value', { type: 'string' });
    expect(requests[requests.length - 1]).toMatchObject({
      url: '/subjects/smi.notifications.v1-value/versions',
      authorization: `Basic ${Buffer.from('demo-acme-key:').toString('base64')}`,
    });
  });

  it('reports an id the registry does not know as undecodable', async () => {
    const codec = new AvroCodec(new HttpSchemaRegistry(baseUrl));
    await expect(codec.decode(topics.notifications, Buffer.from([0, 0, 0, 3, 231, 2]))).rejects.toThrow(/schema id 999 is unknown: .*404/);
  });
});
