import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import { PLATFORM_SERVICES, PlatformService } from '../platform/service-urls';
import type { DashboardRequest } from '../session/session.middleware';
import type { Viewer } from '../session/viewer';
import { DeadLetterSummary, HealthAnswer, operationsViewOf, ServiceObservation } from './operations-view';
import { figuresSection, operationsContent, orderTraceFragment } from './operations.view';
import { LookedUpOrder, orderTraceOf } from './order-trace';
import { jaegerUiUrlOf } from './trace-link';

const HTML = 'text/html; charset=utf-8';

/** How many of each service's latest dead letters the page shows. */
const LATEST_DEAD_LETTERS = 5;

/**
 * The operator's page: each service's health, consumer lag per group and partition, outbox depth, dead-letter
 * topics with counts and the latest records' reasons, and an order's trace. Read with the operator's own key
 * from each service's /health, /metrics and /dead-letters; a service that does not answer is shown so.
 */
@Controller('operations')
export class OperationsController {
  private readonly jaegerUiUrl = jaegerUiUrlOf(process.env);

  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', HTML)
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const view = operationsViewOf(await this.observeAll(viewer));
    return page(viewer, '/operations', 'Operations', operationsContent(view)).text;
  }

  /** The figures alone, for the page's refresh in place. */
  @Get('figures')
  @Header('Content-Type', HTML)
  async figures(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    return String(figuresSection(operationsViewOf(await this.observeAll(viewer))));
  }

  @Get('order')
  @Header('Content-Type', HTML)
  async order(@Req() request: DashboardRequest, @Query('orderId') orderId: unknown): Promise<string> {
    const viewer = request.viewer!;
    const id = typeof orderId === 'string' ? orderId.trim() : '';
    const answer = id
      ? await this.api.get<LookedUpOrder>('replenishment', `/orders/${encodeURIComponent(id)}`, viewer.apiKey)
      : { ok: false as const, service: 'replenishment' as const, status: 400, message: 'give an order id' };
    const trace = answer.ok
      ? orderTraceOf(answer.value, this.jaegerUiUrl)
      : { kind: 'unknown' as const, message: `${id || 'No order'}: ${answer.message}` };
    const fragment = orderTraceFragment(trace);
    return request.headers['hx-request'] ? String(fragment) : page(viewer, '/operations', 'Operations', fragment).text;
  }

  private observeAll(viewer: Viewer): Promise<ServiceObservation[]> {
    return Promise.all((Object.keys(PLATFORM_SERVICES) as PlatformService[]).map((service) => this.observe(service, viewer.apiKey)));
  }

  private async observe(service: PlatformService, apiKey: string): Promise<ServiceObservation> {
    const [health, metrics, deadLetters] = await Promise.all([
      this.api.get<HealthAnswer>(service, '/health', apiKey),
      this.api.text(service, '/metrics', apiKey),
      this.api.get<{ deadLetters: DeadLetterSummary[] }>(service, `/dead-letters?limit=${LATEST_DEAD_LETTERS}`, apiKey),
    ]);
    return {
      service,
      // /health answers 503 with the same body when the broker or the database is down: that is "down", not silence.
      health: health.ok ? health : health.status === 503 ? { ok: true, value: { status: 'down' } } : health,
      metrics,
      deadLetters: deadLetters.ok ? { ok: true, value: deadLetters.value.deadLetters } : deadLetters,
    };
  }
}
