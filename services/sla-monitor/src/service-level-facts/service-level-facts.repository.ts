import { Injectable } from '@nestjs/common';
import {
  addDays,
  dayOf,
  DeliveryLine,
  LevelFact,
  LineDay,
  lineDaysFromLevels,
  LOST_DEMAND_HISTORY_DAYS,
  startOf,
} from '@smi/service-levels';
import { DataSource, EntityManager } from 'typeorm';
import { ForecastAccuracyReading } from '../kpis/kpi-report';

/** An agreement line whose facts are asked for: its buyer's site x item under the agreement. */
export interface FactsLine {
  agreementId: string;
  siteId: string;
  itemId: string;
  buyerId: string;
}

/** What one agreement line is judged on over some days. */
export interface LineFacts {
  /** Each day from firstDay to lastDay, from the line's stock level history. */
  days: LineDay[];
  /**
   * The released order lines (not withdrawn) promised from firstDay to lastDay, with what their
   * shipments said; a line is of the wrong item when another item was shipped for it, or a goods
   * receipt of another agreed item was booked against its order.
   */
  deliveries: DeliveryLine[];
}

/**
 * The history read before the first day: the lost-demand estimate reads the 28 days before a
 * stockout began, and a stockout may already be running when the days begin.
 */
const HISTORY_BEFORE_DAYS = 2 * LOST_DEMAND_HISTORY_DAYS;

const lineKeyOf = (l: { agreementId: string; siteId: string; itemId: string }) => `${l.agreementId}|${l.siteId}|${l.itemId}`;
const siteItemKeyOf = (l: { buyerId: string; siteId: string; itemId: string }) => `${l.buyerId}|${l.siteId}|${l.itemId}`;

/**
 * A line's days from firstDay to lastDay. A site x item whose history begins inside the span is
 * measured from its first level on, as that level left it from the start of its day: days before
 * anything was known of it are not judged (no level, no days).
 */
function daysOf(
  history: { opening: number | null; levels: LevelFact[] } | undefined,
  from: string,
  firstDay: string,
  lastDay: string,
): LineDay[] {
  if (!history || (history.opening === null && history.levels.length === 0)) return [];
  if (history.opening !== null) {
    return lineDaysFromLevels({ from, openingOnHand: history.opening, levels: history.levels }, { firstDay, lastDay });
  }
  // Nothing before the first level: the days before its day are unknown, not in stock (nor out).
  const first = history.levels.reduce((a, b) => (a.sequence < b.sequence ? a : b));
  const known = dayOf(first.asOf);
  if (known > lastDay) return [];
  const start = known > firstDay ? known : firstDay;
  return lineDaysFromLevels({ from: known, openingOnHand: first.onHand, levels: history.levels }, { firstDay: start, lastDay });
}

/**
 * The facts of agreement lines over a span of days, as the KPIs and penalties read them: one
 * statement per table for every line asked. Days are UTC calendar days YYYY-MM-DD.
 */
