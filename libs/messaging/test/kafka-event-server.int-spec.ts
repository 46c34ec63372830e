import { startTelemetry } from '@smi/telemetry';
startTelemetry('messaging-test');

import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { deadLetterTopicOf, Notification, topics } from '@smi/contracts';
import { bootService, RunningService, ServiceKitModule } from '@smi/service-kit';
import { KafkaTestClient, queryDatabase, uniqueId } from '@smi/testing';
import { DEAD_LETTER_HEADERS, ensureTopics, EventContext } from '../src';

const SERVICE = 'messaging-test';
const attempts = new Map<string, number>();

/**
 * A handler whose behaviour each test picks through the notification's subject:
 * 'ok' applies and announces, 'flaky-N' fails N times first, 'broken' always fails.
 */
@Controller()
class ProbeHandler {
  @EventPattern(topics.notifications.name)
  async onNotification(@Payload() event: Notification, @Ctx() ctx: EventContext): Promise<void> {
    const seen = (attempts.get(event.eventId) ?? 0) + 1;
    attempts.set(event.eventId, seen);
    const flaky = /^flaky-(\d+)$/.exec(event.subject);
    if (event.subject === 'broken') throw new Error(`broken handler for ${event.eventId}`);
    if (flaky && seen <= Number(flaky[1])) throw new Error(`transient failure ${seen}`);
    await ctx.manager.query('CREATE TABLE IF NOT EXISTS applied (event_id text PRIMARY KEY)');
    await ctx.manager.query('INSERT INTO applied (event_id) VALUES ($1)', [event.eventId]);
    await ctx.outbox.add(topics.notifications, { ...event, eventId: `${event.eventId}/echo`, recipientId: `${event.recipientId}-echo`, subject: 'echo' });
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
  const applied = (eventId: string) => queryDatabase(process.env.DATABASE_URL!, 'SELECT event_id FROM messaging_test.applied WHERE event_id = $1', [eventId]);

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
});
