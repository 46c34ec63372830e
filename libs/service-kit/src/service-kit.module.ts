import { BusinessClock, businessClockFrom } from './business-clock';
import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AgreementBook, loadSeedVersions } from '@smi/agreements';
import { AvroCodec } from '@smi/contracts';
import {
  createKafka,
  EventPublisher,
  messagingEntities,
  MessagingTables1764028800000,
  OutboxRelay,
  ScopedInboxAndDeadLetters1796601600000,
  UnitOfWork,
} from '@smi/messaging';
import { openServiceDatabase } from '@smi/persistence';
import { Admin, Kafka } from 'kafkajs';
import { DataSource, EntitySchema } from 'typeorm';
import { AgreementFeed } from './agreement-feed';
import { ApiKeyGuard } from './api-key.guard';
import { DeadLettersHttpController } from './dead-letters.http.controller';
import { HealthController, KAFKA_ADMIN, SERVICE_NAME } from './health.controller';
import { MetricsHttpController } from './metrics.http.controller';
import { PartyDirectory } from './parties';

export interface ServiceKitOptions {
  /** The service's name: its Postgres schema, consumer group, dead-letter topic and Kafka client id. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Array<Function | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
}

/** Closes connections in the reverse order they were opened. */
@Injectable()
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    private readonly agreementFeed: AgreementFeed,
    private readonly relay: OutboxRelay,
    private readonly publisher: EventPublisher,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.agreementFeed.stop();
    await this.relay.stop();
    await this.publisher.disconnect();
    await this.admin.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * What every service needs besides its features: its database schema (migrated),
 * the Kafka client, the Avro codec, the publisher and outbox relay, API-key
 * authentication on every route, the parties, the agreements (the seed file and
 * the agreements topic, kept live), /health, and /dead-letters and /metrics for operators.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forService(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      controllers: [HealthController, DeadLettersHttpController, MetricsHttpController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        {
          provide: DataSource,
          useFactory: () =>
            openServiceDatabase({
              service: options.service,
              entities: [...messagingEntities, ...(options.entities ?? [])],
              migrations: [MessagingTables1764028800000, ScopedInboxAndDeadLetters1796601600000, ...(options.migrations ?? [])],
            }),
        },
        { provide: Kafka, useFactory: () => createKafka(`smi-${options.service}`) },
        {
          provide: KAFKA_ADMIN,
          inject: [Kafka],
          useFactory: async (kafka: Kafka) => {
            const admin = kafka.admin();
            await admin.connect();
            return admin;
          },
        },
        { provide: AvroCodec, useFactory: () => new AvroCodec() },
        {
          provide: EventPublisher,
          inject: [Kafka, AvroCodec],
          useFactory: async (kafka: Kafka, codec: AvroCodec) => {
            const publisher = new EventPublisher(kafka, codec);
            await publisher.connect();
            return publisher;
          },
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, EventPublisher],
          useFactory: (dataSource: DataSource, publisher: EventPublisher) => new OutboxRelay(dataSource, publisher),
        },
        {
          provide: UnitOfWork,
          inject: [DataSource, AvroCodec, OutboxRelay],
          useFactory: (dataSource: DataSource, codec: AvroCodec, relay: OutboxRelay) => new UnitOfWork(dataSource, codec, relay),
        },
        { provide: PartyDirectory, useFactory: () => PartyDirectory.fromFile() },
        { provide: BusinessClock, useFactory: () => businessClockFrom(process.env, (m) => new Logger('BusinessClock').warn(m)) },
        {
          provide: AgreementFeed,
          inject: [Kafka, KAFKA_ADMIN, AvroCodec, UnitOfWork],
          useFactory: async (kafka: Kafka, admin: Admin, codec: AvroCodec, unitOfWork: UnitOfWork) => {
            // The file is read first, so an invalid one stops the service before it touches the broker.
            const seed = loadSeedVersions();
            const feed = new AgreementFeed({ kafka, admin, codec, service: options.service, unitOfWork });
            await feed.start(seed);
            return feed;
          },
        },
        // Nest resolves providers before any consumer or HTTP listener starts, so services begin with the book caught up.
        { provide: AgreementBook, inject: [AgreementFeed], useFactory: (feed: AgreementFeed) => feed.book },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        ConnectionsCloser,
      ],
      exports: [
        SERVICE_NAME,
        DataSource,
        Kafka,
        KAFKA_ADMIN,
        AvroCodec,
        EventPublisher,
        OutboxRelay,
        UnitOfWork,
        PartyDirectory,
        AgreementBook,
        BusinessClock,
      ],
    };
  }
}
