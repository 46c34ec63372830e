import { siteItemColumns } from '@smi/persistence';
import { siteItemKeyOf } from '@smi/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConsumptionDayRow } from './consumption-day.entity';
import { dayNumberOfText, dayText } from './calendar-days';
import { ConsumptionOnDay, SeriesState, SiteItem, StockDayChange } from './levels-recorded';
import { ConsumedDay, StockDay } from './stock-days';

export type { SiteItem } from './levels-recorded';

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

  /** Locks every given series, in key order so two transactions cannot deadlock: as `lock`, for a batch, in one statement. */
  async lockAll(manager: EntityManager, keys: readonly SiteItem[]): Promise<void> {
    const names = [...new Set(keys.map((key) => `forecasting|${key.buyerId}|${key.siteId}|${key.itemId}`))].sort();
    await manager.query('SELECT pg_advisory_xact_lock(hashtext(name)) FROM unnest($1::text[]) AS name ORDER BY name', [names]);
  }

  /** The state of every given series that has one. */
  async seriesOf(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, SeriesState>> {
    const rows: Array<{ buyer_id: string; site_id: string; item_id: string; unit: string | null; last_sequence: number }> =
      await manager.query(
        `SELECT s.buyer_id, s.site_id, s.item_id, s.unit, s.last_sequence::float8 AS last_sequence
         FROM consumption_series s JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)`,
        siteItemColumns(keys),
      );
    return new Map(
      rows.map((r) => [
        siteItemKeyOf({ buyerId: r.buyer_id, siteId: r.site_id, itemId: r.item_id }),
        { unit: r.unit, lastSequence: r.last_sequence },
      ]),
    );
  }

  /** The first day each given series consumed anything, for those that did. */
  async firstConsumedDays(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, number>> {
    const rows: Array<{ buyer_id: string; site_id: string; item_id: string; first_day: string }> = await manager.query(
      `SELECT c.buyer_id, c.site_id, c.item_id, min(c.day)::text AS first_day
         FROM consumption_day c JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)
        GROUP BY c.buyer_id, c.site_id, c.item_id`,
      siteItemColumns(keys),
    );
    return new Map(
      rows.map((r) => [siteItemKeyOf({ buyerId: r.buyer_id, siteId: r.site_id, itemId: r.item_id }), dayNumberOfText(r.first_day)]),
    );
  }

  /**
   * Writes a batch into the history: series states, days' on-hand, days' consumption; one statement each.
   * A day the buyer backfilled takes the live feed's consumption instead (measured beats remembered), and its
   * stock-out is then the on-hand's to say.
   */
  async record(
    manager: EntityManager,
    series: ReadonlyArray<{ key: SiteItem } & SeriesState>,
    stockDays: readonly StockDayChange[],
    consumption: readonly ConsumptionOnDay[],
  ): Promise<void> {
    if (series.length > 0) {
      await manager.query(
        `INSERT INTO consumption_series (buyer_id, site_id, item_id, unit, last_sequence)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
         ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET unit = EXCLUDED.unit, last_sequence = EXCLUDED.last_sequence`,
        [...siteItemColumns(series.map((s) => s.key)), series.map((s) => s.unit), series.map((s) => s.lastSequence)],
      );
    }
    if (stockDays.length > 0) {
      await manager.query(
        `INSERT INTO stock_day (buyer_id, site_id, item_id, day, lowest_on_hand, closing_on_hand, closing_sequence)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::numeric[], $6::numeric[], $7::bigint[])
         ON CONFLICT (buyer_id, site_id, item_id, day) DO UPDATE
           SET lowest_on_hand = LEAST(stock_day.lowest_on_hand, EXCLUDED.lowest_on_hand),
               closing_on_hand = CASE WHEN EXCLUDED.closing_sequence > stock_day.closing_sequence THEN EXCLUDED.closing_on_hand ELSE stock_day.closing_on_hand END,
               closing_sequence = GREATEST(stock_day.closing_sequence, EXCLUDED.closing_sequence)`,
        [
          ...siteItemColumns(stockDays.map((d) => d.key)),
          stockDays.map((d) => dayText(d.day)),
          stockDays.map((d) => d.lowestOnHand),
          stockDays.map((d) => d.closingOnHand),
          stockDays.map((d) => d.closingSequence),
        ],
      );
    }
    if (consumption.length > 0) {
      await manager.query(
        `INSERT INTO consumption_day (buyer_id, site_id, item_id, day, unit, quantity)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::numeric[])
         ON CONFLICT (buyer_id, site_id, item_id, day)
         DO UPDATE SET quantity = CASE WHEN consumption_day.backfilled THEN EXCLUDED.quantity ELSE consumption_day.quantity + EXCLUDED.quantity END,
                       backfilled = false, stocked_out = false, updated_at = now()`,
        [
          ...siteItemColumns(consumption.map((c) => c.key)),
          consumption.map((c) => dayText(c.day)),
          consumption.map((c) => c.unit),
          consumption.map((c) => c.quantity),
        ],
      );
    }
  }

  /** The unit the site x item's consumption is kept in, if any was recorded. */
  async unitOf(manager: EntityManager, key: SiteItem): Promise<string | undefined> {
    const row = await manager
      .getRepository(ConsumptionDayRow)
      .findOne({ where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId }, select: { unit: true } });
    return row?.unit;
  }

  /** What was consumed per day from fromDay on; a backfilled day says so, with the buyer's stock-out flag. */
  async consumedDays(manager: EntityManager, key: SiteItem, fromDay: number): Promise<ConsumedDay[]> {
    const rows: Array<{ day: string; quantity: number; backfilled: boolean; stocked_out: boolean }> = await manager.query(
      `SELECT day::text AS day, quantity::float8 AS quantity, backfilled, stocked_out FROM consumption_day
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND day >= $4::date ORDER BY day`,
      [key.buyerId, key.siteId, key.itemId, dayText(fromDay)],
    );
    return rows.map((r) => ({
      day: dayNumberOfText(r.day),
      quantity: r.quantity,
      ...(r.backfilled && { backfilled: true, stockedOut: r.stocked_out }),
    }));
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
