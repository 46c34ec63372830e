import { Injectable } from '@nestjs/common';
import { ForecastAccuracy } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { dayNumberOfText, dayText } from '../consumption-history/calendar-days';
import type { SiteItem } from '../consumption-history/consumption-history.repository';
import type { Accuracy, ForecastSnapshot, ScoredPeriod } from './forecast-accuracy';

/** A forecast accuracy as kept: the event, with the totals the agreement's is summed from. */
export type KeptAccuracy = ForecastAccuracy & { forecastTotal: number; actualTotal: number };

export interface AccuracyFilter {
  agreementId?: string;
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class ForecastAccuracyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async saveSnapshot(
    manager: EntityManager,
    key: SiteItem,
    agreementId: string | null,
    method: string,
    snapshot: ForecastSnapshot,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO forecast_snapshot (event_id, buyer_id, site_id, item_id, agreement_id, method, period_days, first_period_start, horizon_demand, generated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id) DO NOTHING`,
      [
        snapshot.eventId,
        key.buyerId,
        key.siteId,
        key.itemId,
        agreementId,
        method,
        snapshot.periodDays,
        dayText(snapshot.firstPeriodStart),
        JSON.stringify(snapshot.horizonDemand),
        snapshot.generatedAt,
      ],
    );
  }

  /** Snapshots of periods of this length whose first period is at or after fromDay. */
  async snapshotsFrom(manager: EntityManager, key: SiteItem, periodDays: number, fromDay: number): Promise<ForecastSnapshot[]> {
    const rows: Array<{ event_id: string; first_period_start: string; period_days: number; horizon_demand: number[]; generated_at: Date }> =
      await manager.query(
        `SELECT event_id, first_period_start::text, period_days, horizon_demand, generated_at FROM forecast_snapshot
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND period_days = $4 AND first_period_start >= $5::date`,
        [key.buyerId, key.siteId, key.itemId, periodDays, dayText(fromDay)],
      );
    return rows.map((r) => ({
      eventId: r.event_id,
      firstPeriodStart: dayNumberOfText(r.first_period_start),
      periodDays: r.period_days,
      horizonDemand: r.horizon_demand,
      generatedAt: r.generated_at,
    }));
  }

  /** The latest period of this length scored, if any (a line that changes its period length is scored afresh). */
  async scoredThrough(manager: EntityManager, key: SiteItem, periodDays: number): Promise<number | undefined> {
    const [row]: Array<{ through: string | null }> = await manager.query(
      'SELECT max(period_start)::text AS through FROM scored_period WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND period_days = $4',
      [key.buyerId, key.siteId, key.itemId, periodDays],
    );
    return row?.through ? dayNumberOfText(row.through) : undefined;
  }

  async saveScored(manager: EntityManager, key: SiteItem, periodDays: number, scored: readonly ScoredPeriod[]): Promise<void> {
    for (const p of scored) {
      await manager.query(
        `INSERT INTO scored_period (buyer_id, site_id, item_id, period_start, period_days, forecast, actual, censored, snapshot_event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [key.buyerId, key.siteId, key.itemId, dayText(p.periodStart), periodDays, p.forecast, p.actual, p.censored, p.snapshotEventId],
      );
    }
  }

  /** The latest `count` scored periods of this length. */
  async lastScored(manager: EntityManager, key: SiteItem, periodDays: number, count: number): Promise<ScoredPeriod[]> {
    const rows: Array<{ period_start: string; forecast: number; actual: number; censored: boolean; snapshot_event_id: string }> =
      await manager.query(
        `SELECT period_start::text, forecast, actual, censored, snapshot_event_id FROM scored_period
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND period_days = $4 ORDER BY period_start DESC LIMIT $5`,
        [key.buyerId, key.siteId, key.itemId, periodDays, count],
      );
    return rows.reverse().map((r) => ({
      periodStart: dayNumberOfText(r.period_start),
      forecast: r.forecast,
      actual: r.actual,
      censored: r.censored,
      snapshotEventId: r.snapshot_event_id,
    }));
  }

  async saveAccuracy(manager: EntityManager, accuracy: KeptAccuracy): Promise<void> {
    await manager.query(
      `INSERT INTO forecast_accuracy (scope_key, scope, buyer_id, agreement_id, site_id, item_id, event_id, periods_scored, censored_periods_skipped,
                                      mase, bias, relative_bias, lines_scored, through_period_start, measured_at, forecast_total, actual_total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (scope_key) DO UPDATE SET
         agreement_id = EXCLUDED.agreement_id, event_id = EXCLUDED.event_id, periods_scored = EXCLUDED.periods_scored,
         censored_periods_skipped = EXCLUDED.censored_periods_skipped, mase = EXCLUDED.mase, bias = EXCLUDED.bias,
         relative_bias = EXCLUDED.relative_bias, lines_scored = EXCLUDED.lines_scored, through_period_start = EXCLUDED.through_period_start,
         measured_at = EXCLUDED.measured_at, forecast_total = EXCLUDED.forecast_total, actual_total = EXCLUDED.actual_total`,
      [
        scopeKeyOf(accuracy),
        accuracy.scope,
        accuracy.buyerId,
        accuracy.agreementId,
        accuracy.siteId,
        accuracy.itemId,
        accuracy.eventId,
        accuracy.periodsScored,
        accuracy.censoredPeriodsSkipped,
        accuracy.mase,
        accuracy.bias,
        accuracy.relativeBias,
        accuracy.linesScored,
        accuracy.throughPeriodStart,
        accuracy.measuredAt,
        accuracy.forecastTotal,
        accuracy.actualTotal,
      ],
    );
  }

  /** The kept accuracy of every site x item of an agreement. */
  async linesOf(manager: EntityManager, agreementId: string): Promise<Accuracy[]> {
    const rows = await this.list(manager, "scope = 'SITE_ITEM' AND agreement_id = $1", [agreementId]);
    return rows.map((r) => ({ ...r, throughPeriodStart: dayNumberOfText(r.throughPeriodStart) }));
  }

  /** Kept accuracies for the API, of the given buyers (all when undefined), site x items first. */
  async listFor(buyerIds: string[] | undefined, filter: AccuracyFilter): Promise<KeptAccuracy[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (buyerIds) add('buyer_id = ANY(?)', buyerIds);
    if (filter.agreementId) add('agreement_id = ?', filter.agreementId);
    if (filter.siteId) add('site_id = ?', filter.siteId);
    if (filter.itemId) add('item_id = ?', filter.itemId);
    return this.list(this.dataSource.manager, conditions.length > 0 ? conditions.join(' AND ') : 'true', params);
  }

  private async list(manager: EntityManager, where: string, params: unknown[]): Promise<KeptAccuracy[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT * FROM forecast_accuracy WHERE ${where} ORDER BY scope DESC, buyer_id, agreement_id, site_id, item_id`,
      params,
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      scope: r.scope as ForecastAccuracy['scope'],
      buyerId: r.buyer_id as string,
      agreementId: r.agreement_id as string | null,
      siteId: r.site_id as string | null,
      itemId: r.item_id as string | null,
      periodsScored: r.periods_scored as number,
      censoredPeriodsSkipped: r.censored_periods_skipped as number,
      mase: r.mase as number | null,
      bias: r.bias as number,
      relativeBias: r.relative_bias as number | null,
      linesScored: r.lines_scored as number,
      throughPeriodStart: r.through_period_start as string,
      measuredAt: r.measured_at as Date,
      forecastTotal: r.forecast_total as number,
      actualTotal: r.actual_total as number,
    }));
  }
}

const scopeKeyOf = (a: ForecastAccuracy): string =>
  a.scope === 'AGREEMENT' ? `agreement|${a.agreementId}` : `site-item|${a.buyerId}|${a.siteId}|${a.itemId}`;
