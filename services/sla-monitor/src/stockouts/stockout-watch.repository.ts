import { siteItemColumns } from '@smi/persistence';
import { siteItemKeyOf } from '@smi/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { StockoutWatch } from './stockout-watch';

type SiteItem = { buyerId: string; siteId: string; itemId: string };

@Injectable()
export class StockoutWatchRepository {
  /**
   * Reads and locks the watch of every given site x item in one statement, so two batches never
   * judge one key at once. Rows are locked in key order: concurrent batches cannot deadlock.
   */
  async lockAll(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, StockoutWatch>> {
    const unique = [...new Map(keys.map((k) => [siteItemKeyOf(k), k])).values()];
    if (unique.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT w.buyer_id, w.site_id, w.item_id, w.last_sequence::float8 AS last_sequence, w.stocked_out, w.last_level_event_id
       FROM stockout_watch w
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)
       ORDER BY w.buyer_id, w.site_id, w.item_id
       FOR UPDATE OF w`,
      siteItemColumns(unique),
    );
    return new Map(rows.map((row) => [siteItemKeyOf(watchOf(row)), watchOf(row)]));
  }

  /** Writes the new watch of each site x item in one statement. */
  async saveAll(manager: EntityManager, watches: readonly StockoutWatch[]): Promise<void> {
    if (watches.length === 0) return;
    await manager.query(
      `INSERT INTO stockout_watch (buyer_id, site_id, item_id, last_sequence, stocked_out, last_level_event_id, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::text[])
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET
         last_sequence = excluded.last_sequence, stocked_out = excluded.stocked_out,
         last_level_event_id = excluded.last_level_event_id, updated_at = excluded.updated_at`,
      [
        watches.map((w) => w.buyerId),
        watches.map((w) => w.siteId),
        watches.map((w) => w.itemId),
        watches.map((w) => w.lastSequence),
        watches.map((w) => w.stockedOut),
        watches.map((w) => w.lastLevelEventId),
      ],
    );
  }
}

function watchOf(row: Record<string, unknown>): StockoutWatch {
  return {
    buyerId: row.buyer_id as string,
    siteId: row.site_id as string,
    itemId: row.item_id as string,
    lastSequence: row.last_sequence as number,
    stockedOut: row.stocked_out as boolean,
    lastLevelEventId: row.last_level_event_id as string,
  };
}
