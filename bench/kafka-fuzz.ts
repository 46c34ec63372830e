/**
 * What bad records cost the good ones beside them: inventory-ingest applies `--good` valid stock
 * movements alone, then the same number with `--bad` bad records between them (same keys, so the
 * same partitions), and reports when the last valid movement was applied and the last bad record
 * dead-lettered. The difference is the delay the bad records add.
 *
 *   npm run bench:kafka-fuzz -- --good 200 --bad 1000 --kinds undecodable
 *
 * Kinds: undecodable (garbage, tombstones, unknown schema id, truncated Avro), rejected (valid Avro
 * a business rule refuses: NaN, a negative receipt; repeated copies of one are one event, deduplicated, so fewer
 * are dead-lettered than sent), storage (values only Postgres
 * refuses today: 1e12, 1e308, a NUL byte; each is retried before it is dead-lettered, so keep --bad small).
 */
import { deadLetterTopicOf, StockMovement, topics } from '@smi/contracts';
import {
  badRecordsOf,
  FUZZ_CASE_HEADER,
  fuzzSeed,
  interleaved,
  KafkaTestClient,
  OutOfRange,
  provideInfrastructure,
  queryDatabase,
} from '@smi/testing';
import { parseArgs } from 'node:util';
import { buildServices } from '../tools/build-services';
import { BenchRun } from './pipeline/bench-run';
import { TimeLimit } from './pipeline/progress';
import { SiteItem, siteItems, writeBenchAgreements } from './pipeline/workload';

const KINDS: Record<string, { undecodable: boolean; outOfRange: OutOfRange<StockMovement> }> = {
  undecodable: { undecodable: true, outOfRange: [] },
  rejected: {
    undecodable: false,
    outOfRange: [
      ['quantity NaN', { quantity: NaN }],
      ['quantity Infinity', { quantity: Infinity }],
      ['receipt of -5', { quantity: -5 }],
    ],
  },
  storage: {
    undecodable: false,
    outOfRange: [
      ['quantity 1e12', { quantity: 1e12 }],
      ['quantity 1e308', { quantity: 1e308 }],
      ['NUL in siteId', { siteId: 'a\u0000b' }],
    ],
  },
};

interface Outcome {
  scenario: string;
  records: number;
  bad: number;
  deadLettered: number;
  appliedAfterS: number;
  deadLetteredAfterS: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      good: { type: 'string', default: '200' },
      bad: { type: 'string', default: '1000' },
      kinds: { type: 'string', default: 'undecodable' },
      keys: { type: 'string', default: '20' },
      'time-limit': { type: 'string', default: '900' },
    },
  });
  const good = Number(values.good);
  const bad = Number(values.bad);
  const keyCount = Number(values.keys);
  const kinds = values.kinds.split(',');
  for (const kind of kinds) if (!KINDS[kind]) throw new Error(`--kinds: ${kind} is not one of ${Object.keys(KINDS).join(', ')}`);

  const infrastructure = await provideInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  await buildServices();
  const id = `bench-kfuzz-${Date.now().toString(36)}`;
  const run = new BenchRun(id, infrastructure.databaseUrl, new TimeLimit(Number(values['time-limit'])));
  const interrupted = () => void run.cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const kafka = new KafkaTestClient(infrastructure.kafkaBrokers);
  try {
    const [cleanKeys, fuzzedKeys] = [siteItems(keyCount, `${id}-clean`), siteItems(keyCount, `${id}-fuzzed`)];
    const parties = writeBenchAgreements([...cleanKeys, ...fuzzedKeys]);
    await run.enterPhase('kfuzz');
    const database = await run.database();
    await run.startServices(['inventory-ingest'], database, parties);
    const movementsFor = (keys: SiteItem[], tag: string): StockMovement[] =>
      Array.from({ length: good }, (_, n) => {
        const key = keys[n % keys.length];
        return {
          eventId: `${tag}-${n}`,
          buyerId: parties.buyerId,
          siteId: key.siteId,
          itemId: key.itemId,
          kind: 'RECEIPT',
          quantity: 1,
          unit: 'EA',
          occurredAt: new Date(Date.now() - 3_600_000 + n),
          source: 'bench-kafka-fuzz',
          orderReference: null,
        };
      });
    const measure = async (scenario: string, keys: SiteItem[], badCount: number): Promise<Outcome> => {
      const valid = movementsFor(keys, `${id}-${scenario}`);
      const template = { ...valid[0], eventId: `${id}-${scenario}-bad` };
      const badRecords = [];
      for (const kind of kinds) {
        const made = await badRecordsOf(kafka.codec, topics.stockMovements, template, KINDS[kind].outOfRange, fuzzSeed());
        badRecords.push(...(KINDS[kind].undecodable ? made : made.slice(-KINDS[kind].outOfRange.length)));
      }
      const { messages, badCases } =
        badCount === 0
          ? await interleaved(kafka.codec, topics.stockMovements, valid, [], { run: id, perValid: 0 })
          : await interleaved(kafka.codec, topics.stockMovements, valid, badRecords, {
              run: `${id}-${scenario}`,
              perValid: Math.ceil(badCount / good),
              copies: Math.ceil(badCount / badRecords.length),
            });
      const started = performance.now();
      await kafka.publisher.sendAll(messages);
      const appliedAfterS = await (async () => {
        const sites = [...new Set(keys.map((k) => k.siteId))];
        for (;;) {
          const [row] = await queryDatabase<{ applied: number }>(
            database,
            'SELECT coalesce(sum(sequence), 0)::int AS applied FROM inventory_ingest.on_hand WHERE site_id = ANY($1)',
            [sites],
          );
          if (row.applied >= good) return (performance.now() - started) / 1000;
          run.limit.check(`${scenario}: the valid movements to be applied`, `${row.applied} of ${good} applied`);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const dead =
        badCases.length === 0
          ? []
          : await kafka.waitForRaw(
              deadLetterTopicOf('inventory-ingest'),
              (r) => r.headers[FUZZ_CASE_HEADER]?.startsWith(`${id}-${scenario}:`) ?? false,
              { count: badCases.length, timeoutMs: run.limit.remainingMs(), fewerOnTimeout: true },
            );
      return {
        scenario,
        records: messages.length,
        bad: badCases.length,
        deadLettered: dead.length,
        appliedAfterS,
        deadLetteredAfterS: badCases.length === 0 ? 0 : (performance.now() - started) / 1000,
      };
    };
    const clean = await measure('clean', cleanKeys, 0);
    const fuzzed = await measure('fuzzed', fuzzedKeys, bad);
    console.log(`\nkafka fuzz bench: ${good} valid stock movements on ${keyCount} keys, bad kinds ${kinds.join(', ')}`);
    console.log('| run | records | bad | dead-lettered | all valid applied after (s) | all bad dead-lettered after (s) |');
    console.log('|---|---|---|---|---|---|');
    for (const o of [clean, fuzzed]) {
      console.log(
        `| ${o.scenario} | ${o.records} | ${o.bad} | ${o.deadLettered} | ${o.appliedAfterS.toFixed(2)} | ${o.bad === 0 ? '-' : o.deadLetteredAfterS.toFixed(2)} |`,
      );
    }
    console.log(
      `KAFKA FUZZ BENCH added delay ${(fuzzed.appliedAfterS - clean.appliedAfterS).toFixed(2)} s to apply ${good} valid movements among ${fuzzed.bad} bad records (${fuzzed.deadLettered} dead-lettered)`,
    );
  } finally {
    await kafka.disconnect();
    await run.cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
