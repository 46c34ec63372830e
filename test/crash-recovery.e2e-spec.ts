import { topics } from '@smi/contracts';
import {
  allStartedOrNone,
  ConsumerLagReader,
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
 * Kills all six services with SIGKILL, each while its consumer group is part-way
 * through its topics, starts them again, and checks what buyers and suppliers see
 * against an independent fold of the movements sent (StockoutStream): every movement
 * applied once, one order and one shipment per need, each stockout once, a forecast
 * per series, and each alert delivered once (a repeat only where the kill cut a
 * webhook attempt off).
 */
describe('all six services killed mid-stream', () => {
  const receiver = new WebhookReceiver();
  const scenario = new StockoutStream(receiver);
  let kafka: KafkaTestClient;
  let lag: ConsumerLagReader;
  let env: NodeJS.ProcessEnv;
  const running = new Map<ServiceName, ServiceProcess>();
  let began = Date.now();
  const timeline: string[] = [];
  const mark = (what: string) => timeline.push(`${((Date.now() - began) / 1000).toFixed(1)} s ${what}`);

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = async (service: ServiceName, path: string, key: string): Promise<any> => {
    const response = await fetch(`${running.get(service)!.baseUrl}${path}`, { headers: { 'x-api-key': key } });
    if (!response.ok) throw new Error(`${service} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };

  beforeAll(async () => {
    await receiver.start();
    kafka = new KafkaTestClient();
    lag = await ConsumerLagReader.connect(kafka.kafka);
    env = scenario.environment();
    // Six services loading at once on two cores take their time.
    for (const service of await startServiceProcesses(KILL_ORDER, env, { timeoutMs: 150_000 })) running.set(service.name, service);
  }, 180_000);

  afterAll(async () => {
    console.log(`timeline:\n${timeline.join('\n')}`);
    await Promise.all([...running.values()].map((s) => s.stop()));
    await lag?.disconnect();
    await kafka?.disconnect();
    await receiver.stop();
  });

  it('loses nothing and repeats nothing, and every projection equals the fold of the movements sent', async () => {
    began = Date.now();
    // A first part opens every line, crosses its reorder point and empties it, so every service has consumed something.
    // Then, per service, one more part of the stream: the service is killed while it works through it, and started
    // again at once while the next part flows. Downstream first, so work keeps reaching the services still to kill.
    const parts = scenario.parts(KILL_ORDER.length);
    await kafka.publisher.publishAll(topics.stockMovements, parts[0]);
    mark('opening movements published');
    const kills: KillReport[] = [];
    const restarts: Array<Promise<ServiceProcess>> = [];
    try {
      for (const [n, name] of KILL_ORDER.entries()) {
        const feed = () => kafka.publisher.publishAll(topics.stockMovements, parts[n + 1]);
        kills.push(await killMidStream(running.get(name)!, lag, CONSUMED[name], { feed, timeoutMs: 90_000 }));
        mark(`${name} killed`);
        restarts.push(startServiceProcess(name, env, { timeoutMs: 180_000 }));
      }
    } finally {
      for (const service of await allStartedOrNone(restarts)) running.set(service.name, service);
      mark('all restarted');
    }
    console.log(
      `killed mid-stream:\n${kills.map((k) => `  ${k.service}: ${k.consumed} consumed, ${k.behind} still to consume`).join('\n')}`,
    );
    // Work was waiting for each service when it was killed (it had resumed into it moments before).
    for (const kill of kills)
      expect({ service: kill.service, workLeft: kill.behind > 0 }).toEqual({ service: kill.service, workLeft: true });

    await scenario.expectEverythingOnce({
      kafka,
      lag,
      api,
      notificationKills: kills.filter((k) => k.service === 'notification').map((k) => k.killedAt),
      mark,
    });
  }, 420_000);
});
