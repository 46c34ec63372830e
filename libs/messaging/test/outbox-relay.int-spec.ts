import { Notification, topics } from '@smi/contracts';
import { openServiceDatabase } from '@smi/persistence';
import { eventually, KafkaTestClient, queryDatabase, uniqueId } from '@smi/testing';
import { DataSource } from 'typeorm';
import {
  EventPublisher,
  messagingEntities,
  MessagingTables1764028800000,
  Outbox,
  OutboxRelay,
  ScopedInboxAndDeadLetters1796601600000,
} from '../src';

const SERVICE = 'relay-test';

/**
 * Two instances of one service (each its own connections and producer) relaying one outbox through
 * the real broker: every event goes out once, and a key's events keep the order they were written in.
 */
describe('OutboxRelay with two instances of a service', () => {
  let kafka: KafkaTestClient;
  const instances: Array<{ dataSource: DataSource; publisher: EventPublisher; relay: OutboxRelay }> = [];

  const notification = (recipientId: string, n: number): Notification => ({
    eventId: uniqueId('evt'),
    notificationId: uniqueId('n'),
    recipientId,
    channel: 'WEBHOOK',
    topic: 'TEST',
    subject: `event ${n}`,
    causedByEventId: 'x',
    status: 'DELIVERED',
    attempts: 1,
    lastError: null,
    completedAt: new Date(),
  });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    // One after the other: the first migrates the schema.
    for (let i = 0; i < 2; i++) {
      const dataSource = await openServiceDatabase({
        service: SERVICE,
        entities: messagingEntities,
        migrations: [MessagingTables1764028800000, ScopedInboxAndDeadLetters1796601600000],
      });
      const publisher = new EventPublisher(kafka.kafka, kafka.codec);
      instances.push({ dataSource, publisher, relay: new OutboxRelay(dataSource, publisher, { batchSize: 100 }) });
    }
  });

  afterAll(async () => {
    for (const { relay, publisher, dataSource } of instances) {
      await relay.stop();
      await publisher.disconnect();
      await dataSource.destroy();
    }
    await kafka?.disconnect();
  });

  it('publishes each event once, a key’s events in the order they were written, while both relay at once', async () => {
    const recipientId = uniqueId('recipient');
    const count = 1500;
    await instances[0].dataSource.transaction(async (manager) => {
      const outbox = new Outbox(manager, kafka.codec);
      for (let n = 0; n < count; n++) await outbox.add(topics.notifications, notification(recipientId, n));
      await outbox.flush();
    });
    for (const { relay } of instances) relay.start();
    await eventually(
      async () => (await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM relay_test.outbox LIMIT 1')).length === 0,
      'the outbox relayed',
    );
    const published = await kafka.readToEnd(topics.notifications, (n) => n.recipientId === recipientId);
    expect(published.map((n) => n.subject)).toEqual(Array.from({ length: count }, (_, n) => `event ${n}`));
  });
});
