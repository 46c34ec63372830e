import { type MetricSample, parsePrometheusText, samplesNamed } from './prometheus-text';

/** What one call to a service gave: its answer, or why there is none (shown as "not available"); the platform API's Answer fits. */
export type Fetched<T> = { ok: true; value: T } | { ok: false; message: string };

export interface HealthAnswer {
  status?: unknown;
  database?: unknown;
  kafka?: unknown;
}

/** One row of a service's `GET /dead-letters` (newest first). */
export interface DeadLetterSummary {
  id: string;
  /** The topic the record was read from. */
  topic: string;
  key: string | null;
  reason: string;
  failedAt: string;
  replayedAt: string | null;
}

/** Everything the operator page asked one service. */
export interface ServiceObservation {
  service: string;
  health: Fetched<HealthAnswer>;
  /** `/metrics` in Prometheus text. */
  metrics: Fetched<string>;
  deadLetters: Fetched<DeadLetterSummary[]>;
}

export interface ServiceRow {
  service: string;
  /** up and down are the service's own words; unreachable when it did not answer. */
  status: 'up' | 'down' | 'unreachable';
  database: string;
  kafka: string;
  /** Outbox rows not yet relayed; null when /metrics was not available or did not report it. */
  outboxDepth: number | null;
  /** Records behind over all its groups and partitions; null when /metrics was not available or reported no group. */
  lag: number | null;
  /** Records on its dead-letter topics; null when /metrics was not available or did not report it. */
  deadLetters: number | null;
  /** Why the metric figures are missing. */
  metricsUnavailable?: string;
}

/** One consumer group on one topic: its lag in all, and on each partition. */
export interface LagRow {
  service: string;
  group: string;
  topic: string;
  /** Records behind over the topic's partitions. */
  lag: number;
  /** Every partition the group reads, in partition order. */
  partitions: { partition: number; lag: number }[];
}

export interface DeadLetterPanel {
  service: string;
  /** Each dead-letter topic of the service with its record count (empty when /metrics was not available). */
  topics: { topic: string; records: number }[];
  latest: DeadLetterSummary[];
  /** Why the latest records are missing. */
  latestUnavailable?: string;
  metricsUnavailable?: string;
}

export interface OperationsView {
  services: ServiceRow[];
  /** Each consumer group of a service on each topic it reads, most behind first. */
  lag: LagRow[];
  deadLetters: DeadLetterPanel[];
}

/** The operator page from what each service answered; a service that answered nothing is still listed. */
export function operationsViewOf(observations: readonly ServiceObservation[]): OperationsView {
  const read = observations.map((o) => ({
    observation: o,
    samples: o.metrics.ok ? parsePrometheusText(o.metrics.value).samples : undefined,
  }));
  return {
    services: read.map(({ observation, samples }) => serviceRowOf(observation, samples)),
    lag: read
      .flatMap(({ observation, samples }) => (samples ? lagRowsOf(observation.service, samples) : []))
      .sort(
        (a, b) => b.lag - a.lag || a.service.localeCompare(b.service) || a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic),
      ),
    deadLetters: read.map(({ observation, samples }) => deadLetterPanelOf(observation, samples)),
  };
}

function serviceRowOf(observation: ServiceObservation, samples: MetricSample[] | undefined): ServiceRow {
  const { service, health, metrics } = observation;
  const words = (value: unknown) => (typeof value === 'string' && value !== '' ? value : 'unknown');
  const status = !health.ok ? 'unreachable' : health.value.status === 'up' ? 'up' : 'down';
  return {
    service,
    status,
    database: health.ok ? words(health.value.database) : 'unknown',
    kafka: health.ok ? words(health.value.kafka) : 'unknown',
    outboxDepth: samples ? sumOf(samplesNamed(samples, 'smi_outbox_depth')) : null,
    lag: samples ? sumOf(samplesNamed(samples, 'kafka_consumergroup_lag')) : null,
    deadLetters: samples ? sumOf(samplesNamed(samples, 'smi_dead_letter_records')) : null,
    ...(metrics.ok ? {} : { metricsUnavailable: metrics.message }),
  };
}

function lagRowsOf(service: string, samples: MetricSample[]): LagRow[] {
  const rows = new Map<string, LagRow>();
  for (const s of samplesNamed(samples, 'kafka_consumergroup_lag')) {
    if (!Number.isFinite(s.value)) continue;
    const group = s.labels.consumergroup ?? '';
    const topic = s.labels.topic ?? '';
    const key = JSON.stringify([group, topic]);
    const row = rows.get(key) ?? { service, group, topic, lag: 0, partitions: [] };
    row.lag += s.value;
    row.partitions.push({ partition: Number(s.labels.partition ?? NaN), lag: s.value });
    rows.set(key, row);
  }
  for (const row of rows.values()) row.partitions.sort((a, b) => a.partition - b.partition);
  return [...rows.values()];
}

function deadLetterPanelOf(observation: ServiceObservation, samples: MetricSample[] | undefined): DeadLetterPanel {
  const { service, deadLetters, metrics } = observation;
  return {
    service,
    topics: samples
      ? samplesNamed(samples, 'smi_dead_letter_records')
          .map((s) => ({ topic: s.labels.topic ?? '', records: s.value }))
          .sort((a, b) => a.topic.localeCompare(b.topic))
      : [],
    latest: deadLetters.ok ? deadLetters.value : [],
    ...(deadLetters.ok ? {} : { latestUnavailable: deadLetters.message }),
    ...(metrics.ok ? {} : { metricsUnavailable: metrics.message }),
  };
}

/** The sum of the finite samples; null when the service reported none (a 0 would claim a count it never gave). */
function sumOf(samples: MetricSample[]): number | null {
  const finite = samples.filter((s) => Number.isFinite(s.value));
  return finite.length === 0 ? null : finite.reduce((sum, s) => sum + s.value, 0);
}
