import { startTelemetry } from '@smi/telemetry';
startTelemetry('messaging-test');

import { Controller, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { deadLetterTopicOf, Notification, topics } from '@smi/contracts';
import { bootService, RunningService, ServiceKitModule } from '@smi/service-kit';
import { KafkaTestClient, queryDatabase, uniqueId } from '@smi/testing';
import { ConsumeEvents, DEAD_LETTER_HEADERS, ensureTopics, Inbound, Transaction } from '../src';

const SERVICE = 'messaging-test';
const attempts = new Map<string, number>();
const runs: number[] = [];

/**
 * A batch handler whose behaviour each test picks through the notification's subject:
 * 'ok' applies and announces, 'flaky-N' fails N times first, 'broken' always fails. A run
 * holding a failing event fails whole, as a use case's unit of work would.
 */
@Controller()
class ProbeHandler {
  @ConsumeEvents(topics.notifications)
  async onNotifications(@Payload() events: Inbound<Notification>[], @Ctx() tx: Transaction): Promise<void> {
    runs.push(events.length);
    for (const { event } of events) {
      const seen = (attempts.get(event.eventId) ?? 0) + 1;
      attempts.set(event.eventId, seen);
      const flaky = /^flaky-(\d+)$/.exec(event.subject);
      if (event.subject === 'broken') throw new Error(`broken handler for ${event.eventId}`);
      if (flaky && seen <= Number(flaky[1])) throw new Error(`transient failure ${seen}`);
    }
    await tx.manager.query('CREATE TABLE IF NOT EXISTS applied (event_id text PRIMARY KEY)');
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
});
