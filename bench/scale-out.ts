/**
 * Several instances per service (issue 17), in one run on the local stack: the broker's and the database's own
 * rates, then the pipeline bench's "ingest alone" and "end to end" with one instance of each service and again with
 * `--instances` of each in one consumer group per service, each on a phase (topics, groups, database) of its own.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/scale-out.ts [--instances=2] [--movements=100000]
 *     [--site-items=10000] [--producer-records=200000] [--time-limit=3600]
 *
 * Each option may also come from the environment (BENCH_INSTANCES, BENCH_MOVEMENTS, ...). See bench/README.md,
 * section "Several instances per service".
 */
import { parseArgs } from 'node:util';
import { buildServices } from '../tools/build-services';
import { startBenchRun } from './pipeline/bench-run';
import { measureEndToEnd } from './pipeline/end-to-end';
import { measureIngestAlone, ThroughputResult } from './pipeline/ingest';
import { measureRawKafka } from './pipeline/raw-kafka';
import { measureRawPostgres } from './pipeline/raw-postgres';
import { siteItems, writeBenchAgreements } from './pipeline/workload';

const OPTIONS = { instances: 2, movements: 100_000, 'site-items': 10_000, 'producer-records': 200_000, 'time-limit': 3600 };
type Option = keyof typeof OPTIONS;

function settings(): Record<Option, number> {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])) as Record<Option, { type: 'string' }>,
  });
  return Object.fromEntries(
    (Object.keys(OPTIONS) as Option[]).map((name) => {
      const text = String(values[name] ?? process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`] ?? OPTIONS[name]);
      const n = Number(text);
      if (!(n > 0)) throw new Error(`--${name} must be a number above 0 (got ${text})`);
      return [name, n];
    }),
  ) as Record<Option, number>;
}

const whole = (n: number) => Math.round(n).toLocaleString('en-US');
const step = (what: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${what} ...`);

async function main(): Promise<number> {
  const options = settings();
  const run = await startBenchRun('smi_bench_scale', options['time-limit'], options);
  const rows: Array<[string, string]> = [];
  const throughput = (what: string, t: ThroughputResult) =>
    rows.push([
      what,
      `${whole(t.perSecond)} movements/s (${whole(t.movements)} in ${t.seconds.toFixed(1)} s, boot ${t.bootSeconds.toFixed(1)} s)`,
    ]);
  const measured = new Map<string, ThroughputResult>();
  let failure: Error | undefined;
  try {
    await run.admin.connect();
    const keys = siteItems(options['site-items'], 'bench');
    const parties = writeBenchAgreements(keys);
    await buildServices();
    step('raw producer rate (ProducerPerformance)');
    await run.enterPhase('raw-kafka', false);
    const kafka = await measureRawKafka(run, options['producer-records']);
    rows.push(['raw producer (ProducerPerformance, acks=all)', `${whole(kafka.perSecond)} records/s`]);
    step('raw Postgres batched rate');
    const postgres = await measureRawPostgres(await run.database(), options.movements, options['site-items']);
    rows.push(['raw postgres (inbox + aggregated upsert)', `${whole(postgres.perSecond)} events/s`]);
    for (const instances of [1, options.instances]) {
      step(`ingest alone, ${instances} instance(s)`);
      measured.set(`ingest x${instances}`, await measureIngestAlone(run, parties, keys, options.movements, instances));
      throughput(`ingest alone, ${instances} instance(s)`, measured.get(`ingest x${instances}`)!);
      step(`end to end, ${instances} instance(s) of each service`);
      const endToEnd = await measureEndToEnd(run, parties, keys, options.movements, instances);
      await run.stopServices(endToEnd.services);
      measured.set(`end to end x${instances}`, endToEnd.result);
      throughput(`end to end, ${instances} instance(s) of each service`, endToEnd.result);
    }
    for (const [service, use] of [...run.rss.usage()].sort())
      rows.push([`peak RSS ${service} (any instance)`, `${whole(use.peakMiB)} MiB, ${whole(use.cpuSeconds)} s of CPU over the run`]);
  } catch (error) {
    failure = error as Error;
  } finally {
    await run.cleanUp();
  }
  const width = Math.max(...rows.map(([what]) => what.length));
  console.log('');
  for (const [what, result] of rows) console.log(`${what.padEnd(width)}  ${result}`);
  if (failure) {
    console.error(`\nscale-out bench did not finish: ${failure.stack ?? failure.message}`);
    return 1;
  }
  const ratio = (what: string) =>
    (measured.get(`${what} x${options.instances}`)!.perSecond / measured.get(`${what} x1`)!.perSecond).toFixed(2);
  console.log(
    `\nscale-out: ${options.instances} instances against 1: ingest alone x${ratio('ingest')}, end to end x${ratio('end to end')}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
