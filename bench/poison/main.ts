/**
 * The poison bench (issue 12): how long records that fail in Postgres hold up the good records
 * of their partition in inventory-ingest.
 *
 *   npm run bench:poison -- [--good=200] [--bad=1000] [--time-limit=3600]
 *
 * Two phases, each a topic namespace, consumer group and database of its own, in one run:
 * `good` puts `--good` movements of one site x item on the movements topic (one key: one
 * partition), `poison` the same good movements with `--bad` bad ones spread evenly among them,
 * in one produce request, once inventory-ingest (compiled, as deployed, alone) has joined its
 * consumer group; timed from that send until every good movement's stock level is published and
 * every bad one is on the dead-letter topic. The difference is the delay the bad records add.
 *
 * A bad record is a receipt of 900,000,000,000. Before the bounds (libs/agreements bounds.ts) it
 * failed in Postgres, the on-hand column (numeric(18, 6)) unable to hold it on top of what the site
 * x item held (SQLSTATE 22003); now the use case refuses it (a quantity is at most 10^9), as it
 * refuses any record the bounds keep out. The site x item opens with 1,000,000 on hand and the
 * good ones consume 1 each. The bench prints the dead letters' reasons, so it shows which it timed.
 * Uses KAFKA_BROKERS and DATABASE_URL when both are set, else starts the local stack like the tests do.
 */
import { StockMovement, topics } from '@smi/contracts';
import { queryDatabase } from '@smi/testing';
import { parseArgs } from 'node:util';
import { buildServices } from '../../tools/build-services';
import { BenchRun, startBenchRun } from '../pipeline/bench-run';
import { deadLettered } from '../pipeline/ingest';
import { groupLag, recordsOn, waitUntil } from '../pipeline/progress';
import { BenchParties, movement, SiteItem, writeBenchAgreements } from '../pipeline/workload';

const OPENING = 1_000_000;
const BEYOND_THE_BOUNDS = 900_000_000_000;

function settings() {
  const { values } = parseArgs({ options: { good: { type: 'string' }, bad: { type: 'string' }, 'time-limit': { type: 'string' } } });
  const number = (name: 'good' | 'bad' | 'time-limit', fallback: number) => {
    const text = values[name] ?? process.env[`BENCH_${name.toUpperCase().replace('-', '_')}`] ?? String(fallback);
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got ${text})`);
    return n;
  };
  return { good: number('good', 200), bad: number('bad', 1000), timeLimitSeconds: number('time-limit', 3600) };
}

/** The opening receipt, then `good` consumptions of 1 with `bad` overflowing receipts spread evenly among them. */
function workload(buyerId: string, at: SiteItem, good: number, bad: number): StockMovement[] {
  const movements = [movement(buyerId, at, 'opening', 'RECEIPT', OPENING)];
  let badSent = 0;
  for (let g = 0; g < good; g++) {
    const badBefore = Math.round(((g + 1) * bad) / (good || 1));
    for (; badSent < badBefore; badSent++) movements.push(movement(buyerId, at, `bad-${badSent}`, 'RECEIPT', BEYOND_THE_BOUNDS));
    movements.push(movement(buyerId, at, `good-${g}`, 'CONSUMPTION', 1));
  }
  for (; badSent < bad; badSent++) movements.push(movement(buyerId, at, `bad-${badSent}`, 'RECEIPT', BEYOND_THE_BOUNDS));
  return movements;
}

interface PhaseResult {
  seconds: number;
  reasons: Array<{ reason: string; n: number }>;
}

async function phase(run: BenchRun, name: string, parties: BenchParties, good: number, bad: number): Promise<PhaseResult> {
  await run.enterPhase(name);
  const databaseUrl = await run.database();
  const at = { siteId: `poison-site`, itemId: 'item-0' };
  const movements = workload(parties.buyerId, at, good, bad);
  const messages = await Promise.all(
    movements.map(async (m) => ({ key: topics.stockMovements.keyOf(m), value: await run.codec.encode(topics.stockMovements, m) })),
  );
  const producer = run.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const services = await run.startServices(['inventory-ingest'], databaseUrl, parties);
  // Idle and subscribed before the records come: what is timed is their settling, not the boot.
  await waitUntil(run.limit, 'inventory-ingest to join its consumer group', async () => {
    const lag = await groupLag(run.admin, 'inventory-ingest');
    return { done: lag !== undefined, progress: 'joining' };
  });
  const sentAt = Date.now();
  await producer.send({ topic: topics.stockMovements.name, acks: -1, messages });
  await producer.disconnect();
  const doneAt = await waitUntil(run.limit, `the ${name} phase to settle`, async () => {
    const [levels, parked] = await Promise.all([recordsOn(run.admin, topics.stockLevels.name), deadLettered(run)]);
    return {
      done: levels >= good + 1 && parked >= bad,
      progress: `${levels} of ${good + 1} stock levels, ${parked} of ${bad} dead letters`,
    };
  });
  await run.stopServices(services);
  const reasons = await queryDatabase<{ reason: string; n: number }>(
    databaseUrl,
    `SELECT regexp_replace(reason, '[0-9]+', 'N', 'g') AS reason, count(*)::int AS n FROM inventory_ingest.dead_letter GROUP BY 1 ORDER BY 2 DESC`,
  ).catch(() => [{ reason: '(no dead_letter table in this version)', n: bad }]);
  return { seconds: (doneAt - sentAt) / 1000, reasons };
}

async function main(): Promise<number> {
  const options = settings();
  const run = await startBenchRun('smi_bench_poison', options.timeLimitSeconds, options);
  try {
    await run.admin.connect();
    const parties = writeBenchAgreements([{ siteId: 'poison-site', itemId: 'item-0' }]);
    await buildServices();
    const alone = await phase(run, 'good', parties, options.good, 0);
    console.log(`  ${options.good} good movements alone: ${alone.seconds.toFixed(2)} s`);
    const mixed = await phase(run, 'poison', parties, options.good, options.bad);
    console.log(`  ${options.good} good with ${options.bad} bad: ${mixed.seconds.toFixed(2)} s; dead letters:`);
    for (const { reason, n } of mixed.reasons) console.log(`    ${n} x ${reason.slice(0, 120)}`);
    const added = mixed.seconds - alone.seconds;
    console.log(
      `\npoison: ${options.bad} bad records among ${options.good} good on one partition settle in ${mixed.seconds.toFixed(2)} s ` +
        `against ${alone.seconds.toFixed(2)} s for the good alone: +${added.toFixed(2)} s, ${((1000 * added) / (options.bad || 1)).toFixed(1)} ms a bad record`,
    );
    return 0;
  } catch (error) {
    console.error(`\npoison bench did not finish: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await run.cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
