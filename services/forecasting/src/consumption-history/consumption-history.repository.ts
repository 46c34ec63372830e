import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StockLevel } from '@smi/contracts';
import { DailyConsumption } from './daily-consumption';
import { ConsumptionDayRow } from './consumption-day.entity';
import { dayNumberOf, dayNumberOfText, dayText } from './calendar-days';
import { ConsumedDay, StockDay } from './stock-days';

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

  /**
   * Keeps how low on-hand went on the level's day and where it closed (the
   * level with the highest sequence), whatever moved it: the days out of stock.
   */
  async recordOnHand(manager: EntityManager, level: StockLevel): Promise<void> {
    await manager.query(
      `INSERT INTO stock_day (buyer_id, site_id, item_id, day, lowest_on_hand, closing_on_hand, closing_sequence)
       VALUES ($1, $2, $3, $4, $5, $5, $6)
       ON CONFLICT (buyer_id, site_id, item_id, day) DO UPDATE
         SET lowest_on_hand = LEAST(stock_day.lowest_on_hand, EXCLUDED.lowest_on_hand),
             closing_on_hand = CASE WHEN EXCLUDED.closing_sequence > stock_day.closing_sequence THEN EXCLUDED.closing_on_hand ELSE stock_day.closing_on_hand END,
             closing_sequence = GREATEST(stock_day.closing_sequence, EXCLUDED.closing_sequence)`,
      [level.buyerId, level.siteId, level.itemId, dayText(dayNumberOf(level.asOf)), level.onHand, level.sequence],
    );
  }

  /** What was consumed per day from fromDay on. */
  async consumedDays(manager: EntityManager, key: SiteItem, fromDay: number): Promise<ConsumedDay[]> {
    const rows: Array<{ day: string; quantity: number }> = await manager.query(
      `SELECT day::text AS day, quantity::float8 AS quantity FROM consumption_day
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND day >= $4::date ORDER BY day`,
      [key.buyerId, key.siteId, key.itemId, dayText(fromDay)],
    );
    return rows.map((r) => ({ day: dayNumberOfText(r.day), quantity: r.quantity }));
  }

  /** On-hand per day from fromDay on, with the last day before it (the state the period began in). */
  async stockDays(manager: EntityManager, key: SiteItem, fromDay: number): Promise<StockDay[]> {
    const rows: Array<{ day: string; lowest: number; closing: number }> = await manager.query(
      `(SELECT day::text AS day, lowest_on_hand::float8 AS lowest, closing_on_hand::float8 AS closing FROM stock_day
         WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND day < $4::date ORDER BY day DESC LIMIT 1)
       UNION ALL
       (SELECT day::text, lowest_on_hand::float8, closing_on_hand::float8 FROM stock_day
         WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND day >= $4::date)
       ORDER BY day`,
      [key.buyerId, key.siteId, key.itemId, dayText(fromDay)],
    );
    return rows.map((r) => ({ day: dayNumberOfText(r.day), lowestOnHand: r.lowest, closingOnHand: r.closing }));
  }

  /** Whether anything was consumed before a day. */
  async consumedBefore(manager: EntityManager, key: SiteItem, day: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM consumption_day WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND day < $4::date LIMIT 1',
      [key.buyerId, key.siteId, key.itemId, dayText(day)],
    );
    return rows.length > 0;
  }

  /**
   * The site x items with a consumption history whose latest forecast is of a
   * period before `day` (or that have none): those a batch run on `day` may
   * have to forecast again (first_period_start is YYYY-MM-DD text, which sorts
   * as the days do). Each is checked again under its lock.
   */
  async seriesForecastBefore(manager: EntityManager, day: number): Promise<SiteItem[]> {
    const rows: Array<{ buyer_id: string; site_id: string; item_id: string }> = await manager.query(
      `SELECT DISTINCT c.buyer_id, c.site_id, c.item_id
         FROM consumption_day c
         LEFT JOIN demand_forecast f ON f.buyer_id = c.buyer_id AND f.site_id = c.site_id AND f.item_id = c.item_id
        WHERE f.first_period_start IS NULL OR f.first_period_start < $1
        ORDER BY c.buyer_id, c.site_id, c.item_id`,
      [dayText(day)],
    );
    return rows.map((r) => ({ buyerId: r.buyer_id, siteId: r.site_id, itemId: r.item_id }));
  }
}
