import { APP_PORTS, SERVICE_PORTS } from '@smi/testing';
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
  it('runs every service (and the dashboard) under services/ with the port the local stack uses', () => {
    for (const name of Object.keys(APP_PORTS)) {
      expect(compose.services[name]?.ports).toEqual([`${APP_PORTS[name as keyof typeof APP_PORTS]}:3000`]);
    }
    for (const name of serviceNames) expect(Object.keys(APP_PORTS)).toContain(name);
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

  it("publishes only the services' HTTP ports (and Jaeger's UI on loopback), nothing of Kafka, Postgres or the registry", () => {
    for (const [name, service] of Object.entries<{ ports?: string[] }>(compose.services)) {
      if (name in APP_PORTS) continue;
      for (const port of service.ports ?? []) expect(`${name} ${port}`).toMatch(/^\S+ 127\.0\.0\.1:/);
    }
    for (const name of ['kafka', 'postgres', 'schema-registry', 'otel-collector']) expect(compose.services[name].ports).toBeUndefined();
  });

  it('has no fixed password: every secret is required from the environment', () => {
    const required = (value: string, variable: string) => expect(value).toContain(`\${${variable}:?`);
    required(compose.services.postgres.environment.POSTGRES_PASSWORD, 'SMI_DB_PASSWORD');
    for (const name of Object.keys(SERVICE_PORTS)) {
      const env = compose.services[name].environment;
      required(env.DATABASE_URL, 'SMI_DB_PASSWORD');
      expect(env.DATABASE_URL).not.toMatch(/smi:smi@/);
      required(env.KAFKA_SASL_PASSWORD, `SMI_KAFKA_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`);
    }
    const jaas = Object.entries<string>(compose.services.kafka.environment).filter(([key]) => key.endsWith('SASL_JAAS_CONFIG'));
    expect(jaas.length).toBeGreaterThan(0);
    for (const [, config] of jaas)
      for (const password of config.matchAll(/password="([^"]*)"/g)) expect(password[1]).toMatch(/^\$\{\w+:\?/);
  });

  it('runs Kafka with authentication on every listener and ACLs, each service as its own principal', () => {
    const kafka = compose.services.kafka.environment;
    for (const protocol of kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',')) expect(protocol).toMatch(/:SASL_(PLAINTEXT|SSL)$/);
    expect(kafka.KAFKA_AUTHORIZER_CLASS_NAME).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(kafka.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
    for (const name of Object.keys(SERVICE_PORTS)) {
      const env = compose.services[name].environment;
      expect(env).toMatchObject({ KAFKA_SASL_MECHANISM: expect.any(String), KAFKA_SASL_USERNAME: `smi-${name}` });
      expect(compose.services[name].depends_on['kafka-setup']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('ships no parties file in the image: the deployment mounts its own', () => {
    const dockerfile = readFileSync(join(root, 'deploy/docker/Dockerfile'), 'utf8');
    expect(dockerfile).not.toMatch(/COPY\s+deploy\/seed\s/);
    expect(dockerfile).not.toMatch(/parties\.json/);
    for (const name of Object.keys(SERVICE_PORTS)) {
      expect(compose.services[name].volumes).toContainEqual(
        expect.stringMatching(/^\$\{SMI_PARTIES_FILE:\?[^}]*\}:\/run\/smi\/parties\.json:ro$/),
      );
    }
  });

  it('refers only to files that exist', () => {
    expect(existsSync(join(root, compose.services['inventory-ingest'].build.dockerfile))).toBe(true);
    const collectorConfig = compose.services['otel-collector'].volumes[0].split(':')[0];
    expect(existsSync(join(root, collectorConfig))).toBe(true);
  });
});
