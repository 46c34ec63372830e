import { Injectable } from '@nestjs/common';
import { ShipmentStatus } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { LineState, ShipmentState } from './shipment';

/** Whose shipments (or receipts) a listing is about: a buyer's, a supplier's, or everyone's. */
export type PartyScope = { buyerId: string } | { supplierId: string } | 'all';

/** A buyer or supplier sees its own; an operator everyone's. */
export const partyScopeOf = (party: { kind: 'buyer' | 'supplier' | 'operator'; id: string }): PartyScope =>
  party.kind === 'operator' ? 'all' : party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };

/** What a batch needs to see of the shipments: by id, carrying orders, of sites and days, open at buyer sites. */
export interface ShipmentsWanted {
  shipmentIds?: readonly string[];
  orderIds?: readonly string[];
  consolidationKeys?: readonly string[];
  /** Buyer sites whose shipments that have left and are not fully received may take a receipt. */
  openAt?: ReadonlyArray<{ buyerId: string; siteId: string }>;
}

// Columns named as the domain names them: the rows are the shipments.
const SHIPMENT_COLUMNS = `shipment_id AS "shipmentId", order_id AS "orderId", agreement_id AS "agreementId", buyer_id AS "buyerId",
  supplier_id AS "supplierId", site_id AS "siteId", item_id AS "itemId", quantity::float8 AS quantity, unit, status,
  status_changed_at AS "statusChangedAt", expected_delivery_at AS "expectedDeliveryAt", received_quantity::float8 AS "receivedQuantity",
  lines, promised_delivery_at AS "promisedDeliveryAt", carrier, tracking_reference AS "trackingReference",
  dispatched_at AS "dispatchedAt", delivered_at AS "deliveredAt", delay_reason AS "delayReason",
  caused_by_event_id AS "causedByEventId", consolidation_key AS "consolidationKey", sequence`;

/** The statuses of a shipment that has left and may still take goods found by site x item. */
const OPEN_STATUSES = ['DISPATCHED', 'DELIVERED', 'PARTIALLY_RECEIVED'];

