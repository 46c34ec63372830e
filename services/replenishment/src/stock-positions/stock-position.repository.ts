import { siteItemColumns } from '@smi/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { siteItemKeyOf, StockPosition } from './stock-position';
import { StockPositionRow } from './stock-position.entity';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

export interface PositionFilter {
  buyerIds?: readonly string[];
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class StockPositionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reads the positions of every given site x item and holds them until the transaction ends,
   * so two decisions for one site x item never interleave (each would miss the other's order and
   * the need would be ordered twice). Existing rows are locked FOR UPDATE in key order, so
   * concurrent batches cannot deadlock; a site x item with no row yet (its first level) has
   * nothing to lock, so it takes a per-key advisory lock instead, in hash order, and is read
   * again under it in case another transaction created it meanwhile.
   */
  async lockAll(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, StockPosition>> {
    const unique = [...new Map(keys.map((k) => [siteItemKeyOf(k), k])).values()];
    const found = await this.readForUpdate(manager, unique);
    const missing = unique.filter((k) => !found.has(siteItemKeyOf(k)));
    if (missing.length > 0) {
      await manager.query(
        'SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS keys',
        [missing.map((k) => `replenishment|${siteItemKeyOf(k)}`)],
      );
      for (const [key, position] of await this.readForUpdate(manager, missing)) found.set(key, position);
    }
    return found;
  }

  /** Writes the new position of each changed site x item in one statement. */
  async saveAll(manager: EntityManager, changed: readonly StockPosition[]): Promise<void> {
    if (changed.length === 0) return;
    await manager.query(
      `INSERT INTO stock_position (buyer_id, site_id, item_id, unit, on_hand, sequence, as_of, last_level_event_id, last_review_at, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::bigint[], $7::timestamptz[], $8::text[], $9::timestamptz[])
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET
         unit = excluded.unit, on_hand = excluded.on_hand, sequence = excluded.sequence, as_of = excluded.as_of,
         last_level_event_id = excluded.last_level_event_id, last_review_at = excluded.last_review_at, updated_at = excluded.updated_at`,
      [
        changed.map((p) => p.buyerId),
        changed.map((p) => p.siteId),
        changed.map((p) => p.itemId),
        changed.map((p) => p.unit),
        changed.map((p) => p.onHand),
        changed.map((p) => p.sequence),
        changed.map((p) => p.asOf),
        changed.map((p) => p.lastLevelEventId),
        changed.map((p) => p.lastReviewAt ?? null),
      ],
    );
  }

  private async readForUpdate(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, StockPosition>> {
    if (keys.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT p.buyer_id, p.site_id, p.item_id, p.unit, p.on_hand::text AS on_hand, p.sequence::text AS sequence, p.as_of,
              p.last_level_event_id, p.last_review_at
         FROM stock_position p
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id) USING (buyer_id, site_id, item_id)
        ORDER BY p.buyer_id, p.site_id, p.item_id
          FOR UPDATE OF p`,
      siteItemColumns(keys),
    );
    return new Map(rows.map((row) => [siteItemKeyOf(positionOf(row)), positionOf(row)]));
  }

  async list(filter: PositionFilter): Promise<StockPosition[]> {
    const where: FindOptionsWhere<StockPositionRow> = {
      ...(filter.buyerIds ? { buyerId: In([...filter.buyerIds]) } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.itemId ? { itemId: filter.itemId } : {}),
    };
    const rows = await this.dataSource
      .getRepository(StockPositionRow)
      .find({ where, order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' } });
    return rows.map(({ updatedAt: _updatedAt, ...position }) => position);
  }
}

function positionOf(row: Record<string, unknown>): StockPosition {
  const lastReviewAt = row.last_review_at as Date | null;
  return {
    buyerId: row.buyer_id as string,
    siteId: row.site_id as string,
    itemId: row.item_id as string,
    unit: row.unit as string,
    onHand: Number(row.on_hand),
    sequence: Number(row.sequence),
    asOf: row.as_of as Date,
    lastLevelEventId: row.last_level_event_id as string,
    ...(lastReviewAt && { lastReviewAt }),
  };
}
