import { topicNamespace, topics } from '@smi/contracts';
import { REPO_ROOT } from '@smi/testing';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { BenchRun } from './bench-run';
import { movement } from './workload';

export interface RawKafkaResult {
  records: number;
  recordBytes: number;
  perSecond: number;
  /** The tool's own summary line. */
  summary: string;
}

const KAFKA_LIBS = resolve(REPO_ROOT, '.local/kafka-libs');

/**
 * The broker's own rate: Kafka's ProducerPerformance (from the kafka-tools jar that
 * `bash deploy/local-stack.sh provision` puts beside the broker's) sending records of a
 * StockMovement's encoded size, acks=all, to a topic of the run with the movements topic's partitions.
 */
export async function measureRawKafka(run: BenchRun, records: number): Promise<RawKafkaResult> {
  if (!existsSync(KAFKA_LIBS) || !readdirSync(KAFKA_LIBS).some((file) => /^kafka-tools-\d.*\.jar$/.test(file))) {
    throw new Error("Kafka's tools jar is missing from .local/kafka-libs: run `bash deploy/local-stack.sh provision`");
  }
  const sample = movement(
    'bench-buyer-00000000',
    { siteId: 'bench-site-0', itemId: 'item-0' },
    'bench-buyer-00000000-0-1',
    'CONSUMPTION',
    1,
  );
  const recordBytes = (await run.codec.encode(topics.stockMovements, sample)).length;
  const topic = `${topicNamespace()}producer-performance`;
  await run.admin.createTopics({
    topics: [{ topic, numPartitions: topics.stockMovements.partitions, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  // Past the run's time limit the tool is stopped and the bench gives up.
  const { stdout } = await promisify(execFile)(
    'java',
    [
      '-Xms64m',
      '-Xmx256m',
      '-cp',
      `${KAFKA_LIBS}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(recordBytes),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${process.env.KAFKA_BROKERS}`,
      'acks=all',
    ],
    { maxBuffer: 16 * 1024 * 1024, timeout: run.limit.remainingMs() },
  );
  // The last line sums the run up: "N records sent, R records/sec (M MB/sec), ... ms avg latency, ...".
  const summary = stdout
    .trim()
    .split('\n')
    .filter((line) => line.includes('records sent'))
    .at(-1);
  const rate = summary?.match(/([\d.]+) records\/sec/);
  if (!summary || !rate) throw new Error(`ProducerPerformance printed no summary:\n${stdout}`);
  return { records, recordBytes, perSecond: Number(rate[1]), summary };
}
