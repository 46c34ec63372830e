import { Injectable } from '@nestjs/common';
import { StockLevel } from '@smi/contracts';
import { EntityManager } from 'typeorm';

/** One stock level of a site x item as kept: what the line days are built from. */
export type StoredLevel = Pick<
  StockLevel,
  'buyerId' | 'siteId' | 'itemId' | 'eventId' | 'sequence' | 'asOf' | 'onHand' | 'movementKind' | 'movementQuantity' | 'orderReference'
>;

@Injectable()
export class StockLevelHistoryRepository {
  /**
   * Keeps the levels in one statement. A site x item's sequence is the key, so a redelivered level
   * is the same row and changes nothing; answers the levels that were new.
   */
  async addAll(manager: EntityManager, levels: readonly StoredLevel[]): Promise<StoredLevel[]> {
    if (levels.length === 0) return [];
    const column = <K extends keyof StoredLevel>(name: K) => levels.map((l) => l[name]);
    const added: Array<{ buyer_id: string; site_id: string; item_id: string; sequence: string }> = await manager.query(
      `INSERT INTO stock_level_history (buyer_id, site_id, item_id, sequence, event_id, as_of, on_hand, movement_kind, movement_quantity,
                                        order_reference)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::timestamptz[], $7::numeric[], $8::text[], $9::numeric[],
                            $10::text[])
       ON CONFLICT (buyer_id, site_id, item_id, sequence) DO NOTHING
       RETURNING buyer_id, site_id, item_id, sequence::text`,
      [
        column('buyerId'),
        column('siteId'),
        column('itemId'),
        column('sequence'),
        column('eventId'),
        column('asOf'),
        column('onHand'),
        column('movementKind'),
        column('movementQuantity'),
        column('orderReference'),
      ],
    );
    const isNew = new Set(added.map((row) => `${row.buyer_id}|${row.site_id}|${row.item_id}|${row.sequence}`));
    return levels.filter((l) => isNew.has(`${l.buyerId}|${l.siteId}|${l.itemId}|${l.sequence}`));
  }
}
