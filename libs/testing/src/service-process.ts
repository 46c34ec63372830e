import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { serviceKafkaEnv } from './kafka-principals';

export const SERVICE_PORTS = {
  'inventory-ingest': 3001,
  forecasting: 3002,
  replenishment: 3003,
  shipment: 3004,
  'sla-monitor': 3005,
  notification: 3006,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

/**
 * The apps beside the six services: the web dashboard holds no data, uses no broker or database, and is not an
 * API the platform's other callers use, so the tests that walk every service (authorization matrix, compose file,
 * end to end) leave it out of SERVICE_PORTS.
 */
export const APP_PORTS = { ...SERVICE_PORTS, dashboard: 3007 } as const;

export type AppName = keyof typeof APP_PORTS;

export interface ServiceProcess<Name extends AppName = ServiceName> {
  name: Name;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Stops it the hard way (SIGKILL): no shutdown hook runs, as in a crash. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service as its own process, the way the quick start does, and waits
 * until its /health answers 200. Output goes to .local/logs/<name>-<port>.log.
 * Without a port it gets a free one, so test runs side by side never meet.
 */
export async function startServiceProcess<Name extends AppName = ServiceName>(
  name: Name,
  env: NodeJS.ProcessEnv,
  options: {
    port?: number;
    timeoutMs?: number;
    /** Run the build of `npm run build:services` (dist/), as deployed, not the TypeScript source; SMI_SERVICES_COMPILED=1 makes it the default. */ compiled?: boolean;
  } = {},
): Promise<ServiceProcess<Name>> {
  const port = options.port ?? (await freePort());
  if (await answers(`http://127.0.0.1:${port}/health`)) {
    throw new Error(`port ${port} already has a service answering; stop it before running ${name} here`);
  }
  mkdirSync(resolve(REPO_ROOT, '.local/logs'), { recursive: true });
  const log = createWriteStream(logFileOf(name, port), { flags: 'a' });
  const entry =
    (options.compiled ?? process.env.SMI_SERVICES_COMPILED === '1')
      ? [resolve(REPO_ROOT, `dist/services/${name}/src/main.js`)]
      : ['-r', '@swc-node/register', resolve(REPO_ROOT, `services/${name}/src/main.ts`)];
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    // Each service connects as its own principal, as deployed (the tests themselves as the admin).
    env: {
      ...process.env,
      ...(name in SERVICE_PORTS ? serviceKafkaEnv(name, { ...process.env, ...env }) : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Services listen on loopback by default (SMI_HTTP_HOST).
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, name, options.timeoutMs ?? 60_000);
  const terminate = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { name, port, baseUrl, child, kill: () => terminate('SIGKILL'), stop: () => terminate('SIGTERM') };
}

/** A port nothing listens on now, as the system hands out for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

async function waitForHealth(baseUrl: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before it was healthy (see .local/logs)`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become healthy on ${baseUrl} within ${timeoutMs} ms (see .local/logs)`);
}

/**
 * Starts several services at once; if one cannot start, stops those that did, so a
 * failed setup leaves no process behind, and throws the first failure.
 */
export async function startServiceProcesses(
  names: ServiceName[],
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number } = {},
): Promise<ServiceProcess[]> {
  return allStartedOrNone(names.map((name) => startServiceProcess(name, env, options)));
}

/** The services once every start has settled, or, if one failed, none: those that started are stopped. */
export async function allStartedOrNone(starts: Array<Promise<ServiceProcess>>): Promise<ServiceProcess[]> {
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return started;
  await Promise.all(started.map((s) => s.stop()));
  throw failed.reason;
}

/**
 * The HTTP routes a running service mapped, as "GET /orders/:orderId", read from what Nest logged
 * at its last start ("Mapped {/orders/:orderId, GET} route"): the routes the service really serves.
 */
export function mappedRoutes(service: ServiceProcess<AppName>): string[] {
  const lines = readFileSync(serviceLogFile(service), 'utf8').split('\n');
  const lastStart = lines.findLastIndex((line) => line.includes('Starting Nest application'));
  const routes = lines.slice(Math.max(lastStart, 0)).flatMap((line) => {
    const mapped = /Mapped \{([^,}]+), (\w+)\} route/.exec(line);
    return mapped ? [`${mapped[2]} ${mapped[1]}`] : [];
  });
  return [...new Set(routes)].sort();
}

const logFileOf = (name: AppName, port: number): string => resolve(REPO_ROOT, '.local/logs', `${name}-${port}.log`);

/** Where a service started by startServiceProcess writes its output. */
export const serviceLogFile = (service: Pick<ServiceProcess<AppName>, 'name' | 'port'>): string => logFileOf(service.name, service.port);