@Injectable()
export class ServiceLevelFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** factsOf, read outside any unit of work (for an answer over HTTP). */
  read(lines: readonly FactsLine[], firstDay: string, lastDay: string): Promise<LineFacts[]> {
    return this.factsOf(this.dataSource.manager, lines, firstDay, lastDay);
  }

  /** Per line asked, in the same order: its days and its deliveries. */
  async factsOf(manager: EntityManager, lines: readonly FactsLine[], firstDay: string, lastDay: string): Promise<LineFacts[]> {
    if (lines.length === 0) return [];
    const from = addDays(firstDay, -HISTORY_BEFORE_DAYS);
    const levels = await this.levelsOf(manager, lines, from, lastDay);
    const deliveries = await this.deliveriesOf(manager, lines, firstDay, lastDay);
    return lines.map((line) => ({
      days: daysOf(levels.get(siteItemKeyOf(line)), from, firstDay, lastDay),
      deliveries: deliveries.get(lineKeyOf(line)) ?? [],
    }));
  }

  /**
   * The latest forecast accuracy of each subject (see accuracySubjectOf) known by a day's end: the
   * measurement of the latest forecast period scored that began by then. One statement.
   */
  async forecastAccuracyBy(subjects: readonly string[], lastDay: string): Promise<Map<string, ForecastAccuracyReading>> {
    if (subjects.length === 0) return new Map();
    const rows: Array<ForecastAccuracyReading & { subject: string }> = await this.dataSource.query(
      `SELECT DISTINCT ON (subject) subject, through_period_start AS "throughPeriodStart", measured_at AS "measuredAt",
              periods_scored AS "periodsScored", censored_periods_skipped AS "censoredPeriodsSkipped", mase, bias,
              relative_bias AS "relativeBias", lines_scored AS "linesScored", event_id AS "eventId"
       FROM forecast_accuracy
       WHERE subject = ANY($1::text[]) AND through_period_start <= $2
       ORDER BY subject, through_period_start DESC`,
      [[...new Set(subjects)], lastDay],
    );
    return new Map(rows.map(({ subject, ...reading }) => [subject, reading]));
  }

  /** Per site x item, the levels from `from` to lastDay, and on-hand as the last level before `from` left it. */
  private async levelsOf(
    manager: EntityManager,
    lines: readonly FactsLine[],
    from: string,
    lastDay: string,
  ): Promise<Map<string, { opening: number | null; levels: LevelFact[] }>> {
    const keys = [...new Map(lines.map((l) => [siteItemKeyOf(l), l])).values()];
    const rows: Array<{
      buyer_id: string;
      site_id: string;
      item_id: string;
      opening: boolean;
      event_id: string;
      sequence: number;
      as_of: Date;
      on_hand: number;
      movement_kind: LevelFact['movementKind'];
      movement_quantity: number;
    }> = await manager.query(
      `WITH k AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id)),
       opening AS (
         SELECT DISTINCT ON (h.buyer_id, h.site_id, h.item_id) h.*
         FROM stock_level_history h JOIN k USING (buyer_id, site_id, item_id)
         WHERE h.as_of < $4::timestamptz
         ORDER BY h.buyer_id, h.site_id, h.item_id, h.sequence DESC),
       since AS (
         SELECT h.* FROM stock_level_history h JOIN k USING (buyer_id, site_id, item_id)
         WHERE h.as_of >= $4::timestamptz AND h.as_of < $5::timestamptz)
       SELECT buyer_id, site_id, item_id, true AS opening, event_id, sequence::float8 AS sequence, as_of, on_hand::float8 AS on_hand,
              movement_kind, movement_quantity::float8 AS movement_quantity FROM opening
       UNION ALL
       SELECT buyer_id, site_id, item_id, false, event_id, sequence::float8, as_of, on_hand::float8, movement_kind, movement_quantity::float8
       FROM since`,
      [keys.map((k) => k.buyerId), keys.map((k) => k.siteId), keys.map((k) => k.itemId), startOf(from), startOf(addDays(lastDay, 1))],
    );
    const bySiteItem = new Map<string, { opening: number | null; levels: LevelFact[] }>();
    for (const row of rows) {
      const key = siteItemKeyOf({ buyerId: row.buyer_id, siteId: row.site_id, itemId: row.item_id });
      const history = bySiteItem.get(key) ?? { opening: null, levels: [] };
      if (row.opening) history.opening = row.on_hand;
      else {
        history.levels.push({
          eventId: row.event_id,
          sequence: row.sequence,
          asOf: row.as_of,
          onHand: row.on_hand,
          movementKind: row.movement_kind,
          movementQuantity: row.movement_quantity,
        });
      }
      bySiteItem.set(key, history);
    }
    return bySiteItem;
  }

  /** Per agreement line, the order lines promised from firstDay to lastDay and not withdrawn, with what their shipment says. */
  private async deliveriesOf(
    manager: EntityManager,
    lines: readonly FactsLine[],
    firstDay: string,
    lastDay: string,
  ): Promise<Map<string, DeliveryLine[]>> {
    const keys = [...new Map(lines.map((l) => [lineKeyOf(l), l])).values()];
    const rows: Array<{
      agreement_id: string;
      order_id: string;
      shipment_id: string | null;
      site_id: string;
      item_id: string;
      shipped_item_id: string | null;
      ordered_at: Date;
      promised_at: Date;
      delivered_at: Date | null;
      ordered_quantity: number;
      dispatched_quantity: number | null;
      received_quantity: number | null;
      agreed_lead_time_days: number;
      receipt_event_ids: string[] | null;
      other_item_received: boolean;
    }> = await manager.query(
      `SELECT o.agreement_id, o.order_id, s.shipment_id, o.site_id, o.item_id, s.item_id AS shipped_item_id, o.ordered_at, o.promised_at,
              s.delivered_at, o.ordered_quantity::float8 AS ordered_quantity, s.dispatched_quantity::float8 AS dispatched_quantity,
              s.received_quantity::float8 AS received_quantity, o.agreed_lead_time_days::float8 AS agreed_lead_time_days, s.receipt_event_ids,
              EXISTS (SELECT 1 FROM stock_level_history r
                      WHERE r.order_reference = o.order_id AND r.movement_kind = 'RECEIPT' AND r.item_id <> o.item_id) AS other_item_received
       FROM ordered_lines o
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(agreement_id, site_id, item_id) USING (agreement_id, site_id, item_id)
       LEFT JOIN shipped_lines s ON s.order_id = o.order_id AND s.status <> 'CANCELLED'
       WHERE NOT o.withdrawn AND o.promised_at >= $4::timestamptz AND o.promised_at < $5::timestamptz
       ORDER BY o.promised_at, o.order_id`,
      [
        keys.map((k) => k.agreementId),
        keys.map((k) => k.siteId),
        keys.map((k) => k.itemId),
        startOf(firstDay),
        startOf(addDays(lastDay, 1)),
      ],
    );
    const byLine = new Map<string, DeliveryLine[]>();
    for (const row of rows) {
      const key = lineKeyOf({ agreementId: row.agreement_id, siteId: row.site_id, itemId: row.item_id });
      const delivery: DeliveryLine = {
        orderId: row.order_id,
        shipmentId: row.shipment_id ?? '',
        siteId: row.site_id,
        itemId: row.item_id,
        orderedAt: row.ordered_at,
        promisedAt: row.promised_at,
        deliveredAt: row.delivered_at,
        orderedQuantity: row.ordered_quantity,
        dispatchedQuantity: row.dispatched_quantity,
        receivedQuantity: row.received_quantity ?? 0,
        // Another item shipped for the order, or a goods receipt of another item booked against it.
        wrongItemReceived: (row.shipped_item_id !== null && row.shipped_item_id !== row.item_id) || row.other_item_received,
        agreedLeadTimeDays: row.agreed_lead_time_days,
        receiptEventIds: row.receipt_event_ids ?? [],
      };
      byLine.set(key, [...(byLine.get(key) ?? []), delivery]);
    }
    return byLine;
  }
}
