import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

export interface Infrastructure {
  kafkaBrokers: string;
  /**
   * The admin principal's KAFKA_SASL_* (and KAFKA_SSL_CA_FILE), and SMI_KAFKA_PRINCIPALS_FILE with
   * each service's password; empty for a broker without authentication (testcontainers' is one).
   */
  kafkaSecurity: Record<string, string>;
  databaseUrl: string;
  /** Where they came from, for the test log. */
  source: 'environment' | 'testcontainers' | 'local-stack';
  stop(): Promise<void>;
}

/**
 * The one place tests get a broker and a database from:
 * 1. KAFKA_BROKERS and DATABASE_URL when both are set (CI, a developer's own stack);
 * 2. otherwise containers, when a Docker engine answers;
 * 3. otherwise the local processes of deploy/local-stack.sh (a real Kafka and Postgres, no Docker).
 * Never a mock.
 */
const KAFKA_SECURITY_VARIABLES = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL_CA_FILE',
  'SMI_KAFKA_PRINCIPALS_FILE',
  'SMI_KAFKA_TLS_BROKERS',
  'SMI_KAFKA_TLS_CA_FILE',
];

export async function provideInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<Infrastructure> {
  if (env.KAFKA_BROKERS && env.DATABASE_URL) {
    const kafkaSecurity = Object.fromEntries(KAFKA_SECURITY_VARIABLES.filter((name) => env[name]).map((name) => [name, env[name]!]));
    return {
      kafkaBrokers: env.KAFKA_BROKERS,
      kafkaSecurity,
      databaseUrl: env.DATABASE_URL,
      source: 'environment',
      stop: async () => undefined,
    };
  }
  if (await dockerAnswers()) return startContainers();
  return startLocalStack();
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<Infrastructure> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer('apache/kafka:4.1.1').withKraft().start(),
    new PostgreSqlContainer('postgres:16-alpine').withDatabase('smi').withUsername('smi').withPassword('smi').start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    // The container's broker takes anyone: the broker ACL tests need the local stack's.
    kafkaSecurity: {},
    databaseUrl: postgres.getConnectionUri(),
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop()]);
    },
  };
}

function startLocalStack(): Infrastructure {
  const script = resolve(REPO_ROOT, 'deploy/local-stack.sh');
  execFileSync('bash', [script, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const value = exportsOf(script);
  return {
    kafkaBrokers: value('KAFKA_BROKERS'),
    kafkaSecurity: Object.fromEntries(
      KAFKA_SECURITY_VARIABLES.filter((name) => name !== 'KAFKA_SSL_CA_FILE').map((name) => [name, value(name)]),
    ),
    databaseUrl: value('DATABASE_URL'),
    source: 'local-stack',
    // The local stack is left running for the next run; `deploy/local-stack.sh stop` stops it.
    stop: async () => undefined,
  };
}

/** What a deploy script's `env` subcommand exports, by name (it fails naming what it lacks). */
export function exportsOf(script: string): (name: string) => string {
  const exports = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
  return (name) => {
    const match = exports.match(new RegExp(`^export ${name}=([^\\s'"]+)`, 'm'));
    if (!match) throw new Error(`${script} env did not print ${name}`);
    return match[1];
  };
}
