import { siteItemColumns } from '@smi/persistence';
import { Injectable } from '@nestjs/common';
import { demandClassNamed } from '@smi/forecasting';
import { EntityManager } from 'typeorm';
import { siteItemKeyOf } from '../stock-positions/stock-position';
import { SiteItem } from '../stock-positions/stock-position.repository';
import { similarSizesPerBuyer, StoredDemandOutlook, withSimilarSizes } from './demand-outlook';

@Injectable()
export class DemandOutlookRepository {
  /**
   * The outlook of every given site x item that has one, by siteItemKeyOf, as the engine plans
   * with it: with its buyer's similar sizes (similarSizesPerBuyer) read in a second statement.
   */
  async findAll(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, StoredDemandOutlook>> {
    if (keys.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT d.* FROM demand_outlook d
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)`,
      siteItemColumns(keys),
    );
    const outlooks = rows.map(outlookOf);
    const similarSizes = await this.similarSizesOf(manager, [...new Set(outlooks.filter((o) => o.history).map((o) => o.buyerId))]);
    return new Map(outlooks.map((outlook) => [siteItemKeyOf(outlook), withSimilarSizes(outlook, similarSizes)]));
  }

  /** Every kept history of the given buyers' items, pooled per buyer, in one statement. */
  private async similarSizesOf(manager: EntityManager, buyerIds: readonly string[]): Promise<Map<string, number[]>> {
    if (buyerIds.length === 0) return new Map();
    const rows: Array<{ buyer_id: string; history: number[] }> = await manager.query(
      `SELECT buyer_id, history FROM demand_outlook WHERE buyer_id = ANY($1::text[]) AND history IS NOT NULL`,
      [buyerIds],
    );
    return similarSizesPerBuyer(rows.map((row) => ({ buyerId: row.buyer_id, quantities: row.history })));
  }

  async find(manager: EntityManager, key: SiteItem): Promise<StoredDemandOutlook | undefined> {
    return (await this.findAll(manager, [key])).get(siteItemKeyOf(key));
  }

  /**
   * Stores each outlook (one per site x item) unless a newer one is already there, in one
   * statement (the check runs in the database, so concurrent writers cannot go back in time).
   */
  async keepNewest(manager: EntityManager, outlooks: readonly StoredDemandOutlook[]): Promise<void> {
    if (outlooks.length === 0) return;
    const column = <T>(value: (o: StoredDemandOutlook) => T) => outlooks.map(value);
    await manager.query(
      `INSERT INTO demand_outlook (buyer_id, site_id, item_id, per_day, std_dev_per_day, method, generated_at, forecast_event_id,
                                   demand_class, history_bucket_days, history, lead_time_error_variance, lead_time_error_days)
       SELECT buyer_id, site_id, item_id, per_day, std_dev_per_day, method, generated_at, forecast_event_id,
              demand_class, history_bucket_days, history::jsonb, lead_time_error_variance, lead_time_error_days
         FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::timestamptz[], $8::text[],
                     $9::text[], $10::int[], $11::text[], $12::float8[], $13::float8[])
           AS o(buyer_id, site_id, item_id, per_day, std_dev_per_day, method, generated_at, forecast_event_id,
                demand_class, history_bucket_days, history, lead_time_error_variance, lead_time_error_days)
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE
         SET per_day = EXCLUDED.per_day, std_dev_per_day = EXCLUDED.std_dev_per_day, method = EXCLUDED.method,
             generated_at = EXCLUDED.generated_at, forecast_event_id = EXCLUDED.forecast_event_id,
             demand_class = EXCLUDED.demand_class, history_bucket_days = EXCLUDED.history_bucket_days, history = EXCLUDED.history,
             lead_time_error_variance = EXCLUDED.lead_time_error_variance, lead_time_error_days = EXCLUDED.lead_time_error_days
         WHERE demand_outlook.generated_at < EXCLUDED.generated_at`,
      [
        column((o) => o.buyerId),
        column((o) => o.siteId),
        column((o) => o.itemId),
        column((o) => o.perDay),
        column((o) => o.stdDevPerDay),
        column((o) => o.method),
        column((o) => o.generatedAt),
        column((o) => o.forecastEventId),
        column((o) => o.demandClass ?? null),
        column((o) => o.history?.bucketDays ?? null),
        column((o) => (o.history ? JSON.stringify(o.history.quantities) : null)),
        column((o) => o.leadTimeError?.variance ?? null),
        column((o) => o.leadTimeError?.overDays ?? null),
      ],
    );
  }
}

function outlookOf(row: Record<string, unknown>): StoredDemandOutlook {
  const historyBucketDays = row.history_bucket_days as number | null;
  const history = row.history as number[] | null;
  const leadTimeErrorVariance = row.lead_time_error_variance as number | null;
  const leadTimeErrorDays = row.lead_time_error_days as number | null;
  return {
    buyerId: row.buyer_id as string,
    siteId: row.site_id as string,
    itemId: row.item_id as string,
    perDay: row.per_day as number,
    stdDevPerDay: row.std_dev_per_day as number,
    method: row.method as string,
    generatedAt: row.generated_at as Date,
    forecastEventId: row.forecast_event_id as string,
    demandClass: demandClassNamed(row.demand_class as string | null),
    history: history && historyBucketDays ? { bucketDays: historyBucketDays, quantities: history } : undefined,
    leadTimeError:
      leadTimeErrorVariance !== null && leadTimeErrorDays ? { variance: leadTimeErrorVariance, overDays: leadTimeErrorDays } : undefined,
  };
}
