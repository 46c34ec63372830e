import { startTelemetry } from '@smi/telemetry';
startTelemetry('messaging-test');

import { Controller, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { deadLetterTopicOf, Notification, topics } from '@smi/contracts';
import { bootService, RunningService, ServiceKitModule } from '@smi/service-kit';
import { KafkaTestClient, queryDatabase, uniqueId } from '@smi/testing';
import { ConsumeEvents, DEAD_LETTER_HEADERS, ensureTopics, Inbound, Rejection, REPLAY_OF_HEADER, Transaction } from '../src';

const SERVICE = 'messaging-test';
const attempts = new Map<string, number>();
const runs: number[] = [];

/**
 * A batch handler whose behaviour each test picks through the notification's subject:
 * 'ok' applies and announces, 'flaky-N' fails N times first, 'broken' always fails, 'bad-data'
 * fails in Postgres (a division by zero, SQLSTATE 22012), 'needs-fix' is refused until a row
 * names it in the fixes table. A run holding a failing event fails whole, as a use case's unit
 * of work would.
 */
@Controller()
class ProbeHandler {
  @ConsumeEvents(topics.notifications)
  async onNotifications(@Payload() all: Inbound<Notification>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    runs.push(all.length);
    for (const { event } of all) {
      const seen = (attempts.get(event.eventId) ?? 0) + 1;
      attempts.set(event.eventId, seen);
      const flaky = /^flaky-(\d+)$/.exec(event.subject);
      if (event.subject === 'broken') throw new Error(`broken handler for ${event.eventId}`);
      if (flaky && seen <= Number(flaky[1])) throw new Error(`transient failure ${seen}`);
      if (event.subject === 'bad-data') await tx.manager.query('SELECT 1 / (length($1) - length($1))', [event.eventId]);
    }
    const waiting = all.filter((e) => e.event.subject === 'needs-fix').map((e) => e.event.eventId);
    const fixed: Array<{ event_id: string }> =
      waiting.length === 0 ? [] : await tx.manager.query('SELECT event_id FROM fixes WHERE event_id = ANY($1)', [waiting]);
    const rejections = all
      .filter((e) => waiting.includes(e.event.eventId) && !fixed.some((f) => f.event_id === e.event.eventId))
      .map((record) => ({ record, reason: 'waiting for a fix' }));
    const events = all.filter((e) => !rejections.some((r) => r.record === e));
    await tx.manager.query('INSERT INTO applied (event_id) SELECT unnest($1::text[])', [events.map((e) => e.event.eventId)]);
    for (const inbound of events) {
      const { event } = inbound;
      if (event.subject === 'echo') continue;
      await tx.outbox.add(
        topics.notifications,
        { ...event, eventId: `${event.eventId}/echo`, recipientId: `${event.recipientId}-echo`, subject: 'echo' },
        inbound,
      );
    }
    return rejections;
  }
}

@Module({ imports: [ServiceKitModule.forService({ service: SERVICE })], controllers: [ProbeHandler] })
class ProbeModule {}

describe('KafkaEventServer (Nest transport over kafkajs, inbox and outbox in Postgres)', () => {
  let service: RunningService;
  let kafka: KafkaTestClient;
  const notification = (subject: string): Notification => ({
    eventId: uniqueId('evt'),
    notificationId: uniqueId('n'),
    recipientId: uniqueId('probe'),
    channel: 'WEBHOOK',
    topic: 'TEST',
    subject,
    causedByEventId: 'x',
    status: 'DELIVERED',
    attempts: 1,
    lastError: null,
    completedAt: new Date(),
  });
  const applied = (eventId: string) =>
    queryDatabase(process.env.DATABASE_URL!, 'SELECT event_id FROM messaging_test.applied WHERE event_id = $1', [eventId]);
  const appliedOf = async (eventIds: string[]) =>
    (
      await queryDatabase<{ event_id: string }>(
        process.env.DATABASE_URL!,
        'SELECT event_id FROM messaging_test.applied WHERE event_id = ANY($1)',
        [eventIds],
      )
    ).map((r) => r.event_id);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    await ensureTopics(kafka.kafka, [{ topic: deadLetterTopicOf(SERVICE), numPartitions: 1, configEntries: [] }]);
    process.env.PORT = '3190';
    service = await bootService(ProbeModule, { service: SERVICE, defaultPort: 3190 });
    await queryDatabase(process.env.DATABASE_URL!, 'CREATE TABLE messaging_test.applied (event_id text PRIMARY KEY)');
    await queryDatabase(process.env.DATABASE_URL!, 'CREATE TABLE messaging_test.fixes (event_id text PRIMARY KEY)');
  });

  afterAll(async () => {
    await service?.app.close();
    await kafka?.disconnect();
  });

  it('applies an event once and publishes what it caused, in the trace it came with', async () => {
    const event = notification('ok');
    const traceId = 'abcdef01'.repeat(4);
    await kafka.publish(topics.notifications, event, { traceparent: `00-${traceId}-1111111111111111-01` });
    await kafka.publish(topics.notifications, event); // redelivery
    const [echo] = await kafka.waitFor(topics.notifications, (n) => n.eventId === `${event.eventId}/echo`, { settleMs: 1500 });
    expect(echo.headers.traceparent.split('-')[1]).toBe(traceId);
    expect(await applied(event.eventId)).toHaveLength(1);
    expect(attempts.get(event.eventId)).toBe(1);
  });

  it('retries a handler that fails for a while, then applies it once', async () => {
    const event = notification('flaky-2');
    await kafka.publish(topics.notifications, event);
    await kafka.waitFor(topics.notifications, (n) => n.eventId === `${event.eventId}/echo`);
    expect(attempts.get(event.eventId)).toBe(3);
    expect(await applied(event.eventId)).toHaveLength(1);
  });

  it('dead-letters a record that keeps failing, with the reason, and keeps consuming', async () => {
    const broken = notification('broken');
    const next = notification('ok');
    await kafka.publish(topics.notifications, broken);
    await kafka.publish(topics.notifications, next);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf(SERVICE), (r) => r.headers['smi-event-id'] === broken.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(`failed 5 times: broken handler for ${broken.eventId}`);
    expect(dead.headers[DEAD_LETTER_HEADERS.consumer]).toBe(SERVICE);
    // The original bytes are kept, so the record can be replayed once fixed.
    expect(await kafka.codec.decode(topics.notifications, dead.raw)).toMatchObject({ eventId: broken.eventId });
    await kafka.waitFor(topics.notifications, (n) => n.eventId === `${next.eventId}/echo`);
    expect(await applied(broken.eventId)).toHaveLength(0);
  });

  it('leaves no state behind for an event whose handler failed', async () => {
    const event = notification('flaky-1');
    await kafka.publish(topics.notifications, event);
    await kafka.waitFor(topics.notifications, (n) => n.eventId === `${event.eventId}/echo`, { settleMs: 1000 });
    // The failed first attempt rolled back: one row, one echo.
    expect(await applied(event.eventId)).toHaveLength(1);
    const echoes = await kafka.waitFor(topics.notifications, (n) => n.eventId === `${event.eventId}/echo`, { settleMs: 1000 });
    expect(echoes).toHaveLength(1);
  });

  it('dead-letters a poison record in the middle of a run of 500 alone, and applies the other 499 exactly once', async () => {
    const recipientId = uniqueId('run'); // one key: one partition, one run
    const batch = Array.from({ length: 500 }, (_, i) => ({ ...notification(i === 250 ? 'broken' : 'ok'), recipientId }));
    const poison = batch[250];
    runs.length = 0;
    await kafka.publisher.publishAll(topics.notifications, batch);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf(SERVICE), (r) => r.headers['smi-event-id'] === poison.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(`failed 5 times: broken handler for ${poison.eventId}`);
    const echoes = await kafka.waitFor(topics.notifications, (n) => n.recipientId === `${recipientId}-echo`, {
      count: 499,
      settleMs: 1500,
    });
    expect(new Set(echoes.map((e) => e.value.eventId)).size).toBe(499);
    expect(echoes).toHaveLength(499);
    const others = batch.filter((n) => n !== poison).map((n) => n.eventId);
    expect((await appliedOf(others)).sort()).toEqual([...others].sort());
    expect(await applied(poison.eventId)).toHaveLength(0);
    // Runs, not records: the 500 arrived in a handful of units of work (halving down to the poison), not 500.
    expect(Math.max(...runs)).toBeGreaterThan(100);
  });

  it('changes nothing when a whole batch is delivered again', async () => {
    const recipientId = uniqueId('again');
    const batch = Array.from({ length: 200 }, () => ({ ...notification('ok'), recipientId }));
    await kafka.publisher.publishAll(topics.notifications, batch);
    await kafka.waitFor(topics.notifications, (n) => n.recipientId === `${recipientId}-echo`, { count: 200 });
    const handledBefore = batch.map((n) => attempts.get(n.eventId));
    await kafka.publisher.publishAll(topics.notifications, batch); // the same 200 events again
    const marker = { ...notification('ok'), recipientId }; // behind them on the same partition
    await kafka.publish(topics.notifications, marker);
    await kafka.waitFor(topics.notifications, (n) => n.eventId === `${marker.eventId}/echo`);
    const echoes = await kafka.waitFor(topics.notifications, (n) => n.recipientId === `${recipientId}-echo`, {
      count: 201,
      settleMs: 1000,
    });
    expect(echoes).toHaveLength(201);
    expect(batch.map((n) => attempts.get(n.eventId))).toEqual(handledBefore);
    expect(await appliedOf(batch.map((n) => n.eventId))).toHaveLength(200);
  });

  it('dead-letters records Postgres refuses at once, without retrying them alone, and applies the rest of their run', async () => {
    const recipientId = uniqueId('data'); // one key: one partition
    const batch = Array.from({ length: 60 }, (_, i) => ({ ...notification(i % 3 === 1 ? 'bad-data' : 'ok'), recipientId }));
    const bad = batch.filter((n) => n.subject === 'bad-data').map((n) => n.eventId);
    const good = batch.filter((n) => n.subject === 'ok').map((n) => n.eventId);
    await kafka.publisher.publishAll(topics.notifications, batch);
    const dead = await kafka.waitForRaw(deadLetterTopicOf(SERVICE), (r) => bad.includes(r.headers['smi-event-id']), {
      count: bad.length,
    });
    expect(new Set(dead.map((d) => d.headers[DEAD_LETTER_HEADERS.reason]))).toEqual(new Set(['failed in the database: division by zero']));
    await kafka.waitFor(topics.notifications, (n) => n.recipientId === `${recipientId}-echo`, { count: good.length, settleMs: 1000 });
    expect((await appliedOf(good)).sort()).toEqual([...good].sort());
    expect(await appliedOf(bad)).toEqual([]);
    // Tried within its run's parts only (60, 30, 15, then alone): never the five attempts with backoff of a failure that may pass.
    expect(Math.max(...bad.map((id) => attempts.get(id) ?? 0))).toBeLessThanOrEqual(4);
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = (response: Response): Promise<any> => response.json();

  it('lets an operator list, inspect and replay a dead letter once its cause is fixed, and only once', async () => {
    const operator = 'demo-operator-key';
    const api = (path: string, key: string, method = 'GET') =>
      fetch(`http://localhost:${service.port}${path}`, { method, headers: { 'x-api-key': key } });
    const event = notification('needs-fix');
    await kafka.publish(topics.notifications, event);
    await kafka.waitForRaw(deadLetterTopicOf(SERVICE), (r) => r.headers['smi-event-id'] === event.eventId);

    const listed = (await json(await api(`/dead-letters?topic=${topics.notifications.name}&limit=100`, operator))).deadLetters.find(
      (d: { eventId: string }) => d.eventId === event.eventId,
    );
    expect(listed).toMatchObject({ topic: topics.notifications.name, reason: 'rejected: waiting for a fix', replayedAt: null });
    const inspected = await json(await api(`/dead-letters/${listed.id}`, operator));
    expect(inspected.event).toMatchObject({ eventId: event.eventId, subject: 'needs-fix' });
    expect(inspected.headers['smi-event-id']).toBe(event.eventId);
    // Buyers and suppliers are told nothing, not even that dead letters exist.
    expect((await api('/dead-letters', 'demo-acme-key')).status).toBe(404);
    expect((await api(`/dead-letters/${listed.id}`, 'demo-northwind-key')).status).toBe(404);
    expect((await api(`/dead-letters/${listed.id}/replay`, 'demo-acme-key', 'POST')).status).toBe(404);
    expect(await applied(event.eventId)).toHaveLength(0);

    await queryDatabase(process.env.DATABASE_URL!, 'INSERT INTO messaging_test.fixes (event_id) VALUES ($1)', [event.eventId]);
    const first = await api(`/dead-letters/${listed.id}/replay`, operator, 'POST');
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ id: listed.id, status: 'replayed' });
    const second = await api(`/dead-letters/${listed.id}/replay`, operator, 'POST');
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ id: listed.id, status: 'already-replayed' });

    const echoes = await kafka.waitFor(topics.notifications, (n) => n.eventId === `${event.eventId}/echo`, { settleMs: 1500 });
    expect(echoes).toHaveLength(1);
    expect(await applied(event.eventId)).toHaveLength(1);
    const resent = await kafka.waitFor(
      topics.notifications,
      (n, r) => n.eventId === event.eventId && r.headers[REPLAY_OF_HEADER] !== undefined,
    );
    expect(resent.map((r) => r.headers[REPLAY_OF_HEADER])).toEqual([listed.id]);
    expect((await api('/dead-letters/999999999', operator)).status).toBe(404);
  });
});
