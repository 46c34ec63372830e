import { readFileSync } from 'node:fs';
import { Kafka, KafkaConfig, logCreator, LogEntry, logLevel, SASLOptions } from 'kafkajs';

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

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Who this process is on the broker, and whether it talks TLS: KAFKA_SASL_MECHANISM (SCRAM-SHA-512,
 * SCRAM-SHA-256 or PLAIN), KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD; KAFKA_SSL_CA_FILE (PEM) turns TLS
 * on and trusts that CA. Without them the client connects in plaintext without a principal, as to a
 * broker without authentication.
 */
export function kafkaSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const security: Pick<KafkaConfig, 'sasl' | 'ssl'> = {};
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new Error(
        `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} (case-insensitive), not ${env.KAFKA_SASL_MECHANISM}`,
      );
    }
    const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
    if (!username || !password) throw new Error('KAFKA_SASL_MECHANISM is set, so KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must be too');
    security.sasl = { mechanism, username, password } as SASLOptions;
  }
  if (env.KAFKA_SSL_CA_FILE) security.ssl = { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] };
  return security;
}

export function createKafka(clientId: string, brokers: string[] = kafkaBrokersFromEnv(), env: NodeJS.ProcessEnv = process.env): Kafka {
  return new Kafka({
    clientId,
    brokers,
    ...kafkaSecurityFromEnv(env),
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
