import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { platformMetrics, timed } from '@smi/metrics';
import { BusinessClock, ScheduledSweep, sweepMsFrom } from '@smi/service-kit';
import { DataSource } from 'typeorm';
import { dayNumberOf, dayText, periodStartOf } from '../consumption-history/calendar-days';
import { ConsumptionHistoryRepository } from '../consumption-history/consumption-history.repository';
import { DemandForecastRepository } from '../demand-forecasts/demand-forecast.repository';
import { RecomputeForecast } from '../demand-forecasts/recompute-forecast.use-case';
import { recomputationOn } from '../demand-forecasts/recomputation-rule';

/** Milliseconds between batch runs: SMI_FORECAST_RUN_MS, default an hour (a period closes at midnight UTC). */
export const forecastRunMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_FORECAST_RUN_MS', 60 * 60 * 1000);

/**
 * The batch mode: every site x item whose period has closed since its last
 * forecast is forecast again, also when nothing was consumed (a week without
 * demand is demand history too). Runs every interval and on POST /forecast-runs;
 * one transaction per series, so a failure leaves the others done.
 */
@Injectable()
export class ForecastRun extends ScheduledSweep {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly history: ConsumptionHistoryRepository,
    private readonly forecasts: DemandForecastRepository,
    private readonly recomputation: RecomputeForecast,
    clock: BusinessClock,
  ) {
    super('forecasting every series whose period closed', forecastRunMsFrom(process.env), clock);
  }

  /**
   * One run at the business clock's now (which periods have closed is a matter of business time);
   * returns how many series got a new forecast (0 when a run is already under way).
   */
  runOnce(now?: Date): Promise<number> {
    return this.once(now);
  }

  protected override sweepAt(now: Date): Promise<number> {
    return timed(platformMetrics().forecastRunDuration, () => this.forecastClosedPeriods(now));
  }

  private async forecastClosedPeriods(now: Date): Promise<number> {
    let recomputed = 0;
    const today = dayNumberOf(now);
    for (const key of await this.history.seriesForecastBefore(this.dataSource.manager, today)) {
      const done = await this.unitOfWork.run(async ({ manager, outbox }) => {
        await this.history.lock(manager, key);
        const line = this.recomputation.settingsOf(key, now);
        const { settings } = line;
        const consumedBefore = await this.history.consumedBefore(manager, key, periodStartOf(today, settings.periodDays));
        const due = recomputationOn(today, settings.periodDays, await this.forecasts.latest(manager, key), consumedBefore);
        // Only closed periods: a series still in its first period waits for its consumption to forecast it.
        if (!due || due.openPeriod) return false;
        const unit = (await this.history.unitOf(manager, key))!;
        await this.recomputation.recompute({ manager, outbox }, key, {
          ...due,
          eventId: `forecast-run/${key.buyerId}|${key.siteId}|${key.itemId}/${dayText(due.throughDay)}/demand-forecast`,
          basedOnMovementId: '',
          unit,
          now,
          line,
        });
        return true;
      });
      if (done) recomputed++;
    }
    if (recomputed > 0) {
      this.logger.log(`forecast ${recomputed} series whose period closed`);
    }
    return recomputed;
  }
}
