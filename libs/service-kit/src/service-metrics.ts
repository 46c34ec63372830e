import { INestApplication } from '@nestjs/common';
import { deadLetterTopicOf } from '@smi/contracts';
import { KafkaEventServer } from '@smi/messaging';
import { platformMetrics, watchConsumerLag, withinMs } from '@smi/metrics';
import { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA_ADMIN } from './health.controller';

/**
 * What a service's /metrics reads at scrape time, besides what its code counts as it goes:
 * the rows waiting in its outbox, its consumer group's lag and the records on its dead-letter topic.
 */
export function observeService(app: INestApplication, events: KafkaEventServer, service: string): void {
  const metrics = platformMetrics();
  const dataSource = app.get(DataSource);
  metrics.onScrape(async () => {
    const [{ depth }] = await withinMs<Array<{ depth: number }>>(
      dataSource.query('SELECT count(*)::int AS depth FROM outbox'),
      5000,
      'counting the outbox',
    );
    metrics.outboxDepth.set(depth);
  });
  watchConsumerLag(metrics, app.get<Admin>(KAFKA_ADMIN), {
    // Called once the server listens: its subscriptions are known.
    groups: [{ groupId: events.consumerGroup, subscriptions: events.subscribedTo }].filter((g) => g.subscriptions.length > 0),
    deadLetterTopic: deadLetterTopicOf(service),
  });
}
