import { Controller, Get, HttpCode, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { databaseAnswers } from '@smi/persistence';
import type { Response } from 'express';
import { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PublicRoute } from './api-key.guard';
import { HealthDto } from './health.dto';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Liveness for operators and orchestrators: 200 when the broker and the database both answer, 503 otherwise. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly kafkaAdmin: Admin,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get()
  @PublicRoute()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Whether the service can work: its database and its broker both answer',
    description:
      'For probes and operators; needs no API key. 200 when Postgres and Kafka both answer (Kafka within 3 s), ' +
      '503 with the same body, naming which one is down, otherwise.',
  })
  @ApiOkResponse({ description: 'Both answer.', type: HealthDto })
  @ApiServiceUnavailableResponse({
    description: 'The database or the broker does not answer; the body says which.',
    type: HealthDto,
    example: { service: 'inventory-ingest', status: 'down', database: 'up', kafka: 'down' },
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const [database, kafka] = await Promise.all([databaseAnswers(this.dataSource), this.kafkaAnswers()]);
    const healthy = database && kafka;
    if (!healthy) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { service: this.service, status: healthy ? 'up' : 'down', database: database ? 'up' : 'down', kafka: kafka ? 'up' : 'down' };
  }

  private async kafkaAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const cluster = await Promise.race([
        this.kafkaAdmin.describeCluster(),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 3000))),
      ]);
      return cluster.brokers.length > 0;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
