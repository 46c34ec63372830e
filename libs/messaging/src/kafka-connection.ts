import { Kafka, logCreator, LogEntry, logLevel } from 'kafkajs';

export function kafkaBrokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const brokers = env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (for example localhost:19092)');
  return brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * kafkajs warns that a bounded retry count on an idempotent producer may break
 * exactly-once guarantees. We bound retries on purpose (a REST caller must get
 * an answer when the broker is gone) and rely on event ids plus consumer inboxes,
 * not on producer exactly-once, so the warning is noise here.
 */
const IGNORED_WARNINGS = ['Limiting retries for the idempotent producer'];

const platformLogCreator: logCreator =
  () =>
  ({ namespace, level, label, log }: LogEntry) => {
    if (level === logLevel.WARN && IGNORED_WARNINGS.some((w) => log.message.startsWith(w))) return;
    const { message, ...extra } = log;
    const line = JSON.stringify({ level: label, logger: 'kafkajs', namespace, message, ...extra });
    if (level <= logLevel.ERROR) console.error(line);
    else console.warn(line);
  };

export function createKafka(clientId: string, brokers: string[] = kafkaBrokersFromEnv()): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: platformLogCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * Consumer group of a service: one per service, so each service sees every event once.
 * SMI_CONSUMER_GROUP_PREFIX gives a test run or a benchmark groups of its own on a shared
 * broker, so it neither competes with a running demo nor inherits its backlog.
 */
export const consumerGroupOf = (service: string, env: NodeJS.ProcessEnv = process.env): string =>
  `${env.SMI_CONSUMER_GROUP_PREFIX ?? 'smi'}.${service}`;
