import { Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LONG_SECONDS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
const RECORDS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];
const HTTP = ['method', 'route', 'status_code'] as const;
const TOPIC = ['topic'] as const;
const PARTITION_OF_GROUP = ['consumergroup', 'topic', 'partition'] as const;

/** The counters of one consumed topic, bound to its label once: a run adds to them without a label lookup. */
export interface TopicConsumption {
  consumed: { inc(n: number): void };
  applied: { inc(n: number): void };
  duplicated: { inc(n: number): void };
  deadLettered: { inc(n: number): void };
  batchRecords: { observe(n: number): void };
}

/** Something read only when metrics are scraped (a count in Postgres, offsets on the broker). */
export type ScrapeRefresh = () => Promise<void>;

/**
 * The process's Prometheus metrics, one registry per process: the names are a contract that
 * dashboards and the operator page read. Instruments on the hot path are counted once per run
 * of records or per request; what costs a round trip (outbox depth, consumer lag) is read at
 * scrape time only, at most once per `refreshCacheMs` however many scrapers ask.
 */
export class PlatformMetrics {
  readonly registry = new Registry();

  readonly httpRequests = this.counter('http_requests_total', 'HTTP requests answered, by method, route pattern and status code.', HTTP);
  readonly httpRequestDuration = this.histogram(
    'http_request_duration_seconds',
    'Time from a request arriving to its answer being sent, by method, route pattern and status code.',
    SECONDS,
    HTTP,
  );

  private readonly recordsConsumed = this.counter(
    'smi_records_consumed_total',
    'Records taken off a topic and handed to a unit of work.',
    TOPIC,
  );
  private readonly recordsApplied = this.counter('smi_records_applied_total', 'Records applied by their handler and committed.', TOPIC);
  private readonly recordsDuplicated = this.counter(
    'smi_records_duplicated_total',
    'Records the inbox had applied already (a redelivery), skipped; handlers that deduplicate themselves count theirs as applied.',
    TOPIC,
  );
  private readonly recordsDeadLettered = this.counter(
    'smi_records_dead_lettered_total',
    "Records parked on the service's dead-letter topic instead of applied.",
    TOPIC,
  );
  private readonly batchRecords = this.histogram(
    'smi_batch_records',
    'Records per unit of work (one run of one partition) handed to a handler.',
    RECORDS,
    TOPIC,
  );

  readonly outboxDepth = this.gauge('smi_outbox_depth', 'Outbox rows committed and not yet relayed to Kafka.', []);
  readonly outboxRelayLatency = this.histogram(
    'smi_outbox_relay_latency_seconds',
    'Time from an outbox row being written to the broker acknowledging it.',
    SECONDS,
    [],
  );

  readonly forecastRunDuration = this.histogram(
    'smi_forecast_run_duration_seconds',
    'Duration of a forecast run over every series whose period closed.',
    LONG_SECONDS,
    [],
  );
  readonly planningDuration = this.histogram(
    'smi_planning_duration_seconds',
    'Duration of deciding replenishment for one batch of stock levels.',
    SECONDS,
    [],
  );

  // kafka_exporter's names and labels, so its dashboards and alerts work unchanged.
  readonly consumerGroupLag = this.gauge(
    'kafka_consumergroup_lag',
    'Records on a partition the consumer group has not committed past yet.',
    PARTITION_OF_GROUP,
  );
  readonly consumerGroupLagSum = this.gauge(
    'kafka_consumergroup_lag_sum',
    'Records on a topic the consumer group has not committed past yet, over all partitions.',
    ['consumergroup', 'topic'] as const,
  );
  readonly consumerGroupCurrentOffset = this.gauge(
    'kafka_consumergroup_current_offset',
    'The offset the consumer group committed on a partition (-1: none yet).',
    PARTITION_OF_GROUP,
  );
  readonly topicPartitionCurrentOffset = this.gauge(
    'kafka_topic_partition_current_offset',
    'The offset the next record written to a partition will get (its high watermark).',
    ['topic', 'partition'] as const,
  );
  readonly deadLetterRecords = this.gauge('smi_dead_letter_records', "Records kept on the service's dead-letter topic.", TOPIC);

  private readonly log = new Logger('Metrics');
  private readonly consumption = new Map<string, TopicConsumption>();
  private readonly refreshes: ScrapeRefresh[] = [];
  private refreshed?: { at: number; done: Promise<void> };

  constructor(private readonly refreshCacheMs = 1000) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The counters of a consumed topic (its real name, a party's own topic included). */
  consumptionOf(topic: string): TopicConsumption {
    let counters = this.consumption.get(topic);
    if (!counters) {
      counters = {
        consumed: this.recordsConsumed.labels(topic),
        applied: this.recordsApplied.labels(topic),
        duplicated: this.recordsDuplicated.labels(topic),
        deadLettered: this.recordsDeadLettered.labels(topic),
        batchRecords: this.batchRecords.labels(topic),
      };
      this.consumption.set(topic, counters);
    }
    return counters;
  }

  /** Adds something to read before each scrape; a refresh that fails leaves its metrics as it set them (it resets what it cannot read). */
  onScrape(refresh: ScrapeRefresh): void {
    this.refreshes.push(refresh);
  }

  /** The Prometheus text exposition, after the scrape-time readings (shared by scrapers that come within the cache time). */
  async exposition(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private refresh(): Promise<void> {
    const now = Date.now();
    if (!this.refreshed || now - this.refreshed.at >= this.refreshCacheMs) {
      const done = Promise.all(
        this.refreshes.map((refresh) =>
          refresh().catch((error) => this.log.warn(`a scrape-time reading failed: ${(error as Error).message}`)),
        ),
      ).then(() => undefined);
      this.refreshed = { at: now, done };
    }
    return this.refreshed.done;
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, buckets, labelNames, registers: [this.registry] });
  }
}

let processMetrics: PlatformMetrics | undefined;

/** This process's metrics (one registry per process). */
export function platformMetrics(): PlatformMetrics {
  processMetrics ??= new PlatformMetrics();
  return processMetrics;
}

/** Runs `work` and observes how long it took, in seconds, also when it fails. */
export async function timed<T>(histogram: { observe(seconds: number): void }, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  try {
    return await work();
  } finally {
    histogram.observe(Number(process.hrtime.bigint() - started) / 1e9);
  }
}

/** What `work` gives within `ms`, else an error: a scrape never waits long for a broker or a database that does not answer. */
export function withinMs<T>(work: Promise<T>, ms: number, what = 'the reading'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // A reading that fails after the scrape gave up on it is of no one's concern.
  work.catch(() => undefined);
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
