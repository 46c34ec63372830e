import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { OrderRow, OrderStatus } from './order.entity';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

export interface OrderFilter {
  status?: OrderStatus;
  buyerId?: string;
  supplierId?: string;
  siteId?: string;
  itemId?: string;
}

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertOpen(manager: EntityManager, order: ReplenishmentOrder): Promise<void> {
    const { eventId: _eventId, ...fields } = order;
    await manager.getRepository(OrderRow).insert({ ...fields, status: 'open', receivedQuantity: null, receivedAt: null, receivedByEventId: null });
  }

  /** Quantity ordered for the site x item and not yet received. */
  async onOrder(manager: EntityManager, key: SiteItem): Promise<number> {
    const [{ on_order }]: Array<{ on_order: string }> = await manager.query(
      `SELECT coalesce(sum(quantity), 0)::text AS on_order FROM orders
        WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 AND status = 'open'`,
      [key.buyerId, key.siteId, key.itemId],
    );
    return Number(on_order);
  }

  /**
   * Marks the site x item's open order as received. False when there is no such
   * open order (already received, or another site x item's): the goods are in
   * on-hand either way, so that is no error.
   */
  async markReceived(
    manager: EntityManager,
    key: SiteItem,
    receipt: { orderId: string; receivedQuantity: number; receivedAt: Date; eventId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE orders SET status = 'received', received_quantity = $5, received_at = $6, received_by_event_id = $7
        WHERE order_id = $1 AND buyer_id = $2 AND site_id = $3 AND item_id = $4 AND status = 'open'
        RETURNING order_id`,
      [receipt.orderId, key.buyerId, key.siteId, key.itemId, receipt.receivedQuantity, receipt.receivedAt, receipt.eventId],
    );
    return rows.length === 1;
  }

  async list(filter: OrderFilter): Promise<OrderRow[]> {
    const where: FindOptionsWhere<OrderRow> = {};
    for (const field of ['status', 'buyerId', 'supplierId', 'siteId', 'itemId'] as const) {
      if (filter[field] !== undefined) Object.assign(where, { [field]: filter[field] });
    }
    return this.dataSource.getRepository(OrderRow).find({ where, order: { decidedAt: 'ASC', orderId: 'ASC' } });
  }
}
