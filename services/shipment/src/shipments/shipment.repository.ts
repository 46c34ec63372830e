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

  /** Stores a new shipment; false when it already exists (the order was seen before), leaving it untouched. */
  async insertIfNew(manager: EntityManager, shipment: ShipmentState): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ShipmentRow)
      .values({ ...shipment, updatedAt: new Date() })
      .orIgnore()
      .returning(['shipmentId'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  /**
   * Holds the order until the transaction ends, so its order event and a goods
   * receipt naming it (read from two topics, maybe by two instances) are
   * applied one after the other and always find each other.
   */
  async lockOrder(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`shipment-order:${orderId}`]);
  }

  /** Reads and locks the shipment, so a REST call and a goods receipt never move it at once. */
  async lockById(manager: EntityManager, shipmentId: string): Promise<ShipmentState | undefined> {
    return this.lockWhere(manager, { shipmentId });
  }

  async lockByOrderId(manager: EntityManager, orderId: string): Promise<ShipmentState | undefined> {
    return this.lockWhere(manager, { orderId });
  }

  async save(manager: EntityManager, shipment: ShipmentState): Promise<void> {
    await manager.getRepository(ShipmentRow).save({ ...shipment, updatedAt: new Date() });
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

  private async lockWhere(manager: EntityManager, where: FindOptionsWhere<ShipmentRow>): Promise<ShipmentState | undefined> {
    const row = await manager.getRepository(ShipmentRow).findOne({ where, lock: { mode: 'pessimistic_write' } });
    return row ? toShipment(row) : undefined;
  }
}

function toShipment(row: ShipmentRow): ShipmentState {
  const { updatedAt: _updatedAt, ...shipment } = row;
  return shipment;
}