@Injectable()
export class ShipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Holds the given keys (orders, sites and days, buyer sites) until the transaction ends, so an
   * order's events, its goods receipts and logistics reports (read from several topics, maybe by
   * several instances) are applied one after the other and always find each other, even before a
   * shipment row exists. One statement; locks are taken in the order of their ids, so two batches
   * cannot deadlock.
   */
  async lockKeys(manager: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(lock_id)
       FROM (SELECT DISTINCT hashtext('shipment:' || key) AS lock_id FROM unnest($1::text[]) AS k(key)) AS keys
       ORDER BY lock_id`,
      [keys],
    );
  }

  /** The buyer sites of the given shipments, unlocked: what to lock before the shipments themselves. */
  async sitesOf(manager: EntityManager, shipmentIds: readonly string[]): Promise<Array<{ buyerId: string; siteId: string }>> {
    if (shipmentIds.length === 0) return [];
    return manager.query('SELECT DISTINCT buyer_id AS "buyerId", site_id AS "siteId" FROM shipments WHERE shipment_id = ANY($1::text[])', [
      shipmentIds,
    ]);
  }

  /** Reads and locks, in one statement (in id order), every shipment a batch wants to see. */
  async lockAll(manager: EntityManager, wanted: ShipmentsWanted): Promise<ShipmentState[]> {
    const ids = [...new Set(wanted.shipmentIds ?? [])];
    const orders = [...new Set(wanted.orderIds ?? [])].map((orderId) => JSON.stringify([{ orderId }]));
    const days = [...new Set(wanted.consolidationKeys ?? [])];
    const sites = wanted.openAt ?? [];
    if (ids.length + orders.length + days.length + sites.length === 0) return [];
    const rows: RawShipment[] = await manager.query(
      // One arm per way of wanting a shipment, each served by its own index (the lines' GIN index per order).
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments
       WHERE shipment_id = ANY(ARRAY(
         SELECT shipment_id FROM shipments WHERE shipment_id = ANY($1::text[])
         UNION SELECT shipment_id FROM shipments WHERE consolidation_key = ANY($2::text[])
         UNION SELECT s.shipment_id FROM unnest($3::jsonb[]) AS o(line) JOIN shipments s ON s.lines @> o.line
         UNION SELECT s.shipment_id FROM unnest($4::text[], $5::text[]) AS k(buyer_id, site_id)
               JOIN shipments s ON s.buyer_id = k.buyer_id AND s.site_id = k.site_id AND s.status = ANY($6::text[])))
       ORDER BY shipment_id
       FOR UPDATE`,
      [ids, days, orders, sites.map((s) => s.buyerId), sites.map((s) => s.siteId), OPEN_STATUSES],
    );
    return rows.map(toShipment);
  }

  /** Writes the shipments a batch created or changed, in one statement. */
  async saveAll(manager: EntityManager, shipments: readonly ShipmentState[]): Promise<void> {
    if (shipments.length === 0) return;
    const column = <K extends keyof ShipmentState>(key: K) => shipments.map((s) => s[key]);
    await manager.query(
      `INSERT INTO shipments (shipment_id, order_id, agreement_id, buyer_id, supplier_id, site_id, item_id, quantity, unit, status,
                              status_changed_at, expected_delivery_at, received_quantity, lines, promised_delivery_at, carrier,
                              tracking_reference, dispatched_at, delivered_at, delay_reason, caused_by_event_id, consolidation_key,
                              sequence, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[],
                                   $10::text[], $11::timestamptz[], $12::timestamptz[], $13::numeric[], $14::jsonb[], $15::timestamptz[],
                                   $16::text[], $17::text[], $18::timestamptz[], $19::timestamptz[], $20::text[], $21::text[], $22::text[],
                                   $23::int[])
       ON CONFLICT (shipment_id) DO UPDATE SET
         order_id = excluded.order_id, item_id = excluded.item_id, quantity = excluded.quantity, unit = excluded.unit,
         status = excluded.status, status_changed_at = excluded.status_changed_at, expected_delivery_at = excluded.expected_delivery_at,
         received_quantity = excluded.received_quantity, lines = excluded.lines, promised_delivery_at = excluded.promised_delivery_at,
         carrier = excluded.carrier, tracking_reference = excluded.tracking_reference, dispatched_at = excluded.dispatched_at,
         delivered_at = excluded.delivered_at, delay_reason = excluded.delay_reason, caused_by_event_id = excluded.caused_by_event_id,
         updated_at = excluded.updated_at`,
      [
        column('shipmentId'),
        column('orderId'),
        column('agreementId'),
        column('buyerId'),
        column('supplierId'),
        column('siteId'),
        column('itemId'),
        column('quantity'),
        column('unit'),
        column('status'),
        column('statusChangedAt'),
        column('expectedDeliveryAt'),
        column('receivedQuantity'),
        shipments.map((s) => JSON.stringify(s.lines)),
        column('promisedDeliveryAt'),
        column('carrier'),
        column('trackingReference'),
        column('dispatchedAt'),
        column('deliveredAt'),
        column('delayReason'),
        column('causedByEventId'),
        column('consolidationKey'),
        column('sequence'),
      ],
    );
  }

  async find(shipmentId: string): Promise<ShipmentState | undefined> {
    const rows: RawShipment[] = await this.dataSource.query(`SELECT ${SHIPMENT_COLUMNS} FROM shipments WHERE shipment_id = $1`, [
      shipmentId,
    ]);
    return rows.map(toShipment)[0];
  }

  async list(scope: PartyScope, status?: ShipmentStatus): Promise<ShipmentState[]> {
    const party = scope === 'all' ? null : 'buyerId' in scope ? scope.buyerId : scope.supplierId;
    const partyColumn = scope !== 'all' && 'buyerId' in scope ? 'buyer_id' : 'supplier_id';
    const rows: RawShipment[] = await this.dataSource.query(
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments
       WHERE ($1::text IS NULL OR ${partyColumn} = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY expected_delivery_at, shipment_id`,
      [party, status ?? null],
    );
    return rows.map(toShipment);
  }
}

type RawShipment = Omit<ShipmentState, 'lines'> & { lines: Array<Omit<LineState, 'promisedDeliveryAt'> & { promisedDeliveryAt: string }> };

/** jsonb has no dates: a line's promise is stored as its ISO text. */
function toShipment(row: RawShipment): ShipmentState {
  return { ...row, lines: row.lines.map((line) => ({ ...line, promisedDeliveryAt: new Date(line.promisedDeliveryAt) })) };
}
