import { topicNamespace, topics } from '@smi/contracts';
import { REPO_ROOT } from '@smi/testing';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** A properties file of the Java client for the principal and TLS this process uses (see kafkaSecurityFromEnv in libs/messaging). */
function javaClientConfigFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'smi-bench-')), 'producer.properties');
  writeFileSync(file, javaClientSecurity().join('\n') + '\n', { mode: 0o600 });
  return file;
}

function javaClientSecurity(env: NodeJS.ProcessEnv = process.env): string[] {
  const mechanism = env.KAFKA_SASL_MECHANISM?.toUpperCase();
  const tls = Boolean(env.KAFKA_SSL_CA_FILE);
  if (!mechanism)
    return tls ? ['security.protocol=SSL', `ssl.truststore.location=${env.KAFKA_SSL_CA_FILE}`, 'ssl.truststore.type=PEM'] : [];
  const module = mechanism === 'PLAIN' ? 'plain.PlainLoginModule' : 'scram.ScramLoginModule';
  return [
    `security.protocol=${tls ? 'SASL_SSL' : 'SASL_PLAINTEXT'}`,
    `sasl.mechanism=${mechanism}`,
    `sasl.jaas.config=org.apache.kafka.common.security.${module} required username="${env.KAFKA_SASL_USERNAME}" password="${env.KAFKA_SASL_PASSWORD}";`,
    ...(tls ? [`ssl.truststore.location=${env.KAFKA_SSL_CA_FILE}`, 'ssl.truststore.type=PEM'] : []),
  ];
}

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
      // The principal goes in a file: --producer-props cannot carry a value with '=' in it (the JAAS line).
      '--producer.config',
      javaClientConfigFile(),
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
