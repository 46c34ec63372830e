import { StockMovement, topicNamespace, topics } from '@smi/contracts';
import { confluentClientPython, KafkaTestClient, ServiceProcess, startServiceProcess, uniqueId } from '@smi/testing';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const READER = resolve(__dirname, 'confluent-avro-reader.py');

/**
 * inventory-ingest's read-only registry, used the way a user without a registry of their own
 * would: Confluent's client (librdkafka and its AvroDeserializer, from PyPI) reads a record the
 * platform's codec wrote, fetching the writer's schema from the endpoint with the API key as
 * the URL's user name.
 */
describe("inventory-ingest's schema registry endpoint, read by Confluent's client", () => {
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
  const endpointWithKey = (key: string | null) => {
    const url = new URL(ingest.baseUrl);
    if (key) url.username = key;
    return url.toString().replace(/\/$/, '');
  };
  const readWithConfluentClient = (registryUrl: string) =>
    run(python, [READER, topic, registryUrl, '1'], { env: process.env, timeout: 90_000 });

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

  it('serves the writer schema behind the record, so the client decodes it to the values the platform wrote', async () => {
    const { stdout } = await readWithConfluentClient(endpointWithKey('demo-acme-key'));
    const [value] = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(value).toEqual({
      eventId: movement.eventId,
      buyerId: 'acme-motors',
      siteId: 'plant-1',
      itemId: 'brake-pad',
      kind: 'CONSUMPTION',
      quantity: 12.5,
      unit: 'EA',
      occurredAt: '2026-03-02 08:15:00+00:00',
      source: 'erp',
      orderReference: 'PO-77',
    });
  });

  it('answers a client without an API key with 401, which the client reports', async () => {
    await expect(readWithConfluentClient(endpointWithKey(null))).rejects.toMatchObject({ stderr: expect.stringMatching(/401/) });
  });
});
