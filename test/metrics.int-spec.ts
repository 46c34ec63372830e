import { deadLetterTopicOf, StockMovement, topics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import { KafkaTestClient, PrometheusServer, ServiceProcess, startServiceProcess, uniqueId, untilPasses } from '@smi/testing';

// The demo parties (deploy/seed/parties.json), which services started without SMI_PARTIES_FILE know.
const OPERATOR_KEY = 'demo-operator-key';
const BUYER_KEY = 'demo-acme-key';
const BUYER = 'acme-motors';
const BURST = 6000;

describe('metrics scraped by a real Prometheus', () => {
  let ingest: ServiceProcess;
  let prometheus: PrometheusServer;
  let kafka: KafkaTestClient;
  const topic = topics.stockMovements.name;
  const group = consumerGroupOf('inventory-ingest');
  const lagSum = `kafka_consumergroup_lag_sum{consumergroup="${group}",topic="${topic}"}`;
  const applied = `smi_records_applied_total{topic="${topic}"}`;

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    ingest = await startServiceProcess('inventory-ingest', {});
    prometheus = await PrometheusServer.start([{ job: 'inventory-ingest', baseUrl: ingest.baseUrl, bearer: OPERATOR_KEY }]);
    await untilPasses(async () => expect(await prometheus.scrapesSucceed()).toBe(true));
  });

  afterAll(async () => {
    await prometheus?.stop();
    await ingest?.stop();
    await kafka?.disconnect();
  });

  const movement = (siteId: string, itemId: string): StockMovement => ({
    eventId: uniqueId('mv'),
    buyerId: BUYER,
    siteId,
    itemId,
    kind: 'RECEIPT',
    quantity: 1,
    unit: 'EA',
    occurredAt: new Date(),
    source: 'metrics-test',
    orderReference: null,
  });

  const metricsWith = (key?: string) => fetch(`${ingest.baseUrl}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('shows /metrics to the operator only, in Prometheus text', async () => {
    const operator = await metricsWith(OPERATOR_KEY);
    expect(operator.status).toBe(200);
    expect(operator.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await operator.text();
    for (const name of [
      'http_requests_total',
      'kafka_consumergroup_lag',
      'smi_outbox_depth',
      'smi_dead_letter_records',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await metricsWith(BUYER_KEY)).status).toBe(404);
    expect((await metricsWith()).status).toBe(401);
  });

  it("shows a burst's lag while it is worked off, back to none after, and every record applied", async () => {
    // Caught up before the burst: what earlier suites of the run left on the topic is applied.
    await untilPasses(async () => expect(await prometheus.valueOf(lagSum)).toBe(0), 60_000);
    const before = (await prometheus.valueOf(applied)) ?? 0;
    const burstStarted = Date.now();
    const site = uniqueId('site');
    const movements = Array.from({ length: BURST }, (_, i) => movement(site, `item-${i % 50}`));
    // Written over a few seconds, in produce requests of 200: scrapes every second land while the service works it off
    // (it commits offsets once a second, so what came since its last commit is lag).
    for (let i = 0; i < movements.length; i += 200) {
      await kafka.publisher.publishAll(topics.stockMovements, movements.slice(i, i + 200));
      await new Promise((r) => setTimeout(r, 100));
    }

    await untilPasses(async () => {
      expect(await prometheus.valueOf(applied)).toBe(before + BURST);
      expect(await prometheus.valueOf(lagSum)).toBe(0);
    }, 120_000);
    const window = `${Math.ceil((Date.now() - burstStarted) / 1000) + 5}s`;
    const mostBehind = await prometheus.valueOf(`max_over_time(${lagSum}[${window}])`);
    console.log(`most records behind during the burst of ${BURST}: ${mostBehind}`);
    expect(mostBehind).toBeGreaterThan(0);
    // A scrape reads the lag from the broker and counts the outbox, beside the batches: inside the 1 s scrape timeout.
    const slowestScrape = await prometheus.valueOf(`max_over_time(scrape_duration_seconds{job="inventory-ingest"}[${window}])`);
    console.log(`slowest scrape during the burst: ${slowestScrape} s`);
    expect(slowestScrape).toBeLessThan(1);
    // Per partition too, under kafka_exporter's labels: each back to nothing behind.
    const partitions = await prometheus.query(`kafka_consumergroup_lag{consumergroup="${group}",topic="${topic}"}`);
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitions.every((p) => p.value === 0 && p.labels.partition !== undefined)).toBe(true);
    expect(await prometheus.valueOf(`smi_records_consumed_total{topic="${topic}"}`)).toBeGreaterThanOrEqual(before + BURST);
    expect((await prometheus.valueOf(`smi_records_dead_lettered_total{topic="${topic}"}`)) ?? 0).toBe(0);
    expect(await prometheus.valueOf('smi_outbox_depth')).toBeGreaterThanOrEqual(0);
  });

  it('counts repeats and dead letters per topic, and the records on the dead-letter topic', async () => {
    const valueNow = async (promql: string) => (await prometheus.valueOf(promql)) ?? 0;
    const duplicated = `smi_records_duplicated_total{topic="${topic}"}`;
    const deadLettered = `smi_records_dead_lettered_total{topic="${topic}"}`;
    const parked = `smi_dead_letter_records{topic="${deadLetterTopicOf('inventory-ingest')}"}`;
    const [duplicatedBefore, deadLetteredBefore, parkedBefore] = await Promise.all([duplicated, deadLettered, parked].map(valueNow));
    const once = movement(uniqueId('site'), 'item-a');
    await kafka.publish(topics.stockMovements, once);
    await kafka.publish(topics.stockMovements, once);
    await kafka.publishRaw(topic, 'not-avro', Buffer.from('not an Avro record'));
    await kafka.publishRaw(topic, 'not-avro', Buffer.from('nor this'));
    await untilPasses(async () => {
      expect(await valueNow(duplicated)).toBe(duplicatedBefore + 1);
      expect(await valueNow(deadLettered)).toBe(deadLetteredBefore + 2);
      expect(await valueNow(parked)).toBe(parkedBefore + 2);
    });
    // Stock levels went out through the outbox: each relayed row timed from its write to the broker's ack.
    expect(await valueNow('smi_outbox_relay_latency_seconds_count')).toBeGreaterThan(0);
  });

  it('counts HTTP calls by route pattern, never by raw path', async () => {
    const subjects = ['one', 'two', 'three'].map((s) => uniqueId(s));
    for (const subject of subjects) {
      await fetch(`${ingest.baseUrl}/subjects/${subject}/versions`, { headers: { 'x-api-key': BUYER_KEY } });
    }
    const refused = await fetch(`${ingest.baseUrl}/stock-levels`);
    expect(refused.status).toBe(401);
    const route = '/subjects/:subject/versions';
    await untilPasses(async () => {
      const calls = await prometheus.query(`sum by (status_code) (http_requests_total{method="GET",route="${route}"})`);
      expect(calls.reduce((sum, c) => sum + c.value, 0)).toBe(subjects.length);
      expect(await prometheus.valueOf(`count(http_request_duration_seconds_count{route="${route}"})`)).toBeGreaterThan(0);
      // Refused before any route took it: counted, under no path of its own.
      expect(await prometheus.valueOf('sum(http_requests_total{status_code="401"})')).toBeGreaterThanOrEqual(1);
    });
    const series = await prometheus.query('http_requests_total');
    expect(series.filter((s) => subjects.some((subject) => s.labels.route?.includes(subject)))).toEqual([]);
  });
});
