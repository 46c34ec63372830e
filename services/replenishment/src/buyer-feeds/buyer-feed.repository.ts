import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BuyerFeed } from './buyer-feed';

/** When each buyer's feed last said anything, for the stale-feed hold. */
@Injectable()
export class BuyerFeedRepository {
  /** Keeps the newer of the kept and the given time per buyer, in one statement: an older level moves nothing back. */
  async heard(manager: EntityManager, feeds: readonly BuyerFeed[]): Promise<void> {
    if (feeds.length === 0) return;
    await manager.query(
      `INSERT INTO buyer_feeds (buyer_id, last_level_at)
       SELECT * FROM unnest($1::text[], $2::timestamptz[]) ORDER BY 1
       ON CONFLICT (buyer_id) DO UPDATE SET last_level_at = GREATEST(buyer_feeds.last_level_at, EXCLUDED.last_level_at)`,
      [feeds.map((f) => f.buyerId), feeds.map((f) => f.lastLevelAt)],
    );
  }

  /** The last level's asOf of each given buyer that sent any. */
  async lastLevelsOf(manager: EntityManager, buyerIds: readonly string[]): Promise<Map<string, Date>> {
    if (buyerIds.length === 0) return new Map();
    const rows: Array<{ buyer_id: string; last_level_at: Date }> = await manager.query(
      `SELECT buyer_id, last_level_at FROM buyer_feeds WHERE buyer_id = ANY($1::text[])`,
      [[...new Set(buyerIds)]],
    );
    return new Map(rows.map((r) => [r.buyer_id, r.last_level_at]));
  }
}
