import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { exportsOf, REPO_ROOT } from './infrastructure';

export interface ProvidedSchemaRegistry {
  /** Base URL of the Confluent-compatible API. */
  url: string;
  /** Where it came from, for the test log. */
  source: 'environment' | 'apicurio';
  stop(): Promise<void>;
}

/**
 * A real Confluent-compatible schema registry for a test: SCHEMA_REGISTRY_URL when set, otherwise
 * Apicurio Registry started with deploy/apicurio.sh, which stop() stops again if this call started it.
 */
export function provideSchemaRegistry(env: NodeJS.ProcessEnv = process.env): ProvidedSchemaRegistry {
  if (env.SCHEMA_REGISTRY_URL) return { url: env.SCHEMA_REGISTRY_URL, source: 'environment', stop: async () => undefined };
  const script = resolve(REPO_ROOT, 'deploy/apicurio.sh');
  const wasRunning = spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 0;
  execFileSync('bash', [script, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    url: exportsOf(script)('SCHEMA_REGISTRY_URL'),
    source: 'apicurio',
    stop: async () => {
      if (!wasRunning) execFileSync('bash', [script, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
    },
  };
}

/** The python of Confluent's own client (confluent-kafka), installed by deploy/apicurio.sh provision if missing. */
export function confluentClientPython(): string {
  const script = resolve(REPO_ROOT, 'deploy/apicurio.sh');
  execFileSync('bash', [script, 'provision'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return exportsOf(script)('SMI_CONFLUENT_PYTHON');
}
