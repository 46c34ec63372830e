import { Injectable } from '@nestjs/common';
import { ShipmentStatus } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { ShipmentState } from './shipment';
import { ShipmentRow } from './shipment.entity';

/** Whose shipments a listing is about: a buyer's, a supplier's, or everyone's. */
export type ShipmentScope = { buyerId: string } | { supplierId: string } | 'all';

@Injectable()
export class ShipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Holds the given orders until the transaction ends, so an order's events and a goods receipt
   * naming it (read from two topics, maybe by two instances) are applied one after the other and
   * always find each other, even before its shipment row exists. One statement for the batch;
   * locks are taken in the order of their ids, so two batches cannot deadlock.
   */
  async lockOrders(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
    if (orderIds.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(lock_id)
       FROM (SELECT DISTINCT hashtext('shipment-order:' || order_id) AS lock_id FROM unnest($1::text[]) AS o(order_id)) AS orders
       ORDER BY lock_id`,
      [orderIds],
    );
  }

  /** Reads and locks the given shipments in one statement (in id order), by shipment id. */
  async lockAll(manager: EntityManager, shipmentIds: readonly string[]): Promise<Map<string, ShipmentState>> {
    if (shipmentIds.length === 0) return new Map();
    // Columns named as the domain names them: the rows are the shipments.
    const rows: ShipmentState[] = await manager.query(
      `SELECT shipment_id AS "shipmentId", order_id AS "orderId", agreement_id AS "agreementId", buyer_id AS "buyerId",
              supplier_id AS "supplierId", site_id AS "siteId", item_id AS "itemId", quantity::float8 AS quantity, unit, status,
              status_changed_at AS "statusChangedAt", expected_delivery_at AS "expectedDeliveryAt",
              received_quantity::float8 AS "receivedQuantity"
       FROM shipments WHERE shipment_id = ANY($1::text[])
       ORDER BY shipment_id
       FOR UPDATE`,
      [[...new Set(shipmentIds)]],
    );
    return new Map(rows.map((shipment) => [shipment.shipmentId, shipment]));
  }

  /** Writes the shipments a batch created or moved, in one statement. */
  async saveAll(manager: EntityManager, shipments: readonly ShipmentState[]): Promise<void> {
    if (shipments.length === 0) return;
    const column = <K extends keyof ShipmentState>(key: K) => shipments.map((s) => s[key]);
    await manager.query(
      `INSERT INTO shipments (shipment_id, order_id, agreement_id, buyer_id, supplier_id, site_id, item_id, quantity, unit, status,
                              status_changed_at, expected_delivery_at, received_quantity, updated_at)
       SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::text[],
                                   $10::text[], $11::timestamptz[], $12::timestamptz[], $13::numeric[])
       ON CONFLICT (shipment_id) DO UPDATE SET
         status = excluded.status, status_changed_at = excluded.status_changed_at, received_quantity = excluded.received_quantity,
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
      ],
    );
  }

  async find(shipmentId: string): Promise<ShipmentState | undefined> {
    const row = await this.dataSource.getRepository(ShipmentRow).findOne({ where: { shipmentId } });
    return row ? toShipment(row) : undefined;
  }

  async list(scope: ShipmentScope, status?: ShipmentStatus): Promise<ShipmentState[]> {
    const where: FindOptionsWhere<ShipmentRow> = { ...(scope === 'all' ? {} : scope), ...(status ? { status } : {}) };
    const rows = await this.dataSource.getRepository(ShipmentRow).find({ where, order: { expectedDeliveryAt: 'ASC', shipmentId: 'ASC' } });
    return rows.map(toShipment);
  }
}

function toShipment(row: ShipmentRow): ShipmentState {
  const { updatedAt: _updatedAt, ...shipment } = row;
  return shipment;
}
