import { ConsoleLogger, INestApplication, Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { consumedRecordProblems } from '@smi/agreements';
import { AvroCodec } from '@smi/contracts';
import {
  ensureTopics,
  EventPublisher,
  KafkaEventServer,
  KeepHandlerErrors,
  OutboxRelay,
  platformTopicSpecs,
  UnitOfWork,
} from '@smi/messaging';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { platformMetrics } from '@smi/metrics';
import { describeApi } from './api-docs';
import { hardenHttp, TimeBoundExpressAdapter } from './http-hardening';
import { countHttpRequests } from './http-metrics';
import { httpLimitsFromEnv } from './http-limits';
import { PartyDirectory } from './parties';
import { observeService } from './service-metrics';

export interface BootOptions {
  service: string;
  /** HTTP port when PORT is not set. */
  defaultPort: number;
  /** Partitions the event consumer applies at once (default 3). */
  concurrentPartitions?: number;
}

export interface RunningService {
  app: INestApplication;
  events: KafkaEventServer;
  port: number;
}

/** One JSON object a line: a client's string with a newline in it stays inside its line, escaped. */
export const jsonLinesLogger = new ConsoleLogger({ json: true, colors: false, logLevels: ['error', 'warn', 'log'] });

/**
 * Starts a service: HTTP API, the Kafka event consumer (its @ConsumeEvents
 * handlers), and the outbox relay. Topics are created if missing, so a service
 * can start against a fresh broker.
 */
export async function bootService(appModule: Type<unknown>, options: BootOptions): Promise<RunningService> {
  Logger.overrideLogger(jsonLinesLogger);
  try {
    return await start(appModule, options);
  } catch (error) {
    // A service that cannot reach its broker or database at boot exits, so its supervisor restarts it.
    new Logger(options.service).error(`could not start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}

function fetchBytesPerPartitionFromEnv(): number | undefined {
  const text = process.env.SMI_KAFKA_FETCH_BYTES_PER_PARTITION;
  if (text === undefined || text === '') return undefined;
  const bytes = Number(text);
  if (!Number.isInteger(bytes) || bytes < 1024)
    throw new Error(`SMI_KAFKA_FETCH_BYTES_PER_PARTITION must be a whole number of bytes, 1024 or more (got ${text})`);
  return bytes;
}

async function start(appModule: Type<unknown>, options: BootOptions): Promise<RunningService> {
  const limits = httpLimitsFromEnv();
  // Nest's body parser is off: hardenHttp mounts its own after the API key is checked.
  const app = await NestFactory.create(appModule, new TimeBoundExpressAdapter(limits), { bodyParser: false, logger: jsonLinesLogger });
  app.use(countHttpRequests(platformMetrics()));
  hardenHttp(app, limits, app.get(PartyDirectory));
  describeApi(app, { service: options.service });
  app.enableShutdownHooks();
  // With the topics of the parties it knows: a consumer of buyers' inbound topics subscribes to them by pattern.
  await ensureTopics(app.get(Kafka), platformTopicSpecs(app.get(PartyDirectory).all()));
  const events = new KafkaEventServer({
    service: options.service,
    kafka: app.get(Kafka),
    dataSource: app.get(DataSource),
    codec: app.get(AvroCodec),
    publisher: app.get(EventPublisher),
    unitOfWork: app.get(UnitOfWork),
    boundsProblems: (topic, event) => consumedRecordProblems(topic.contractName, event),
    // Keys never span partitions: runs of three partitions overlap their round trips to Postgres, which is where a
    // service waits. Rows shared across keys (an agreement's accuracy, a supplier's capacity) are locked in key order.
    concurrentPartitions: options.concurrentPartitions ?? 3,
    fetchBytesPerPartition: fetchBytesPerPartitionFromEnv(),
  });
  // Deferred, so the filter below is in place before Nest wraps the handlers.
  const microservice = app.connectMicroservice({ strategy: events }, { deferInitialization: true });
  microservice.useGlobalFilters(new KeepHandlerErrors());
  await app.startAllMicroservices();
  observeService(app, events, options.service);
  app.get(OutboxRelay).start();
  const port = Number(process.env.PORT ?? options.defaultPort);
  await app.listen(port, limits.host);
  new Logger(options.service).log(`${options.service} listening on http://${limits.host}:${port} (health: /health, API: /docs)`);
  return { app, events, port };
}
