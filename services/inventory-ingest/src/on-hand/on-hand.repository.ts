import { siteItemColumns } from '@smi/persistence';
import { siteItemKeyOf } from '@smi/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { OnHand } from './on-hand-projection';
import { OnHandRow } from './on-hand.entity';

type SiteItem = { buyerId: string; siteId: string; itemId: string };

@Injectable()
export class OnHandRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reads and locks the on-hand of every given site x item in one statement, so two batches
   * touching one key never interleave. Rows are locked in key order: concurrent batches cannot deadlock.
   */
  lockAll(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, OnHand>> {
    return this.selectAll(manager, keys, 'FOR UPDATE OF o');
  }

  /** Reads the on-hand of every given site x item in one statement, locking nothing (for a check before a REST answer). */
  readAll(keys: readonly SiteItem[]): Promise<Map<string, OnHand>> {
    return this.selectAll(this.dataSource.manager, keys, '');
  }

  private async selectAll(manager: EntityManager, keys: readonly SiteItem[], locking: string): Promise<Map<string, OnHand>> {
    const unique = [...new Map(keys.map((k) => [siteItemKeyOf(k), k])).values()];
    if (unique.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT o.buyer_id, o.site_id, o.item_id, o.unit, o.quantity::float8 AS quantity, o.sequence::float8 AS sequence,
              o.last_count_at, o.as_of, o.last_movement_id
       FROM on_hand o
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id)
         USING (buyer_id, site_id, item_id)
       ORDER BY o.buyer_id, o.site_id, o.item_id
       ${locking}`,
      siteItemColumns(unique),
    );
    return new Map(rows.map((row) => [siteItemKeyOf(onHandOf(row)), onHandOf(row)]));
  }

  /** Writes the new on-hand of each changed site x item in one statement. */
  async saveAll(manager: EntityManager, changed: readonly OnHand[]): Promise<void> {
    if (changed.length === 0) return;
    await manager.query(
      `INSERT INTO on_hand (buyer_id, site_id, item_id, unit, quantity, sequence, last_count_at, as_of, last_movement_id, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::bigint[], $7::timestamptz[], $8::timestamptz[], $9::text[])
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET
         unit = excluded.unit, quantity = excluded.quantity, sequence = excluded.sequence, last_count_at = excluded.last_count_at,
         as_of = excluded.as_of, last_movement_id = excluded.last_movement_id, updated_at = excluded.updated_at`,
      [
        changed.map((o) => o.buyerId),
        changed.map((o) => o.siteId),
        changed.map((o) => o.itemId),
        changed.map((o) => o.unit),
        changed.map((o) => o.quantity),
        changed.map((o) => o.sequence),
        changed.map((o) => o.lastCountAt),
        changed.map((o) => o.asOf),
        changed.map((o) => o.lastMovementId),
      ],
    );
  }

  async listForBuyers(buyerIds: string[], siteId?: string): Promise<OnHand[]> {
    const rows = await this.dataSource.getRepository(OnHandRow).find({
      where: { buyerId: In(buyerIds), ...(siteId ? { siteId } : {}) },
      order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' },
    });
    return rows.map(toOnHand);
  }

  async listAll(siteId?: string): Promise<OnHand[]> {
    const rows = await this.dataSource.getRepository(OnHandRow).find({
      where: siteId ? { siteId } : {},
      order: { buyerId: 'ASC', siteId: 'ASC', itemId: 'ASC' },
    });
    return rows.map(toOnHand);
  }
}

function onHandOf(row: Record<string, unknown>): OnHand {
  return {
    buyerId: row.buyer_id as string,
    siteId: row.site_id as string,
    itemId: row.item_id as string,
    unit: row.unit as string,
    quantity: row.quantity as number,
    sequence: row.sequence as number,
    lastCountAt: (row.last_count_at as Date | null) ?? null,
    asOf: row.as_of as Date,
    lastMovementId: row.last_movement_id as string,
  };
}

function toOnHand(row: OnHandRow): OnHand {
  const { updatedAt: _updatedAt, ...onHand } = row;
  return onHand;
}
