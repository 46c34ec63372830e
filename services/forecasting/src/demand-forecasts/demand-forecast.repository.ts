import { siteItemColumns } from '@smi/persistence';
import { Injectable } from '@nestjs/common';
import { DemandForecast } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { dayNumberOfText, dayText } from '../consumption-history/calendar-days';
import type { SiteItem } from '../consumption-history/consumption-history.repository';
import { DemandForecastRow } from './demand-forecast.entity';
import type { KeptParameters } from './kept-parameters';
import { LatestForecast } from './recomputation-rule';

export interface ForecastFilter {
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class DemandForecastRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the latest forecast per site x item, with how many of its periods held backfilled history. */
  async save(manager: EntityManager, forecast: DemandForecast, backfilledPeriods: number): Promise<void> {
    await manager.getRepository(DemandForecastRow).save({ ...forecast, backfilledPeriods });
  }

  /** The latest forecast of a site x item, if it has one. */
  async latest(manager: EntityManager, key: { buyerId: string; siteId: string; itemId: string }): Promise<DemandForecast | undefined> {
    return (
      (await manager
        .getRepository(DemandForecastRow)
        .findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId } })) ?? undefined
    );
  }

  /** What the latest forecast of each given site x item says about its periods, for those that have one. */
  async latestPeriodsOf(
    manager: EntityManager,
    keys: ReadonlyArray<{ buyerId: string; siteId: string; itemId: string }>,
  ): Promise<Map<string, LatestForecast>> {
    const rows: Array<{ buyer_id: string; site_id: string; item_id: string; period_days: number; first_period_start: string | null }> =
      await manager.query(
        `SELECT f.buyer_id, f.site_id, f.item_id, f.period_days, f.first_period_start
         FROM demand_forecast f JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)`,
        siteItemColumns(keys),
      );
    return new Map(
      rows.map((r) => [`${r.buyer_id}|${r.site_id}|${r.item_id}`, { periodDays: r.period_days, firstPeriodStart: r.first_period_start }]),
    );
  }

  /** The constants of the series' last full fit, if kept. */
  async keptParameters(manager: EntityManager, key: SiteItem): Promise<KeptParameters | undefined> {
    const [row]: Array<{ period_days: number; fitted_through: string; parameters: KeptParameters['parameters'] }> = await manager.query(
      'SELECT period_days, fitted_through::text, parameters FROM fitted_parameters WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3',
      [key.buyerId, key.siteId, key.itemId],
    );
    return row && { periodDays: row.period_days, fittedThrough: dayNumberOfText(row.fitted_through), parameters: row.parameters };
  }

  async keepParameters(manager: EntityManager, key: SiteItem, kept: KeptParameters): Promise<void> {
    await manager.query(
      `INSERT INTO fitted_parameters (buyer_id, site_id, item_id, period_days, fitted_through, parameters) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET period_days = EXCLUDED.period_days, fitted_through = EXCLUDED.fitted_through, parameters = EXCLUDED.parameters`,
      [key.buyerId, key.siteId, key.itemId, kept.periodDays, dayText(kept.fittedThrough), JSON.stringify(kept.parameters)],
    );
  }

  async listForBuyers(buyerIds: string[], filter: ForecastFilter): Promise<DemandForecastRow[]> {
    return this.list({ buyerId: In(buyerIds), ...filterOf(filter) });
  }

  async listAll(filter: ForecastFilter): Promise<DemandForecastRow[]> {
    return this.list(filterOf(filter));
  }

  private async list(where: FindOptionsWhere<DemandForecastRow>): Promise<DemandForecastRow[]> {
    return this.dataSource.getRepository(DemandForecastRow).find({ where, order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' } });
  }
}

const filterOf = ({ siteId, itemId }: ForecastFilter): FindOptionsWhere<DemandForecastRow> => ({
  ...(siteId ? { siteId } : {}),
  ...(itemId ? { itemId } : {}),
});
