import { Injectable } from '@nestjs/common';
import { siteItemColumns } from '@smi/persistence';
import { EntityManager } from 'typeorm';
import { dayNumberOfText, dayText } from '../consumption-history/calendar-days';
import type { SiteItem } from '../consumption-history/levels-recorded';
import { dayKeyOf, type BackfilledDay, type KeptDay } from './backfilled-history';

/** Days per statement: one statement's arrays stay well within what Postgres takes in one message. */
export const DAYS_PER_STATEMENT = 5000;

/** Sent history in the daily table the live feed fills, marked as backfilled. */
@Injectable()
export class BackfilledHistoryRepository {
  /** What the daily table holds for each series over a span of days, in one statement. */
  async keptDays(
    manager: EntityManager,
    spans: ReadonlyArray<{ key: SiteItem; fromDay: number; toDay: number }>,
  ): Promise<Map<string, KeptDay>> {
    if (spans.length === 0) return new Map();
    const rows: Array<{
      buyer_id: string;
      site_id: string;
      item_id: string;
      day: string;
      quantity: number;
      backfilled: boolean;
      stocked_out: boolean;
    }> = await manager.query(
      `SELECT c.buyer_id, c.site_id, c.item_id, c.day::text AS day, c.quantity::float8 AS quantity, c.backfilled, c.stocked_out
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[]) AS s(buyer_id, site_id, item_id, from_day, to_day)
         JOIN consumption_day c USING (buyer_id, site_id, item_id)
        WHERE c.day BETWEEN s.from_day AND s.to_day`,
      [...siteItemColumns(spans.map((s) => s.key)), spans.map((s) => dayText(s.fromDay)), spans.map((s) => dayText(s.toDay))],
    );
    return new Map(
      rows.map((r) => [
        dayKeyOf({ buyerId: r.buyer_id, siteId: r.site_id, itemId: r.item_id }, dayNumberOfText(r.day)),
        { quantity: r.quantity, backfilled: r.backfilled, stockedOut: r.stocked_out },
      ]),
    );
  }

  /**
   * Writes sent days, a statement per DAYS_PER_STATEMENT. A day the live feed holds is left alone here too
   * (the WHERE), should it have landed since the days were read.
   */
  async write(manager: EntityManager, days: readonly BackfilledDay[]): Promise<void> {
    for (let from = 0; from < days.length; from += DAYS_PER_STATEMENT) {
      const batch = days.slice(from, from + DAYS_PER_STATEMENT);
      await manager.query(
        `INSERT INTO consumption_day (buyer_id, site_id, item_id, day, unit, quantity, backfilled, stocked_out)
         SELECT b, s, i, d, u, q, true, o FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::numeric[], $7::boolean[])
           AS t(b, s, i, d, u, q, o)
         ON CONFLICT (buyer_id, site_id, item_id, day) DO UPDATE
           SET quantity = EXCLUDED.quantity, stocked_out = EXCLUDED.stocked_out, updated_at = now()
           WHERE consumption_day.backfilled`,
        [
          ...siteItemColumns(batch.map((d) => d.key)),
          batch.map((d) => dayText(d.day)),
          batch.map((d) => d.unit),
          batch.map((d) => d.quantity),
          batch.map((d) => d.stockedOut),
        ],
      );
    }
  }

  /**
   * The unit each series' consumption is kept in, set where none was yet (a series the live feed has not
   * consumed from), so live consumption in another unit is refused as it would be against live history.
   */
  async keepUnits(manager: EntityManager, series: ReadonlyArray<{ key: SiteItem; unit: string }>): Promise<void> {
    if (series.length === 0) return;
    await manager.query(
      `INSERT INTO consumption_series (buyer_id, site_id, item_id, unit, last_sequence)
       SELECT b, s, i, u, 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(b, s, i, u)
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET unit = COALESCE(consumption_series.unit, EXCLUDED.unit)`,
      [...siteItemColumns(series.map((s) => s.key)), series.map((s) => s.unit)],
    );
  }
}
