import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DailyConsumption } from './daily-consumption';
import { ConsumptionDayRow } from './consumption-day.entity';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

@Injectable()
export class ConsumptionHistoryRepository {
  /**
   * Serialises consumption of one site x item until the transaction ends. Records
   * of one key share a partition, but during a rebalance two instances may briefly
   * both hold it; the sum and the forecast must not interleave.
   */
  async lock(manager: EntityManager, key: SiteItem): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`forecasting|${key.buyerId}|${key.siteId}|${key.itemId}`]);
  }

  /** The unit the site x item's consumption is kept in, if any was recorded. */
  async unitOf(manager: EntityManager, key: SiteItem): Promise<string | undefined> {
    const row = await manager.getRepository(ConsumptionDayRow).findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId }, select: { unit: true } });
    return row?.unit;
  }

  /** Adds a consumption to its day's bucket. */
  async add(manager: EntityManager, key: SiteItem, consumption: DailyConsumption & { unit: string }): Promise<void> {
    await manager.query(
      `INSERT INTO consumption_day (buyer_id, site_id, item_id, day, unit, quantity)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (buyer_id, site_id, item_id, day)
       DO UPDATE SET quantity = consumption_day.quantity + EXCLUDED.quantity, updated_at = now()`,
      [key.buyerId, key.siteId, key.itemId, consumption.day, consumption.unit, consumption.quantity],
    );
  }

  /** The daily buckets of the `days` calendar days ending at the latest day with consumption. */
  async lastDays(manager: EntityManager, key: SiteItem, days: number): Promise<DailyConsumption[]> {
    const rows: Array<{ day: string; quantity: number }> = await manager.query(
      `SELECT day::text AS day, quantity::float8 AS quantity
         FROM consumption_day
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3
          AND day > (SELECT max(day) FROM consumption_day WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3) - $4::int
        ORDER BY day`,
      [key.buyerId, key.siteId, key.itemId, days],
    );
    return rows;
  }
}
