import { Injectable } from '@nestjs/common';
import { demandClassNamed } from '@smi/forecasting';
import { EntityManager } from 'typeorm';
import { SiteItem } from '../stock-positions/stock-position.repository';
import { StoredDemandOutlook } from './demand-outlook';
import { DemandOutlookRow } from './demand-outlook.entity';

@Injectable()
export class DemandOutlookRepository {
  async find(manager: EntityManager, key: SiteItem): Promise<StoredDemandOutlook | undefined> {
    const row = await manager.getRepository(DemandOutlookRow).findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId } });
    if (!row) return undefined;
    const { demandClass, historyBucketDays, history, leadTimeErrorVariance, leadTimeErrorDays, ...outlook } = row;
    return {
      ...outlook,
      demandClass: demandClassNamed(demandClass),
      history: history && historyBucketDays ? { bucketDays: historyBucketDays, quantities: history } : undefined,
      leadTimeError: leadTimeErrorVariance !== null && leadTimeErrorDays ? { variance: leadTimeErrorVariance, overDays: leadTimeErrorDays } : undefined,
    };
  }

  /** Stores the outlook unless a newer one is already there (the check runs in the database, so concurrent writers cannot go back in time). */
  async keepNewest(manager: EntityManager, outlook: StoredDemandOutlook): Promise<void> {
    await manager.query(
      `INSERT INTO demand_outlook (buyer_id, site_id, item_id, per_day, std_dev_per_day, method, generated_at, forecast_event_id,
                                   demand_class, history_bucket_days, history, lead_time_error_variance, lead_time_error_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE
         SET per_day = EXCLUDED.per_day, std_dev_per_day = EXCLUDED.std_dev_per_day, method = EXCLUDED.method,
             generated_at = EXCLUDED.generated_at, forecast_event_id = EXCLUDED.forecast_event_id,
             demand_class = EXCLUDED.demand_class, history_bucket_days = EXCLUDED.history_bucket_days, history = EXCLUDED.history,
             lead_time_error_variance = EXCLUDED.lead_time_error_variance, lead_time_error_days = EXCLUDED.lead_time_error_days
         WHERE demand_outlook.generated_at < EXCLUDED.generated_at`,
      [
        outlook.buyerId, outlook.siteId, outlook.itemId, outlook.perDay, outlook.stdDevPerDay, outlook.method, outlook.generatedAt,
        outlook.forecastEventId, outlook.demandClass ?? null, outlook.history?.bucketDays ?? null,
        outlook.history ? JSON.stringify(outlook.history.quantities) : null,
        outlook.leadTimeError?.variance ?? null, outlook.leadTimeError?.overDays ?? null,
      ],
    );
  }
}
