import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder, Shipment } from '@smi/contracts';
import { EntityManager } from 'typeorm';
import { AwaitedApproval } from './approval-watch';
import { FeedState } from './feed-watch';
import { WatchedShipment } from './shipment-watch';
import { DemandOutlook, StockWatchState, stockKeyOf } from './stock-watch';

type SiteItem = { buyerId: string; siteId: string; itemId: string };

/** Dates inside jsonb come back as strings: the events they were. */
const reviveDates = <T>(json: Record<string, unknown>, fields: string[]): T => {
  const copy: Record<string, unknown> = { ...json };
  for (const field of fields) if (typeof copy[field] === 'string') copy[field] = new Date(copy[field] as string);
  return copy as T;
};
const ORDER_DATES = ['expectedDeliveryAt', 'decidedAt', 'approvalDeadline'];
const SHIPMENT_DATES = ['statusChangedAt', 'expectedDeliveryAt', 'promisedDeliveryAt', 'dispatchedAt', 'deliveredAt'];

/** What the alert rules remember between events and sweeps; each load is one query for the whole batch. */
@Injectable()
export class AlertStateRepository {
  async stockStates(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, StockWatchState>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      buyer_id: string;
      site_id: string;
      item_id: string;
      sequence: string;
      on_hand: number;
      as_of: Date;
      projected_below_min: boolean;
      above_max: boolean;
    }> = await rowsOfSiteItems(manager, 'stock_watch', keys, true);
    return new Map(
      rows.map((r) => [
        stockKeyOf(siteItemOf(r)),
        {
          ...siteItemOf(r),
          sequence: Number(r.sequence),
          onHand: r.on_hand,
          asOf: r.as_of,
          projectedBelowMin: r.projected_below_min,
          aboveMax: r.above_max,
        },
      ]),
    );
  }

  async saveStockStates(manager: EntityManager, states: readonly StockWatchState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO stock_watch (buyer_id, site_id, item_id, sequence, on_hand, as_of, projected_below_min, above_max)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::float8[], $6::timestamptz[], $7::bool[], $8::bool[])
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET sequence = EXCLUDED.sequence, on_hand = EXCLUDED.on_hand,
         as_of = EXCLUDED.as_of, projected_below_min = EXCLUDED.projected_below_min, above_max = EXCLUDED.above_max`,
      [
        states.map((s) => s.buyerId),
        states.map((s) => s.siteId),
        states.map((s) => s.itemId),
        states.map((s) => s.sequence),
        states.map((s) => s.onHand),
        states.map((s) => s.asOf),
        states.map((s) => s.projectedBelowMin),
        states.map((s) => s.aboveMax),
      ],
    );
  }

  async outlooks(manager: EntityManager, keys: readonly SiteItem[]): Promise<Map<string, DemandOutlook>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      buyer_id: string;
      site_id: string;
      item_id: string;
      period_days: number;
      demand_per_period: number;
      horizon_demand: number[];
      generated_at: Date;
    }> = await rowsOfSiteItems(manager, 'demand_outlooks', keys, false);
    return new Map(
      rows.map((r) => [
        stockKeyOf(siteItemOf(r)),
        {
          ...siteItemOf(r),
          periodDays: r.period_days,
          demandPerPeriod: r.demand_per_period,
          horizonDemand: r.horizon_demand.map(Number),
          generatedAt: r.generated_at,
        },
      ]),
    );
  }

  /** Keeps the latest forecast per site x item: an older one arriving late changes nothing. */
  async saveOutlooks(manager: EntityManager, outlooks: readonly DemandOutlook[]): Promise<void> {
    if (outlooks.length === 0) return;
    await manager.query(
      `INSERT INTO demand_outlooks (buyer_id, site_id, item_id, period_days, demand_per_period, horizon_demand, generated_at)
       SELECT b, s, i, p, d, ARRAY(SELECT jsonb_array_elements_text(h)::float8), g
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::float8[], $6::jsonb[], $7::timestamptz[]) AS o(b, s, i, p, d, h, g)
       ON CONFLICT (buyer_id, site_id, item_id) DO UPDATE SET period_days = EXCLUDED.period_days,
         demand_per_period = EXCLUDED.demand_per_period, horizon_demand = EXCLUDED.horizon_demand, generated_at = EXCLUDED.generated_at
       WHERE demand_outlooks.generated_at <= EXCLUDED.generated_at`,
      [
        outlooks.map((o) => o.buyerId),
        outlooks.map((o) => o.siteId),
        outlooks.map((o) => o.itemId),
        outlooks.map((o) => o.periodDays),
        outlooks.map((o) => o.demandPerPeriod),
        outlooks.map((o) => JSON.stringify(o.horizonDemand)),
        outlooks.map((o) => o.generatedAt),
      ],
    );
  }

  /** Feed states of these buyers, or, without buyers, every feed not yet reported silent (the sweep's), locked in key order. */
  async feedStates(manager: EntityManager, buyerIds?: readonly string[]): Promise<Map<string, FeedState>> {
    const rows: Array<{ buyer_id: string; last_as_of: Date; silent_since: Date | null }> = buyerIds
      ? await manager.query(`SELECT * FROM feed_watch WHERE buyer_id = ANY($1) ORDER BY buyer_id FOR UPDATE`, [buyerIds])
      : await manager.query(`SELECT * FROM feed_watch WHERE silent_since IS NULL ORDER BY buyer_id FOR UPDATE SKIP LOCKED`);
    return new Map(rows.map((r) => [r.buyer_id, { buyerId: r.buyer_id, lastAsOf: r.last_as_of, silentSince: r.silent_since }]));
  }

  async saveFeedStates(manager: EntityManager, states: readonly FeedState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `INSERT INTO feed_watch (buyer_id, last_as_of, silent_since) SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[])
       ON CONFLICT (buyer_id) DO UPDATE SET last_as_of = EXCLUDED.last_as_of, silent_since = EXCLUDED.silent_since`,
      [states.map((s) => s.buyerId), states.map((s) => s.lastAsOf), states.map((s) => s.silentSince)],
    );
  }

  async watchApprovals(manager: EntityManager, awaited: readonly AwaitedApproval[], settled: readonly string[]): Promise<void> {
    if (settled.length > 0) await manager.query(`DELETE FROM approval_watch WHERE order_id = ANY($1)`, [settled]);
    if (awaited.length === 0) return;
    await manager.query(
      `INSERT INTO approval_watch (order_id, buyer_id, awaiting_since, deadline, reminded, order_event)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::bool[], $6::jsonb[])
       ON CONFLICT (order_id) DO UPDATE SET awaiting_since = EXCLUDED.awaiting_since, deadline = EXCLUDED.deadline, order_event = EXCLUDED.order_event`,
      [
        awaited.map((a) => a.orderId),
        awaited.map((a) => a.buyerId),
        awaited.map((a) => a.awaitingSince),
        awaited.map((a) => a.deadline),
        awaited.map((a) => a.reminded),
        awaited.map((a) => JSON.stringify(a.order)),
      ],
    );
  }

  /** Orders awaiting approval not yet reminded, whose deadline is still ahead. */
  async approvalsToRemind(manager: EntityManager, now: Date, limit: number): Promise<AwaitedApproval[]> {
    const rows: Array<{
      order_id: string;
      buyer_id: string;
      awaiting_since: Date;
      deadline: Date;
      reminded: boolean;
      order_event: Record<string, unknown>;
    }> = await manager.query(
      `SELECT * FROM approval_watch WHERE NOT reminded AND deadline > $1 ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      buyerId: r.buyer_id,
      awaitingSince: r.awaiting_since,
      deadline: r.deadline,
      reminded: r.reminded,
      order: reviveDates<ReplenishmentOrder>(r.order_event, ORDER_DATES),
    }));
  }

  async markReminded(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
    if (orderIds.length > 0) await manager.query(`UPDATE approval_watch SET reminded = true WHERE order_id = ANY($1)`, [orderIds]);
  }

  async shipments(manager: EntityManager, shipmentIds: readonly string[]): Promise<Map<string, WatchedShipment>> {
    if (shipmentIds.length === 0) return new Map();
    const rows: RawShipment[] = await manager.query(
      `SELECT * FROM shipment_watch WHERE shipment_id = ANY($1) ORDER BY shipment_id FOR UPDATE`,
      [shipmentIds],
    );
    return new Map(rows.map((r) => [r.shipment_id, watchedOf(r)]));
  }

  /** Open shipments past due and not yet reported late. */
  async overdueShipments(manager: EntityManager, now: Date, limit: number): Promise<WatchedShipment[]> {
    const rows: RawShipment[] = await manager.query(
      `SELECT * FROM shipment_watch WHERE open AND NOT late_alerted AND due_at < $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(watchedOf);
  }

  async saveShipments(manager: EntityManager, watched: readonly WatchedShipment[]): Promise<void> {
    if (watched.length === 0) return;
    await manager.query(
      `INSERT INTO shipment_watch (shipment_id, buyer_id, supplier_id, due_at, open, late_alerted, delay_reason, status_changed_at, shipment_event)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bool[], $6::bool[], $7::text[], $8::timestamptz[], $9::jsonb[])
       ON CONFLICT (shipment_id) DO UPDATE SET due_at = EXCLUDED.due_at, open = EXCLUDED.open, late_alerted = EXCLUDED.late_alerted,
         delay_reason = EXCLUDED.delay_reason, status_changed_at = EXCLUDED.status_changed_at, shipment_event = EXCLUDED.shipment_event`,
      [
        watched.map((w) => w.shipmentId),
        watched.map((w) => w.buyerId),
        watched.map((w) => w.supplierId),
        watched.map((w) => w.dueAt),
        watched.map((w) => w.open),
        watched.map((w) => w.lateAlerted),
        watched.map((w) => w.delayReason),
        watched.map((w) => w.statusChangedAt),
        watched.map((w) => JSON.stringify(w.shipment)),
      ],
    );
  }

  async markLate(manager: EntityManager, shipmentIds: readonly string[]): Promise<void> {
    if (shipmentIds.length > 0)
      await manager.query(`UPDATE shipment_watch SET late_alerted = true WHERE shipment_id = ANY($1)`, [shipmentIds]);
  }
}

/** The rows of a table keyed by buyer site x item for these keys, in one query; locked in key order when they are to be updated. */
function rowsOfSiteItems<R>(
  manager: EntityManager,
  table: 'stock_watch' | 'demand_outlooks',
  keys: readonly SiteItem[],
  forUpdate: boolean,
): Promise<R[]> {
  return manager.query(
    `SELECT t.* FROM ${table} t
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(b, s, i) ON t.buyer_id = k.b AND t.site_id = k.s AND t.item_id = k.i
      ORDER BY t.buyer_id, t.site_id, t.item_id ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [keys.map((k) => k.buyerId), keys.map((k) => k.siteId), keys.map((k) => k.itemId)],
  );
}

const siteItemOf = (r: { buyer_id: string; site_id: string; item_id: string }): SiteItem => ({
  buyerId: r.buyer_id,
  siteId: r.site_id,
  itemId: r.item_id,
});

interface RawShipment {
  shipment_id: string;
  buyer_id: string;
  supplier_id: string;
  due_at: Date;
  open: boolean;
  late_alerted: boolean;
  delay_reason: string | null;
  status_changed_at: Date;
  shipment_event: Record<string, unknown>;
}

const watchedOf = (r: RawShipment): WatchedShipment => ({
  shipmentId: r.shipment_id,
  buyerId: r.buyer_id,
  supplierId: r.supplier_id,
  dueAt: r.due_at,
  open: r.open,
  lateAlerted: r.late_alerted,
  delayReason: r.delay_reason,
  statusChangedAt: r.status_changed_at,
  shipment: reviveDates<Shipment>(r.shipment_event, SHIPMENT_DATES),
});
