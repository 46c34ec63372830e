import { Injectable } from '@nestjs/common';
import { StockLevel, siteItemKeyOf } from '@smi/contracts';
import { Inbound, Rejection, Transaction, withinTraceOf } from '@smi/messaging';
import { DemandForecastRepository } from '../demand-forecasts/demand-forecast.repository';
import { RecomputeForecast } from '../demand-forecasts/recompute-forecast.use-case';
import { LatestForecast, recomputationOn } from '../demand-forecasts/recomputation-rule';
import { periodStartOf } from './calendar-days';
import { ConsumptionHistoryRepository } from './consumption-history.repository';
import { recordLevels, SiteItem } from './levels-recorded';

/**
 * Records a batch of stock levels in the consumption history (every level's on-hand, for the
 * days out of stock; every consumption in its day), then recomputes the forecast of each series
 * whose consumption opened a new period, from the periods closed before it: exactly the
 * forecasts that recording the levels one by one would make. The series are locked for the
 * batch (the batch forecast run takes the same locks), and a redelivered level, at or below its
 * series' last sequence, changes nothing. A forecast is made at the time of the level that closed
 * the period (its asOf), so a replay forecasts as living through it did.
 */
@Injectable()
export class RecordConsumption {
  constructor(
    private readonly history: ConsumptionHistoryRepository,
    private readonly forecasts: DemandForecastRepository,
    private readonly recomputation: RecomputeForecast,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<Rejection[]> {
    const levels = records.map((r) => r.event);
    const keys = uniqueKeys(levels);
    await this.history.lockAll(tx.manager, keys);
    const recorded = recordLevels(await this.history.seriesOf(tx.manager, keys), levels);
    // Read before this batch's days are written (and only when it consumed anything): whether anything was
    // consumed before a day is judged from the history and the batch together.
    const before =
      recorded.consumed.length > 0
        ? {
            firstDays: await this.history.firstConsumedDays(tx.manager, keys),
            latest: await this.forecasts.latestPeriodsOf(tx.manager, keys),
          }
        : undefined;
    await this.history.record(tx.manager, recorded.series, recorded.stockDays, recorded.consumption);
    if (before) await this.recomputeWhereDue(tx, records, recorded.consumed, before.firstDays, before.latest);
    return recorded.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }

  /** Walks the batch's consumptions in order with each series' latest forecast, recomputing where the rule says a period closed. */
  private async recomputeWhereDue(
    tx: Transaction,
    records: readonly Inbound<StockLevel>[],
    consumed: ReadonlyArray<{ index: number; key: SiteItem; day: number }>,
    firstDays: Map<string, number>,
    latest: Map<string, LatestForecast>,
  ): Promise<void> {
    for (const { index, key, day } of consumed) {
      const level = records[index].event;
      const now = level.asOf; // business time: the level's own
      const seriesKey = siteItemKeyOf(key);
      const firstDay = Math.min(firstDays.get(seriesKey) ?? day, day);
      firstDays.set(seriesKey, firstDay);
      const line = this.recomputation.settingsOf(key, now);
      const due = recomputationOn(
        day,
        line.settings.periodDays,
        latest.get(seriesKey),
        firstDay < periodStartOf(day, line.settings.periodDays),
      );
      if (!due) continue;
      const forecast = await withinTraceOf(records[index], () =>
        this.recomputation.recompute(tx, key, {
          ...due,
          eventId: `${level.eventId}/demand-forecast`,
          basedOnMovementId: level.movementId,
          unit: level.unit,
          now,
          line,
        }),
      );
      latest.set(seriesKey, { periodDays: forecast.periodDays, firstPeriodStart: forecast.firstPeriodStart });
    }
  }
}

function uniqueKeys(levels: readonly StockLevel[]): SiteItem[] {
  const keys = new Map<string, SiteItem>();
  for (const { buyerId, siteId, itemId } of levels) keys.set(siteItemKeyOf({ buyerId, siteId, itemId }), { buyerId, siteId, itemId });
  return [...keys.values()];
}
