import { SERVICE_PORTS } from '@smi/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml cannot run on machines without Docker, so this keeps it
 * consistent with the code instead: same services, ports, env vars and Kafka version.
 */
const root = resolve(__dirname, '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const serviceNames = readdirSync(join(root, 'services')).filter((d) => existsSync(join(root, 'services', d, 'src/main.ts')));

describe('docker-compose.yml', () => {
  it('runs every service under services/ with the port the local stack uses', () => {
    for (const name of Object.keys(SERVICE_PORTS)) {
      expect(compose.services[name]?.ports).toEqual([`${SERVICE_PORTS[name as keyof typeof SERVICE_PORTS]}:3000`]);
    }
    for (const name of serviceNames) expect(Object.keys(SERVICE_PORTS)).toContain(name);
  });

  it('gives each service the environment the code reads', () => {
    for (const name of Object.keys(SERVICE_PORTS)) {
      const env = compose.services[name].environment;
      expect(env).toMatchObject({ SERVICE: name, PORT: '3000', KAFKA_BROKERS: 'kafka:9092' });
      for (const variable of [
        'DATABASE_URL',
        'SCHEMA_REGISTRY_URL',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'SMI_AGREEMENTS_FILE',
        'SMI_PARTIES_FILE',
      ]) {
        expect(env[variable]).toEqual(expect.any(String));
      }
    }
  });

  it('runs the Kafka version the Docker-free stack fetches from Maven Central', () => {
    const pomVersion = readFileSync(join(root, 'deploy/kafka/pom.xml'), 'utf8').match(/<kafka.version>([^<]+)</)?.[1];
    expect(compose.services.kafka.image).toBe(`apache/kafka:${pomVersion}`);
    expect(compose.services.kafka.environment.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('exposes Kafka and Postgres on the host ports of deploy/local-stack.sh', () => {
    const stack = readFileSync(join(root, 'deploy/local-stack.sh'), 'utf8');
    const kafkaPort = stack.match(/^KAFKA_PORT=(\d+)/m)?.[1];
    const pgPort = stack.match(/^PG_PORT=(\d+)/m)?.[1];
    expect(compose.services.kafka.ports).toContain(`${kafkaPort}:${kafkaPort}`);
    expect(compose.services.postgres.ports).toContain(`${pgPort}:5432`);
  });

  it('refers only to files that exist', () => {
    expect(existsSync(join(root, compose.services['inventory-ingest'].build.dockerfile))).toBe(true);
    const collectorConfig = compose.services['otel-collector'].volumes[0].split(':')[0];
    expect(existsSync(join(root, collectorConfig))).toBe(true);
  });
});
