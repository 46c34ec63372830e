import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { freePort } from './service-process';

/** A service for Prometheus to scrape: its base URL and the operator key its /metrics asks for. */
export interface ScrapeTarget {
  job: string;
  baseUrl: string;
  bearer: string;
}

/** One series of an instant query's answer. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A real Prometheus (Debian's `prometheus` package, or PROMETHEUS_BIN) on a free loopback port,
 * scraping services every second with their operator key, its data in a temporary directory
 * removed at stop. Output goes to .local/logs/prometheus-<port>.log.
 */
export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(targets: readonly ScrapeTarget[], options: { timeoutMs?: number } = {}): Promise<PrometheusServer> {
    const binary = process.env.PROMETHEUS_BIN ?? 'prometheus';
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'smi-prometheus-'));
    const configFile = join(dataDir, 'prometheus.yml');
    // JSON is YAML: the config is written without a YAML library.
    const config = {
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      scrape_configs: targets.map((t) => ({
        job_name: t.job,
        metrics_path: '/metrics',
        authorization: { type: 'Bearer', credentials: t.bearer },
        static_configs: [{ targets: [new URL(t.baseUrl).host] }],
      })),
    };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    mkdirSync(resolve(REPO_ROOT, '.local/logs'), { recursive: true });
    const log = createWriteStream(resolve(REPO_ROOT, '.local/logs', `prometheus-${port}.log`), { flags: 'a' });
    const child = spawn(
      binary,
      [
        `--config.file=${configFile}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
        '--storage.tsdb.retention.time=1h',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const started = await new Promise<Error | undefined>((settle) => {
      child.once('spawn', () => settle(undefined));
      child.once('error', (error) => settle(error));
    });
    if (started) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(
        `cannot run ${binary} (${started.message}): install Debian's prometheus (deploy/local-stack.sh provision) or set PROMETHEUS_BIN`,
      );
    }
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dataDir);
    try {
      await server.waitUntilReady(options.timeoutMs ?? 30_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The series of an instant PromQL query, now. */
  async query(promql: string): Promise<Sample[]> {
    const response = await fetch(`${this.url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== 'success' || body.data?.resultType !== 'vector')
      throw new Error(`${promql}: ${body.error ?? JSON.stringify(body)}`);
    return body.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
  }

  /** The value of a query that answers one series, undefined when it answers none. */
  async valueOf(promql: string): Promise<number | undefined> {
    const samples = await this.query(promql);
    if (samples.length > 1) throw new Error(`${promql} answered ${samples.length} series, not one`);
    return samples[0]?.value;
  }

  /** Whether every target's last scrape succeeded. */
  async scrapesSucceed(): Promise<boolean> {
    const up = await this.query('up');
    return up.length > 0 && up.every((s) => s.value === 1);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`prometheus exited with code ${this.child.exitCode} (see .local/logs)`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`prometheus was not ready on ${this.url} within ${timeoutMs} ms (see .local/logs)`);
  }
}
