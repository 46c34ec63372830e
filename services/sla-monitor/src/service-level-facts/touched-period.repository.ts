import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Touch } from './delivery-facts';

@Injectable()
export class TouchedPeriodRepository {
  /**
   * Marks every agreement line month a batch's facts landed in, in one statement, at the moment
   * they are recorded: the penalty side recomputes a closed month whose line was touched after it
   * last read the line's touch. The recording moment, not the facts' business time, so a fact
   * reported late with an earlier time (a backdated movement) still brings its month back; the
   * statement's clock, so a recording the penalty side did not see is always later than what it read.
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
       SELECT a, s, i, p, clock_timestamp() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(a, s, i, p)
       ON CONFLICT (agreement_id, site_id, item_id, period) DO UPDATE SET touched_at = excluded.touched_at`,
      [rows.map((t) => t.agreementId), rows.map((t) => t.siteId), rows.map((t) => t.itemId), rows.map((t) => t.period)],
    );
  }
}
