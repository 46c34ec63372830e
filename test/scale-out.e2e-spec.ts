import { topics } from '@smi/contracts';
import type { Admin } from 'kafkajs';
import { consumerGroupOf } from '@smi/messaging';
import {
  allStartedOrNone,
  ConsumerLagReader,
  eventually,
  KafkaTestClient,
  KillReport,
  killMidStream,
  ServiceName,
  ServiceProcess,
  startServiceProcess,
  startServiceProcesses,
  WebhookReceiver,
} from '@smi/testing';
import { CONSUMED, KILL_ORDER, StockoutStream } from './support/stockout-stream';

/**
 * Two instances of each of the six services in one consumer group per service, on one broker and
 * database. While the stream flows, one instance of each is killed with SIGKILL in the middle of
 * its work and a third is added, so partitions move between instances on rebalances, mid-batch
 * included. What buyers and suppliers see is then checked against an independent fold of the
 * movements sent (StockoutStream): nothing lost, no order, shipment, breach or alert twice, every
 * projection equal to the fold.
 */
describe('several instances of every service, instances killed and added mid-stream', () => {
  const receiver = new WebhookReceiver();
  const scenario = new StockoutStream(receiver);
  let kafka: KafkaTestClient;
  let lag: ConsumerLagReader;
  let env: NodeJS.ProcessEnv;
  const instances = new Map<ServiceName, ServiceProcess[]>(KILL_ORDER.map((name) => [name, []]));
  let began = Date.now();
  const timeline: string[] = [];
  const mark = (what: string) => timeline.push(`${((Date.now() - began) / 1000).toFixed(1)} s ${what}`);
  const keep = (started: ServiceProcess[]) => started.forEach((s) => instances.get(s.name)!.push(s));

  /** Any instance answers for the service: they share one database. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = async (service: ServiceName, path: string, key: string): Promise<any> => {
    const running = instances.get(service)!;
    const response = await fetch(`${running[running.length - 1].baseUrl}${path}`, { headers: { 'x-api-key': key } });
    if (!response.ok) throw new Error(`${service} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };

  let admin: Admin;
  /** How many members each service's consumer group has now, once it is stable (-1 while it rebalances). */
  const groupSizes = async (): Promise<Record<string, number>> => {
    const { groups } = await admin.describeGroups(KILL_ORDER.map((name) => consumerGroupOf(name)));
    return Object.fromEntries(groups.map((group) => [group.groupId, group.state === 'Stable' ? group.members.length : -1]));
  };
  const everyGroupOf = (members: number) => Object.fromEntries(KILL_ORDER.map((name) => [consumerGroupOf(name), members]));
  let lastSizes: Record<string, number> = {};
  const everyGroupHas = (members: number) => async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    lastSizes = await groupSizes();
    const wanted = everyGroupOf(members);
    return Object.keys(wanted).every((group) => lastSizes[group] === wanted[group]);
  };
  const untilEveryGroupHas = async (members: number, timeoutMs: number) => {
    try {
      await eventually(everyGroupHas(members), `${members} members in every group`, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; last seen (-1: rebalancing): ${JSON.stringify(lastSizes)}`);
    }
  };

  beforeAll(async () => {
    await receiver.start();
    kafka = new KafkaTestClient();
    lag = await ConsumerLagReader.connect(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();
    env = scenario.environment();
    // Six at a time: twelve services loading at once on two cores would outlast their health checks.
    keep(await startServiceProcesses(KILL_ORDER, env, { timeoutMs: 180_000 }));
    keep(await startServiceProcesses(KILL_ORDER, env, { timeoutMs: 180_000 }));
  }, 420_000);

  afterAll(async () => {
    console.log(`timeline:\n${timeline.join('\n')}`);
    await Promise.all([...instances.values()].flat().map((s) => s.stop()));
    await lag?.disconnect();
    await admin?.disconnect();
    await kafka?.disconnect();
    await receiver.stop();
  });

  it('loses nothing and repeats nothing while instances come and go, and every projection equals the fold', async () => {
    began = Date.now();
    // Both instances of each service are in its group before anything flows.
    await untilEveryGroupHas(2, 120_000);
    mark('two instances in every group');
    const parts = scenario.parts(KILL_ORDER.length);
    await kafka.publisher.publishAll(topics.stockMovements, parts[0]);
    mark('opening movements published');
    const kills: KillReport[] = [];
    const additions: Array<Promise<ServiceProcess>> = [];
    try {
      for (const [n, name] of KILL_ORDER.entries()) {
        // The older instance goes, in the middle of its work; the group's other member and, once it has joined,
        // a new instance take its partitions over.
        const [victim, ...others] = instances.get(name)!;
        const feed = () => kafka.publisher.publishAll(topics.stockMovements, parts[n + 1]);
        kills.push(await killMidStream(victim, lag, CONSUMED[name], { feed, timeoutMs: 90_000 }));
        instances.set(name, others);
        mark(`one ${name} killed`);
        additions.push(startServiceProcess(name, env, { timeoutMs: 240_000 }));
      }
    } finally {
      keep(await allStartedOrNone(additions));
      mark('an instance added to each');
    }
    console.log(
      `killed mid-stream:\n${kills.map((k) => `  ${k.service}: ${k.consumed} consumed, ${k.behind} still to consume`).join('\n')}`,
    );
    for (const kill of kills)
      expect({ service: kill.service, workLeft: kill.behind > 0 }).toEqual({ service: kill.service, workLeft: true });

    await scenario.expectEverythingOnce({
      kafka,
      lag,
      api,
      notificationKills: kills.filter((k) => k.service === 'notification').map((k) => k.killedAt),
      mark,
    });
    // The killed instances left their groups (their sessions lapsed); the added ones are in.
    await untilEveryGroupHas(2, 90_000);
  }, 900_000);
});
