import { AvroCodec } from '@smi/contracts';
import { createKafka, ensureAcls, ensureTopics, platformAcls } from '@smi/messaging';
import {
  createTestDatabase,
  provideInfrastructure,
  deleteNamespaceTopics,
  queryDatabase,
  ServiceName,
  ServiceProcess,
  startServiceProcess,
  useNamespace,
} from '@smi/testing';
import { Admin, Kafka } from 'kafkajs';
import { TimeLimit } from './progress';
import { childrenOf, RssSampler } from './rss';
import { BenchParties } from './workload';

/** Ports of the bench's services: clear of the demo's (3001-3006) and of the tests' (3101-3106). */

/**
 * One run of the bench: its broker clients, its time limit, the services and databases it
 * started, and the clean-up that undoes them all, on success, failure or Ctrl-C alike.
 * Each measurement runs in a phase of its own: a topic namespace, consumer groups and a
 * database of its own, so no phase sees another's events or rows, nor anything else on the broker.
 */
export class BenchRun {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly codec = new AvroCodec();
  readonly rss = new RssSampler();
  private readonly running = new Set<ServiceProcess>();
  private readonly databases: string[] = [];
  private cleaned?: Promise<void>;

  constructor(
    /** Names the run's topics (`<id>.<phase>.smi...`), consumer groups and databases. */
    readonly id: string,
    readonly serverUrl: string,
    readonly limit: TimeLimit,
  ) {
    this.kafka = createKafka('smi-bench-pipeline');
    this.admin = this.kafka.admin();
  }

  /** A database of the phase's own on the run's Postgres server. */
  async database(): Promise<string> {
    const url = await createTestDatabase(this.serverUrl, this.id);
    this.databases.push(url);
    return url;
  }

  /** Puts this process, and the services it starts from now on, in the phase's namespace, with the platform's topics created there. */
  async enterPhase(phase: string, platformTopics = true): Promise<void> {
    useNamespace(`${this.id}.${phase}`);
    if (platformTopics) await ensureTopics(this.kafka);
    // The services run as their own principals: their rules, in this namespace.
    if (process.env.KAFKA_SASL_MECHANISM) await ensureAcls(this.kafka, platformAcls());
  }

  /**
   * Starts services (in parallel, compiled as deployed: build first), `instances` of each in its one consumer group,
   * and watches their memory (a service's peak is its highest instance's); each one is stopped by stopServices or the
   * clean-up.
   */
  async startServices(names: readonly ServiceName[], databaseUrl: string, parties: BenchParties, instances = 1): Promise<ServiceProcess[]> {
    const env = {
      DATABASE_URL: databaseUrl,
      SMI_AGREEMENTS_FILE: parties.agreementsFile,
      SMI_PARTIES_FILE: parties.partiesFile,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const each = Array.from({ length: instances }, () => names).flat();
    const started = await Promise.allSettled(each.map((name) => startServiceProcess(name, env, { compiled: true, timeoutMs: 180_000 })));
    const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    for (const service of services) {
      this.running.add(service);
      this.rss.watch(service.name, service.child.pid!);
    }
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return services;
  }

  async stopServices(services: readonly ServiceProcess[]): Promise<void> {
    await Promise.all(
      services.map(async (service) => {
        this.rss.lastLook(service.name);
        await service.stop();
        this.running.delete(service);
      }),
    );
  }

  /**
   * Stops every service this run started (and any child process still running, such as one
   * still booting or the producer tool), deletes the run's topics and consumer groups and drops
   * its databases. Runs once; later calls wait for the first.
   */
  cleanUp(): Promise<void> {
    this.cleaned ??= this.undoAll();
    return this.cleaned;
  }

  private async undoAll(): Promise<void> {
    const problems: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    await attempt('stopping the services', () => this.stopServices([...this.running]));
    for (const pid of childrenOf(process.pid)) await attempt(`stopping child process ${pid}`, () => stopProcess(pid));
    this.rss.stop();
    await attempt('connecting to the broker', () => this.admin.connect());
    await attempt('deleting the consumer groups', async () => {
      const mine = (await this.admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${this.id}.`));
      if (mine.length > 0) await this.admin.deleteGroups(mine);
    });
    await attempt('deleting the topics', async () => {
      useNamespace(this.id); // the run's own prefix covers every phase's topics
      await deleteNamespaceTopics(this.kafka);
    });
    await attempt('disconnecting', () => this.admin.disconnect());
    for (const url of this.databases) {
      const name = new URL(url).pathname.slice(1);
      await attempt(`dropping database ${name}`, () => queryDatabase(this.serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
    if (problems.length > 0) console.error(`clean-up incomplete:\n  ${problems.join('\n  ')}`);
  }
}

/**
 * Starts a bench run named `<name>_<time>` on the broker and database of KAFKA_BROKERS and
 * DATABASE_URL (else the local stack, as the tests do), cleaned up on Ctrl-C too.
 */
export async function startBenchRun(name: string, timeLimitSeconds: number, options: object): Promise<BenchRun> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const infrastructure = await provideInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  Object.assign(process.env, infrastructure.kafkaSecurity);
  const id = `${name}_${Date.now().toString(36)}`;
  const run = new BenchRun(id, infrastructure.databaseUrl, new TimeLimit(timeLimitSeconds));
  const interrupted = (signal: string) => {
    console.error(`\n${signal}: stopping the bench's services and deleting its topics ...`);
    void run.cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  console.log(`bench ${id}: Kafka ${infrastructure.kafkaBrokers} (${infrastructure.source}), ${JSON.stringify(options)}`);
  return run;
}

async function stopProcess(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && alive(); waited += 200) await new Promise((r) => setTimeout(r, 200));
  if (alive()) process.kill(pid, 'SIGKILL');
}
