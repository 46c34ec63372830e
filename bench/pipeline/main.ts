/**
 * The pipeline benchmark (issue 11): in one run, on the local stack, the broker's and the
 * database's own rates beside the platform's, decision latency and the services' memory.
 *
 *   npm run bench:pipeline -- [--movements=500000] [--site-items=50000] [--producer-records=500000]
 *     [--latency-rates=100,1000] [--latency-seconds=60] [--latency-site-items=1000] [--time-limit=7200]
 *
 * Each option may also come from the environment (BENCH_MOVEMENTS, BENCH_SITE_ITEMS, ...).
 * Uses KAFKA_BROKERS and DATABASE_URL when both are set, else starts the local stack like the
 * tests do. See bench/README.md, section "Pipeline", for what each line means.
 */
import { parseArgs } from 'node:util';
import { startBenchRun } from './bench-run';
import { measureEndToEnd } from './end-to-end';
import { measureIngestAlone, ThroughputResult } from './ingest';
import { LatencyResult, measureDecisionLatency } from './latency';
import { measureRawKafka, RawKafkaResult } from './raw-kafka';
import { measureRawPostgres, RawPostgresResult } from './raw-postgres';
import { siteItems, writeBenchAgreements } from './workload';
import { buildServices } from '../../tools/build-services';

const OPTIONS = {
  movements: 500_000,
  'site-items': 50_000,
  'producer-records': 500_000,
  'latency-rates': '100,1000',
  'latency-seconds': 60,
  'latency-site-items': 1000,
  'time-limit': 7200,
};
type Option = keyof typeof OPTIONS;

function settings() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])) as Record<Option, { type: 'string' }>,
  });
  const value = (name: Option) => String(values[name] ?? process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`] ?? OPTIONS[name]);
  const number = (name: Option) => {
    const n = Number(value(name));
    if (!(n > 0)) throw new Error(`--${name} must be a number above 0 (got ${value(name)})`);
    return n;
  };
  return {
    movements: number('movements'),
    siteItems: number('site-items'),
    producerRecords: number('producer-records'),
    latencyRates: value('latency-rates').split(',').map(Number),
    latencySeconds: number('latency-seconds'),
    latencySiteItems: number('latency-site-items'),
    timeLimitSeconds: number('time-limit'),
  };
}

interface Measured {
  rawKafka?: RawKafkaResult;
  rawPostgres?: RawPostgresResult;
  ingest?: ThroughputResult;
  endToEnd?: ThroughputResult;
  latency: LatencyResult[];
  services: Map<string, { peakMiB: number; cpuSeconds: number }>;
}

async function main(): Promise<number> {
  const options = settings();
  const run = await startBenchRun('smi_bench', options.timeLimitSeconds, options);

  const measured: Measured = { latency: [], services: new Map() };
  let failure: Error | undefined;
  try {
    await run.admin.connect();
    const throughputKeys = siteItems(options.siteItems, 'bench');
    const latencyKeys = siteItems(options.latencySiteItems, 'latency');
    const parties = writeBenchAgreements([...throughputKeys, ...latencyKeys]);

    // The services run compiled, as deployed (npm run build:services).
    await buildServices();
    step('1/6 raw producer rate (ProducerPerformance)');
    await run.enterPhase('raw-kafka', false);
    measured.rawKafka = await measureRawKafka(run, options.producerRecords);
    step('2/6 raw Postgres batched rate');
    measured.rawPostgres = await measureRawPostgres(await run.database(), options.movements, options.siteItems);
    step('3/6 ingest alone');
    measured.ingest = await measureIngestAlone(run, parties, throughputKeys, options.movements);
    step('4/6 end to end');
    const endToEnd = await measureEndToEnd(run, parties, throughputKeys, options.movements);
    measured.endToEnd = endToEnd.result;
    step(`5/6 decision latency at ${options.latencyRates.join(', ')} movements/s`);
    measured.latency = await measureDecisionLatency(run, parties, latencyKeys, options.latencyRates, options.latencySeconds);
    step('6/6 peak RSS');
    await run.stopServices(endToEnd.services);
  } catch (error) {
    failure = error as Error;
  } finally {
    measured.services = run.rss.usage();
    await run.cleanUp();
  }
  printTable(measured);
  if (failure) {
    console.error(`\npipeline bench did not finish: ${failure.stack ?? failure.message}`);
    return 1;
  }
  console.log(`\n${finalLine(measured)}`);
  return 0;
}

function step(what: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${what} ...`);
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const share = (part: number, of: number) => ((100 * part) / of).toFixed(1);

function printTable(m: Measured) {
  const rows: Array<[string, string, string]> = [];
  if (m.rawKafka) {
    rows.push([
      'raw producer (ProducerPerformance, acks=all)',
      `${whole(m.rawKafka.perSecond)} records/s`,
      `${whole(m.rawKafka.records)} records of ${m.rawKafka.recordBytes} bytes`,
    ]);
  }
  if (m.rawPostgres) {
    const p = m.rawPostgres;
    rows.push([
      'raw postgres (inbox + aggregated upsert)',
      `${whole(p.perSecond)} events/s`,
      `${whole(p.events)} events over ${whole(p.keys)} keys, ${p.eventsPerTransaction} per transaction, ${p.seconds.toFixed(1)} s`,
    ]);
  }
  for (const [name, t] of [
    ['ingest alone', m.ingest],
    ['end to end', m.endToEnd],
  ] as const) {
    if (!t) continue;
    const orders = name === 'end to end' ? `, ${whole(t.ordersRaised)} orders` : '';
    rows.push([
      name,
      `${whole(t.perSecond)} movements/s`,
      `${whole(t.movements)} movements over ${whole(t.siteItems)} site x items in ${t.seconds.toFixed(1)} s${orders}, ${t.deadLettered} dead-lettered, boot ${t.bootSeconds.toFixed(1)} s`,
    ]);
  }
  for (const l of m.latency) {
    rows.push([
      `movement -> order at ${whole(l.rate)}/s`,
      `p50 ${whole(l.p50)} / p95 ${whole(l.p95)} / p99 ${whole(l.p99)} / max ${whole(l.max)} ms`,
      `${whole(l.answered)} of ${whole(l.sent)} movements answered in ${l.seconds} s; lag 0 ${(l.lagZeroAfterMs / 1000).toFixed(1)} s after the load; ` +
        `median hops: send -> stock level ${whole(l.hopP50.ingest)} ms, stock level -> order ${whole(l.hopP50.replenishment)} ms`,
    ]);
  }
  for (const [service, use] of [...m.services].sort())
    rows.push([`peak RSS ${service}`, `${whole(use.peakMiB)} MiB`, `${whole(use.cpuSeconds)} s of CPU over the run`]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('');
  for (const [what, result, detail] of rows) console.log(`${what.padEnd(widths[0])}  ${result.padEnd(widths[1])}  ${detail}`);
}

function finalLine(m: Measured): string {
  const postgres = m.rawPostgres!.perSecond;
  const endToEnd = m.endToEnd!.perSecond;
  const ingest = m.ingest!.perSecond;
  const highest = m.latency.at(-1)!;
  const maxRss = Math.max(...[...m.services.values()].map((use) => use.peakMiB));
  return (
    `pipeline: ${Math.round(endToEnd)} movements/s end to end = ${share(endToEnd, postgres)}% of raw postgres; ` +
    `ingest alone ${Math.round(ingest)} movements/s = ${share(ingest, postgres)}% of raw postgres; ` +
    `p99 movement->order ${Math.round(highest.p99)} ms at ${highest.rate}/s; max service RSS ${Math.round(maxRss)} MiB`
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
