import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { EventContext, RejectedEventError } from '@smi/messaging';
import { RECENT_DEMAND_DAYS, demandForecastOf } from '../demand-forecasts/demand-forecast';
import { DemandForecastRepository } from '../demand-forecasts/demand-forecast.repository';
import { demandPerDay, movingAverage } from '../demand-forecasts/moving-average';
import { ConsumptionHistoryRepository } from './consumption-history.repository';
import { consumptionOf } from './daily-consumption';

/**
 * Adds each consumption to the daily history and announces the site x item's new
 * forecast, in the transaction that claims the stock level (a redelivery adds nothing).
 */
@Controller()
export class StockLevelMessageHandler {
  constructor(
    private readonly history: ConsumptionHistoryRepository,
    private readonly forecasts: DemandForecastRepository,
  ) {}

  @EventPattern(topics.stockLevels.name)
  async onStockLevel(@Payload() level: StockLevel, @Ctx() ctx: EventContext): Promise<void> {
    if (level.movementKind !== 'CONSUMPTION') return;
    await this.history.lock(ctx.manager, level);
    const outcome = consumptionOf(level, await this.history.unitOf(ctx.manager, level));
    if (outcome.kind === 'refused') throw new RejectedEventError(`${outcome.field} ${outcome.problem}`);
    if (outcome.kind === 'not-demand') return;
    await this.history.add(ctx.manager, level, outcome.consumption);
    const recentHistory = await this.history.lastDays(ctx.manager, level, RECENT_DEMAND_DAYS);
    const statistics = movingAverage(recentHistory);
    if (!statistics) throw new Error(`no consumption history for ${level.buyerId}|${level.siteId}|${level.itemId} right after adding to it`);
    const forecast = demandForecastOf(level, statistics, demandPerDay(recentHistory, RECENT_DEMAND_DAYS), new Date());
    await this.forecasts.save(ctx.manager, forecast);
    await ctx.outbox.add(topics.demandForecasts, forecast);
  }
}
