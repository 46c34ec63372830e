import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Touch } from './delivery-facts';

@Injectable()
export class TouchedPeriodRepository {
  /**
   * Marks every agreement line month a batch's facts landed in, in one statement, keeping the
   * latest business time per month: the penalty side recomputes a closed month it finds here.
   */
  async touchAll(manager: EntityManager, touches: readonly Touch[]): Promise<void> {
    const latest = new Map<string, Touch>();
    for (const touch of touches) {
      const key = `${touch.agreementId}|${touch.siteId}|${touch.itemId}|${touch.period}`;
      const before = latest.get(key);
      if (!before || before.touchedAt < touch.touchedAt) latest.set(key, touch);
    }
    if (latest.size === 0) return;
    const rows = [...latest.values()];
    await manager.query(
      `INSERT INTO touched_period (agreement_id, site_id, item_id, period, touched_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
       ON CONFLICT (agreement_id, site_id, item_id, period) DO UPDATE SET touched_at = greatest(touched_period.touched_at, excluded.touched_at)`,
      [
        rows.map((t) => t.agreementId),
        rows.map((t) => t.siteId),
        rows.map((t) => t.itemId),
        rows.map((t) => t.period),
        rows.map((t) => t.touchedAt),
      ],
    );
  }
}
