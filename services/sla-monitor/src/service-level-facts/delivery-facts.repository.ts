import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KeptAccuracy, OrderedLine, ShippedLine } from './delivery-facts';

/** Writes the order lines, shipped lines and forecast accuracy sla-monitor judges on, each set-based. */
@Injectable()
export class DeliveryFactsRepository {
  async saveOrdered(manager: EntityManager, lines: readonly OrderedLine[]): Promise<void> {
    if (lines.length === 0) return;
    const column = <K extends keyof OrderedLine>(name: K) => lines.map((l) => l[name]);
    await manager.query(
      `INSERT INTO ordered_lines (order_id, agreement_id, agreement_version, buyer_id, supplier_id, site_id, item_id, ordered_at,
                                  promised_at, ordered_quantity, agreed_lead_time_days, withdrawn)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                            $9::timestamptz[], $10::numeric[], $11::numeric[], $12::boolean[])
       ON CONFLICT (order_id) DO UPDATE SET
         agreement_id = excluded.agreement_id, agreement_version = excluded.agreement_version, ordered_at = excluded.ordered_at,
         promised_at = excluded.promised_at, ordered_quantity = excluded.ordered_quantity,
         agreed_lead_time_days = excluded.agreed_lead_time_days, withdrawn = excluded.withdrawn`,
      [
        column('orderId'),
        column('agreementId'),
        column('agreementVersion'),
        column('buyerId'),
        column('supplierId'),
        column('siteId'),
        column('itemId'),
        column('orderedAt'),
        column('promisedAt'),
        column('orderedQuantity'),
        column('agreedLeadTimeDays'),
        column('withdrawn'),
      ],
    );
  }

  async withdraw(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
    if (orderIds.length === 0) return;
    await manager.query('UPDATE ordered_lines SET withdrawn = true WHERE order_id = ANY($1::text[])', [orderIds]);
  }

  /** Keeps what each shipment line last said; an older status change than the one kept is ignored. */
  async saveShipped(manager: EntityManager, lines: readonly ShippedLine[]): Promise<void> {
    if (lines.length === 0) return;
    const column = <K extends keyof ShippedLine>(name: K) => lines.map((l) => l[name]);
    await manager.query(
      `INSERT INTO shipped_lines (order_id, shipment_id, item_id, status, status_changed_at, dispatched_quantity, received_quantity,
                                  delivered_at, receipt_event_ids)
       SELECT o, s, i, st, sc, d, r, da, coalesce(string_to_array(nullif(re, ''), chr(31)), '{}')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::numeric[], $7::numeric[], $8::timestamptz[], $9::text[])
         AS t(o, s, i, st, sc, d, r, da, re)
       ON CONFLICT (order_id) DO UPDATE SET
         shipment_id = excluded.shipment_id, item_id = excluded.item_id, status = excluded.status,
         status_changed_at = excluded.status_changed_at, dispatched_quantity = excluded.dispatched_quantity,
         received_quantity = excluded.received_quantity, delivered_at = excluded.delivered_at, receipt_event_ids = excluded.receipt_event_ids
       WHERE shipped_lines.status_changed_at <= excluded.status_changed_at`,
      [
        column('orderId'),
        column('shipmentId'),
        column('itemId'),
        column('status'),
        column('statusChangedAt'),
        column('dispatchedQuantity'),
        column('receivedQuantity'),
        column('deliveredAt'),
        // A text[] per row cannot ride in unnest: each list travels joined by the unit separator.
        lines.map((l) => l.receiptEventIds.join('\u001f')),
      ],
    );
  }

  /** Keeps the latest measurement per subject and period scored. */
  async saveAccuracies(manager: EntityManager, kept: readonly KeptAccuracy[]): Promise<void> {
    if (kept.length === 0) return;
    const column = <K extends keyof KeptAccuracy>(name: K) => kept.map((k) => k[name]);
    await manager.query(
      `INSERT INTO forecast_accuracy (subject, through_period_start, scope, buyer_id, agreement_id, site_id, item_id, event_id, measured_at,
                                      periods_scored, censored_periods_skipped, mase, bias, relative_bias, lines_scored)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                            $10::int[], $11::int[], $12::float8[], $13::float8[], $14::float8[], $15::int[])
       ON CONFLICT (subject, through_period_start) DO UPDATE SET
         scope = excluded.scope, buyer_id = excluded.buyer_id, agreement_id = excluded.agreement_id, site_id = excluded.site_id,
         item_id = excluded.item_id, event_id = excluded.event_id, measured_at = excluded.measured_at,
         periods_scored = excluded.periods_scored, censored_periods_skipped = excluded.censored_periods_skipped, mase = excluded.mase,
         bias = excluded.bias, relative_bias = excluded.relative_bias, lines_scored = excluded.lines_scored
       WHERE forecast_accuracy.measured_at <= excluded.measured_at`,
      [
        column('subject'),
        column('throughPeriodStart'),
        column('scope'),
        column('buyerId'),
        column('agreementId'),
        column('siteId'),
        column('itemId'),
        column('eventId'),
        column('measuredAt'),
        column('periodsScored'),
        column('censoredPeriodsSkipped'),
        column('mase'),
        column('bias'),
        column('relativeBias'),
        column('linesScored'),
      ],
    );
  }
}
