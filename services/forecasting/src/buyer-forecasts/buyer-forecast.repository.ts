import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { dayNumberOfText, dayText } from '../consumption-history/calendar-days';
import type { SiteItem } from '../consumption-history/consumption-history.repository';
import type { BuyerForecastSubmission } from './buyer-forecast';

@Injectable()
export class BuyerForecastRepository {
  /**
   * Keeps a submission unless the buyer used its eventId before: with the same body (`bodyHash`)
   * that is a resend, with another a conflict. A submission kept before hashes were stored counts as a resend.
   */
  async add(manager: EntityManager, submission: BuyerForecastSubmission, bodyHash: string): Promise<'kept' | 'already-kept' | 'conflict'> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO buyer_forecast (event_id, buyer_id, site_id, item_id, unit, period_days, first_period_start, quantities, submitted_at, received_at, body_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (buyer_id, event_id) DO NOTHING RETURNING event_id`,
      [
        submission.eventId,
        submission.buyerId,
        submission.siteId,
        submission.itemId,
        submission.unit,
        submission.periodDays,
        dayText(submission.firstPeriodStart),
        JSON.stringify(submission.quantities),
        submission.submittedAt,
        submission.receivedAt,
        bodyHash,
      ],
    );
    if (rows.length > 0) return 'kept';
    const [kept]: Array<{ body_hash: string | null }> = await manager.query(
      'SELECT body_hash FROM buyer_forecast WHERE buyer_id = $1 AND event_id = $2',
      [submission.buyerId, submission.eventId],
    );
    return kept.body_hash === null || kept.body_hash === bodyHash ? 'already-kept' : 'conflict';
  }

  /** The submissions for a site x item forecasting periods from fromDay on. */
  async forSeries(manager: EntityManager, key: SiteItem, fromDay: number): Promise<BuyerForecastSubmission[]> {
    const rows: Array<{
      event_id: string;
      unit: string;
      period_days: number;
      first_period_start: string;
      quantities: number[];
      submitted_at: Date;
      received_at: Date;
    }> = await manager.query(
      `SELECT event_id, unit, period_days, first_period_start::text, quantities, submitted_at, received_at FROM buyer_forecast
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3
          AND first_period_start + period_days * jsonb_array_length(quantities) > $4::date
        ORDER BY submitted_at`,
      [key.buyerId, key.siteId, key.itemId, dayText(fromDay)],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      buyerId: key.buyerId,
      siteId: key.siteId,
      itemId: key.itemId,
      unit: r.unit,
      periodDays: r.period_days,
      firstPeriodStart: dayNumberOfText(r.first_period_start),
      quantities: r.quantities,
      submittedAt: r.submitted_at,
      receivedAt: r.received_at,
    }));
  }
}
