import { StockMovement, topicNamespace, topics } from '@smi/contracts';
import { confluentClientPython, KafkaTestClient, REPO_ROOT, ServiceProcess, startServiceProcess, uniqueId } from '@smi/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const CLIENT = resolve(__dirname, 'confluent-avro-client.py');

/**
 * inventory-ingest's read-only registry, used as a buyer without a registry of its own would:
 * with Confluent's client (librdkafka and its Avro serdes, from PyPI), the API key as the URL's
 * user name. It reads a record the platform wrote, and writes one the platform applies, looking
 * the schema's id up at the endpoint instead of registering it.
 */
describe("inventory-ingest's schema registry endpoint, used by Confluent's client", () => {
  let ingest: ServiceProcess;
  let kafka: KafkaTestClient;
  let python: string;
  const topic = `${topicNamespace()}registry-readers.${uniqueId('movements')}`;
  const movement: StockMovement = {
    eventId: uniqueId('mv'),
    buyerId: 'acme-motors',
    siteId: 'plant-1',
    itemId: 'brake-pad',
    kind: 'CONSUMPTION',
    quantity: 12.5,
    unit: 'EA',
    occurredAt: new Date('2026-03-02T08:15:00Z'),
    source: 'erp',
    orderReference: 'PO-77',
  };
  const endpoint = (key: string | null) => {
    const url = new URL(ingest.baseUrl);
    if (key) url.username = key;
    return url.toString().replace(/\/$/, '');
  };
  /** Runs the client; resolves with its output, or rejects with its exit and stderr. */
  const confluentClient = (args: string[], input = '', env: Record<string, string> = {}) =>
    new Promise<string>((resolvePromise, reject) => {
      const child = execFile(python, [CLIENT, ...args], { env: { ...process.env, ...env }, timeout: 90_000 }, (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stderr })) : resolvePromise(stdout),
      );
      child.stdin!.end(input);
    });

  beforeAll(async () => {
    python = confluentClientPython();
    ingest = await startServiceProcess('inventory-ingest', {});
    kafka = new KafkaTestClient();
    const admin = kafka.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    await kafka.publishRaw(topic, 'acme-motors|plant-1|brake-pad', await kafka.codec.encode(topics.stockMovements, movement));
  });

  afterAll(async () => {
    await ingest?.stop();
    await kafka?.disconnect();
  });

  it('serves the writer schema behind a record the platform wrote, so the client decodes it to the same values', async () => {
    const stdout = await confluentClient(['read', topic, endpoint('demo-acme-key'), '1']);
    expect(JSON.parse(stdout.trim())).toEqual({ ...movement, occurredAt: '2026-03-02 08:15:00+00:00' });
  });

  it('answers a client without an API key with 401, which the client reports', async () => {
    await expect(confluentClient(['read', topic, endpoint(null), '1'])).rejects.toMatchObject({ stderr: expect.stringMatching(/401/) });
  });

  it("gives a writer the id of the platform's schema, so inventory-ingest applies what the buyer's system sent", async () => {
    const itemId = uniqueId('item');
    const sent = { ...movement, eventId: uniqueId('mv'), itemId, kind: 'RECEIPT', quantity: 30, occurredAt: Date.now() };
    await confluentClient(
      [
        'write',
        topics.stockMovements.name,
        endpoint('demo-acme-key'),
        'smi.stock-movements.v1-value',
        resolve(REPO_ROOT, 'schemas', topics.stockMovements.schemaFile),
      ],
      JSON.stringify({ key: `acme-motors|plant-1|${itemId}`, value: sent }) + '\n',
      { TIMESTAMPS: 'occurredAt' },
    );
    const [level] = await kafka.waitFor(topics.stockLevels, (l) => l.itemId === itemId);
    expect(level.value).toMatchObject({ buyerId: 'acme-motors', siteId: 'plant-1', itemId, onHand: 30, movementId: sent.eventId });
  });

  it('refuses to look up a schema the platform does not publish under the subject', async () => {
    const changed = JSON.stringify({ type: 'record', name: 'StockMovement', fields: [{ name: 'eventId', type: 'string' }] });
    const response = await fetch(`${ingest.baseUrl}/subjects/smi.stock-movements.v1-value`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json', 'x-api-key': 'demo-acme-key' },
      body: JSON.stringify({ schema: changed }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error_code: 40403 });
  });
});
