/**
 * Stock movement files beside the Kafka path (issue 16), in one run on the local stack: the broker's raw
 * produce rate of StockMovement records, the platform's Kafka ingest rate (movements on the topic until
 * inventory-ingest has applied them all, as the pipeline bench measures "ingest alone"), and a CSV of
 * --rows rows uploaded through POST /stock-movement-files until every row is applied, with
 * inventory-ingest's peak RSS over the upload.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/stock-movement-files.ts [--rows=1000000]
 *     [--movements=200000] [--site-items=10000] [--producer-records=500000] [--time-limit=3600]
 *     [--heap-mib=192] [--semi-space-mib=16]   (inventory-ingest's V8 settings, as deploy/services.sh runs it)
 *
 * Each option may also come from the environment (BENCH_ROWS, BENCH_MOVEMENTS, ...). See bench/README.md,
 * section "Stock movement files".
 */
import { ServiceProcess } from '@smi/testing';
import { createReadStream, createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { buildServices } from '../tools/build-services';
import { startBenchRun, BenchRun } from './pipeline/bench-run';
import { measureIngestAlone, ThroughputResult, waitForEveryStockLevel } from './pipeline/ingest';
import { sleep, waitUntil } from './pipeline/progress';
import { measureRawKafka, RawKafkaResult } from './pipeline/raw-kafka';
import { RssSampler } from './pipeline/rss';
import { BenchParties, SiteItem, siteItems, throughputMovements, writeBenchAgreements } from './pipeline/workload';

const OPTIONS = {
  rows: 1_000_000,
  movements: 200_000,
  'site-items': 10_000,
  'producer-records': 500_000,
  'time-limit': 3600,
  'heap-mib': 0,
  'semi-space-mib': 0,
};
type Option = keyof typeof OPTIONS;

function settings() {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])) as Record<Option, { type: 'string' }>,
  });
  const number = (name: Option) => {
    const text = String(values[name] ?? process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`] ?? OPTIONS[name]);
    const n = Number(text);
    if ((name === 'heap-mib' || name === 'semi-space-mib') && n === 0) return 0;
    if (!(n > 0)) throw new Error(`--${name} must be a number above 0 (got ${text})`);
    return n;
  };
  return {
    rows: number('rows'),
    movements: number('movements'),
    siteItems: number('site-items'),
    producerRecords: number('producer-records'),
    timeLimitSeconds: number('time-limit'),
    /** When set, inventory-ingest runs with --max-old-space-size of this many MiB in both phases (NODE_OPTIONS). */
    heapMiB: number('heap-mib'),
    /** When set, inventory-ingest runs with --max-semi-space-size of this many MiB (the young generation's half) in both phases. */
    semiSpaceMiB: number('semi-space-mib'),
  };
}

interface FileResult {
  rows: number;
  bytes: number;
  /** From the first byte sent to the 202. */
  uploadSeconds: number;
  /** From the first byte sent until every row's stock level is on the topic. */
  seconds: number;
  perSecond: number;
  peakRssMiB: number;
  /** The peak once the service answered /health, before the upload: what it holds before any file. */
  bootPeakMiB: number;
  rejected: number;
}

/** The throughput workload (the pipeline bench's: a receipt per site x item, then consumptions of 1 in rounds) as a movements CSV. */
async function writeCsv(parties: BenchParties, keys: SiteItem[], rows: number): Promise<{ file: string; rows: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'smi-bench-files-')), 'movements.csv');
  const out = createWriteStream(file);
  let written = 0;
  let text = 'movement_id,site_id,item_id,kind,quantity,unit,occurred_at\n';
  const occurredAt = new Date().toISOString();
  for (const m of throughputMovements(parties.buyerId, keys, rows)) {
    text += `${m.eventId},${m.siteId},${m.itemId},${m.kind},${m.quantity},${m.unit},${occurredAt}\n`;
    written++;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
  return { file, rows: written };
}

/** Streams the file as the raw body of POST /stock-movement-files; resolves with the answer once it comes. */
function upload(service: ServiceProcess, apiKey: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${service.baseUrl}/stock-movement-files`,
      { method: 'POST', headers: { 'content-type': 'text/csv', 'content-length': statSync(file).size, 'x-api-key': apiKey } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (piece: string) => (body += piece));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

async function measureFile(run: BenchRun, parties: BenchParties, keys: SiteItem[], rows: number): Promise<FileResult> {
  await run.enterPhase('file');
  const databaseUrl = await run.database();
  const csv = await writeCsv(parties, keys, rows);
  const bytes = statSync(csv.file).size;
  // A file of this size takes longer to arrive than a JSON body may; the limit on size is the file's own.
  process.env.SMI_HTTP_REQUEST_TIMEOUT_MS = String(run.limit.remainingMs());
  process.env.SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES = String(Math.max(bytes, 256 * 1024 * 1024));
  const [ingest] = await run.startServices(['inventory-ingest'], databaseUrl, parties);
  const rss = new RssSampler();
  rss.watch('inventory-ingest', ingest.child.pid!);
  const bootPeakMiB = rss.usage().get('inventory-ingest')!.peakMiB;
  const startedAt = Date.now();
  const answer = await upload(ingest, parties.buyerApiKey, csv.file);
  const answeredAt = Date.now();
  if (answer.status !== 202) throw new Error(`the upload was answered ${answer.status}: ${answer.body}`);
  const { jobId } = JSON.parse(answer.body) as { jobId: string };
  const doneAt = await waitForEveryStockLevel(run, csv.rows, 'inventory-ingest to apply every row of the file');
  const job = await waitUntil(run.limit, 'the file job to end', async () => {
    const state = (await (
      await fetch(`${ingest.baseUrl}/stock-movement-files/${jobId}`, { headers: { 'x-api-key': parties.buyerApiKey } })
    ).json()) as {
      status: string;
      rejected: number;
    };
    return { done: state.status === 'done' || state.status === 'failed', progress: JSON.stringify(state) };
  }).then(async () =>
    (await fetch(`${ingest.baseUrl}/stock-movement-files/${jobId}`, { headers: { 'x-api-key': parties.buyerApiKey } })).json(),
  );
  await sleep(600); // one more reading of the peak
  const peak = rss.usage().get('inventory-ingest')!.peakMiB;
  rss.stop();
  await run.stopServices([ingest]);
  const seconds = (doneAt - startedAt) / 1000;
  return {
    rows: csv.rows,
    bytes,
    uploadSeconds: (answeredAt - startedAt) / 1000,
    seconds,
    perSecond: csv.rows / seconds,
    peakRssMiB: peak,
    bootPeakMiB,
    rejected: (job as { rejected: number }).rejected,
  };
}

async function main(): Promise<number> {
  const options = settings();
  const run = await startBenchRun('smi_bench_files', options.timeLimitSeconds, options);
  let rawKafka: RawKafkaResult | undefined;
  let ingest: ThroughputResult | undefined;
  let file: FileResult | undefined;
  let ingestPeakMiB: number | undefined;
  let failure: Error | undefined;
  try {
    await run.admin.connect();
    const keys = siteItems(options.siteItems, 'bench');
    const parties = writeBenchAgreements(keys);
    await buildServices();
    // Set for the services started from here on, not for this process.
    const nodeOptions = [
      process.env.NODE_OPTIONS ?? '',
      options.heapMiB > 0 ? `--max-old-space-size=${options.heapMiB}` : '',
      options.semiSpaceMiB > 0 ? `--max-semi-space-size=${options.semiSpaceMiB}` : '',
    ];
    process.env.NODE_OPTIONS = nodeOptions.filter(Boolean).join(' ');
    step('1/3 raw producer rate (ProducerPerformance)');
    await run.enterPhase('raw-kafka', false);
    rawKafka = await measureRawKafka(run, options.producerRecords);
    step(`2/3 Kafka ingest: ${options.movements} movements on the topic, then inventory-ingest alone`);
    ingest = await measureIngestAlone(run, parties, keys, options.movements);
    ingestPeakMiB = run.rss.usage().get('inventory-ingest')?.peakMiB;
    step(`3/3 a CSV of ${options.rows} rows through POST /stock-movement-files`);
    file = await measureFile(run, parties, keys, options.rows);
  } catch (error) {
    failure = error as Error;
  } finally {
    await run.cleanUp();
  }
  const whole = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log('');
  if (rawKafka)
    console.log(
      `raw producer (ProducerPerformance, acks=all)  ${whole(rawKafka.perSecond)} records/s  (${whole(rawKafka.records)} records of ${rawKafka.recordBytes} bytes)`,
    );
  if (ingest) {
    console.log(
      `Kafka ingest (inventory-ingest alone)        ${whole(ingest.perSecond)} movements/s  (${whole(ingest.movements)} movements over ${whole(ingest.siteItems)} site x items in ${ingest.seconds.toFixed(1)} s); inventory-ingest peak RSS ${whole(ingestPeakMiB ?? 0)} MiB`,
    );
  }
  if (file) {
    console.log(
      `file upload (CSV, POST /stock-movement-files) ${whole(file.perSecond)} rows/s  (${whole(file.rows)} rows, ${(file.bytes / 2 ** 20).toFixed(1)} MiB, ` +
        `stored and answered 202 in ${file.uploadSeconds.toFixed(1)} s, all applied in ${file.seconds.toFixed(1)} s, ${file.rejected} rejected); ` +
        `inventory-ingest peak RSS ${whole(file.peakRssMiB)} MiB (${whole(file.bootPeakMiB)} MiB once booted, before the upload)`,
    );
  }
  if (failure) {
    console.error(`\nbench did not finish: ${failure.stack ?? failure.message}`);
    return 1;
  }
  console.log(
    `\nfiles: ${whole(file!.perSecond)} rows/s = ${((100 * file!.perSecond) / ingest!.perSecond).toFixed(0)}% of the Kafka ingest rate (target >= 50%); ` +
      `peak RSS ${whole(file!.peakRssMiB)} MiB (target <= 300)`,
  );
  return 0;
}

function step(what: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${what} ...`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
