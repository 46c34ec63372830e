import type { Admin } from 'kafkajs';
import { readPartitionLag, topicsSubscribed } from './consumer-lag';

/** The answers a broker's admin API gives for two partitions of one topic and a few others. */
const brokerAnswering = (committed: string[]): Admin =>
  ({
    fetchTopicOffsets: async () => [
      { partition: 0, low: '10', high: '25', offset: '25' },
      { partition: 1, low: '0', high: '7', offset: '7' },
    ],
    fetchOffsets: async ({ topics }: { topics: string[] }) =>
      topics.map((topic) => ({ topic, partitions: committed.map((offset, partition) => ({ partition, offset, metadata: null })) })),
    listTopics: async () => ['movements', 'in.acme.stock-movements.v1', 'in.globex.stock-movements.v1', 'orders'],
  }) as unknown as Admin;

describe('consumer lag from admin offsets', () => {
  it('is the high watermark less the committed offset, per partition', async () => {
    const lags = await readPartitionLag(brokerAnswering(['20', '7']), 'g', ['movements']);
    expect(lags.map(({ partition, committed, lag }) => ({ partition, committed, lag }))).toEqual([
      { partition: 0, committed: 20, lag: 5 },
      { partition: 1, committed: 7, lag: 0 },
    ]);
  });

  it('counts from the oldest record kept where the group committed nothing yet', async () => {
    const lags = await readPartitionLag(brokerAnswering(['-1', '-1']), 'g', ['movements']);
    expect(lags.map(({ position, lag, committed }) => ({ position, lag, committed }))).toEqual([
      { position: 10, lag: 15, committed: -1 },
      { position: 0, lag: 7, committed: -1 },
    ]);
  });

  it('finds the per-party topics a pattern subscription reads, beside the named ones', async () => {
    const topics = await topicsSubscribed(brokerAnswering([]), ['movements', /^in\.([^.]+)\.stock-movements\.v1$/]);
    expect(topics.sort()).toEqual(['in.acme.stock-movements.v1', 'in.globex.stock-movements.v1', 'movements']);
  });
});
