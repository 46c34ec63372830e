import { servicePrincipalOf } from '@smi/messaging';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';

/** The passwords in a principals file of deploy/local-stack.sh ("principal password" per line). */
function passwordsIn(file: string): Map<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  return new Map(lines.map((line) => line.trim().split(/\s+/)).filter((parts) => parts.length === 2) as Array<[string, string]>);
}

/** What a process needs to connect as this principal, to the broker and with the mechanism this process uses. */
export const kafkaEnvOf = (principal: string, password: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> => ({
  KAFKA_SASL_MECHANISM: env.KAFKA_SASL_MECHANISM ?? 'SCRAM-SHA-512',
  KAFKA_SASL_USERNAME: principal,
  KAFKA_SASL_PASSWORD: password,
});

/**
 * The Kafka environment to connect as a principal of the stack (a service, a party's integration)
 * when the broker authenticates (SMI_KAFKA_PRINCIPALS_FILE lists the passwords), else nothing (a
 * broker without authentication).
 */
export function principalKafkaEnv(principal: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const file = env.SMI_KAFKA_PRINCIPALS_FILE;
  if (!env.KAFKA_SASL_MECHANISM || !file || !existsSync(file)) return {};
  const password = passwordsIn(file).get(principal);
  if (!password) throw new Error(`${file} has no password for ${principal}: restart the stack (deploy/local-stack.sh start)`);
  return kafkaEnvOf(principal, password, env);
}

/** A service's own principal (see principalKafkaEnv). */
export const serviceKafkaEnv = (service: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> =>
  principalKafkaEnv(servicePrincipalOf(service), env);

/**
 * Creates Kafka principals of a test's own (integrations of its buyers) on the local stack whose
 * principals file this process was given, and returns how to connect as each.
 */
export function createKafkaPrincipals(names: string[], env: NodeJS.ProcessEnv = process.env): Map<string, Record<string, string>> {
  const file = env.SMI_KAFKA_PRINCIPALS_FILE;
  if (!file || !env.KAFKA_SASL_MECHANISM) {
    throw new Error(
      'the broker has no principals (no SMI_KAFKA_PRINCIPALS_FILE / KAFKA_SASL_MECHANISM): run against deploy/local-stack.sh',
    );
  }
  // The principals file lives in <state dir>/secrets/, so the stack is found from it.
  const output = execFileSync('bash', [resolve(REPO_ROOT, 'deploy/local-stack.sh'), 'principals', ...names], {
    encoding: 'utf8',
    env: { ...process.env, SMI_LOCAL_DIR: dirname(dirname(file)) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const passwords = new Map(
    output
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  return new Map(names.map((name) => [name, kafkaEnvOf(name, passwords.get(name)!, env)]));
}
