import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { ForecastRecomputation } from '../demand-forecasts/forecast-recomputation.adapter';
import { DemandForecastRepository } from '../demand-forecasts/demand-forecast.repository';
import { recomputationOn } from '../demand-forecasts/recomputation-rule';
import { dayNumberOf, periodStartOf } from './calendar-days';
import { ConsumptionHistoryRepository } from './consumption-history.repository';
import { consumptionOf } from './daily-consumption';

/**
 * Keeps each stock level's on-hand (the days out of stock) and each
 * consumption in the daily history; a consumption that opens a new period
 * recomputes the forecast from the periods closed before it. All in the
 * transaction that claims the stock level, so a redelivery adds nothing.
 */
@Controller()
export class StockLevelMessageHandler {
  constructor(
    private readonly history: ConsumptionHistoryRepository,
    private readonly forecasts: DemandForecastRepository,
    private readonly recomputation: ForecastRecomputation,
  ) {}

  @ConsumeEvents(topics.stockLevels)
  async onStockLevel(@Payload() events: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onStockLevelOne(inbound.event, tx));
  }

  private async onStockLevelOne(level: StockLevel, ctx: Transaction): Promise<void> {
    if (!(level.asOf instanceof Date) || Number.isNaN(level.asOf.getTime())) throw new RejectedEventError('asOf must be a date-time');
    await this.history.lock(ctx.manager, level);
    await this.history.recordOnHand(ctx.manager, level);
    if (level.movementKind !== 'CONSUMPTION') return;
    const outcome = consumptionOf(level, await this.history.unitOf(ctx.manager, level));
    if (outcome.kind === 'refused') throw new RejectedEventError(`${outcome.field} ${outcome.problem}`);
    if (outcome.kind === 'not-demand') return;
    await this.history.add(ctx.manager, level, outcome.consumption);

    const now = new Date();
    const line = this.recomputation.settingsOf(level, now);
    const { settings } = line;
    const day = dayNumberOf(level.asOf);
    const consumedBefore = await this.history.consumedBefore(ctx.manager, level, periodStartOf(day, settings.periodDays));
    const due = recomputationOn(day, settings.periodDays, await this.forecasts.latest(ctx.manager, level), consumedBefore);
    if (!due) return;
    await this.recomputation.recompute(ctx.manager, ctx.outbox, level, {
      ...due,
      eventId: `${level.eventId}/demand-forecast`,
      basedOnMovementId: level.movementId,
      unit: level.unit,
      now,
      line,
    });
  }
}
