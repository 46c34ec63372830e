import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import type { OrderToPlace } from '../orders/replenishment-order';
import type { SupplierCapacity } from './supplier-capacity';
import { CapacityRequestRow, CapacityRequestStatus, SupplierCapacityRow } from './supplier-capacity.entity';

export interface CapacityGroup {
  supplierId: string;
  itemId: string;
  periodStart: Date;
}

@Injectable()
export class SupplierCapacityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The supplier's capacity for the item, under a lock held until the
   * transaction ends: deciding an order and allocating a period take turns, so
   * two orders decided at once cannot both spend the last of the capacity.
   */
  async lockFor(manager: EntityManager, supplierId: string, itemId: string): Promise<SupplierCapacity | undefined> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`capacity|${supplierId}|${itemId}`]);
    return (await manager.getRepository(SupplierCapacityRow).findOneBy({ supplierId, itemId })) ?? undefined;
  }

  async save(capacity: SupplierCapacity, by: string, at: Date): Promise<SupplierCapacityRow> {
    const row: SupplierCapacityRow = { ...capacity, updatedAt: at, updatedBy: by };
    await this.dataSource.getRepository(SupplierCapacityRow).save(row);
    return row;
  }

  /** Whether there was a capacity to withdraw. */
  async remove(supplierId: string, itemId: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(SupplierCapacityRow).delete({ supplierId, itemId });
    return (result.affected ?? 0) > 0;
  }

  capacities(supplierId?: string): Promise<SupplierCapacityRow[]> {
    return this.dataSource.getRepository(SupplierCapacityRow).find({ where: supplierId ? { supplierId } : {}, order: { supplierId: 'ASC', itemId: 'ASC' } });
  }

  /**
   * What the period has spent: orders served from it that still stand (a
   * rejected or expired order gives its quantity back), and how many requests
   * wait for its allocation.
   */
  async spent(manager: EntityManager, group: CapacityGroup): Promise<{ allocated: number; waiting: number }> {
    const [row]: Array<{ allocated: string; waiting: string }> = await manager.query(
      `SELECT coalesce(sum(r.allocated) FILTER (WHERE r.status = 'allocated' AND o.status NOT IN ('rejected', 'expired')), 0)::text AS allocated,
              count(*) FILTER (WHERE r.status = 'waiting')::text AS waiting
         FROM capacity_request r LEFT JOIN orders o ON o.order_id = r.request_id
        WHERE r.supplier_id = $1 AND r.item_id = $2 AND r.period_start = $3`,
      [group.supplierId, group.itemId, group.periodStart],
    );
    return { allocated: Number(row.allocated), waiting: Number(row.waiting) };
  }

  /**
   * This site x item's requests that wait (in any period), and those of the
   * period given that were given nothing.
   */
  async unsettledOf(manager: EntityManager, key: { buyerId: string; siteId: string; itemId: string }, periodStart: Date | undefined): Promise<CapacityRequestRow[]> {
    const siteItem = { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId };
    const rows = await manager.getRepository(CapacityRequestRow).find({
      where: [{ ...siteItem, status: 'waiting' }, ...(periodStart ? [{ ...siteItem, periodStart, status: 'unserved' as const }] : [])],
    });
    return rows.map(withDates);
  }

  async insert(manager: EntityManager, row: CapacityRequestRow): Promise<void> {
    await manager.createQueryBuilder().insert().into(CapacityRequestRow).values(row).orIgnore().execute();
  }

  /** Periods with requests waiting for the allocation (of one supplier, or all), oldest first. */
  async groupsWaiting(limit: number, supplierId?: string): Promise<CapacityGroup[]> {
    const rows: Array<{ supplier_id: string; item_id: string; period_start: Date }> = await this.dataSource.query(
      `SELECT supplier_id, item_id, period_start FROM capacity_request WHERE status = 'waiting' AND ($2::text IS NULL OR supplier_id = $2)
        GROUP BY supplier_id, item_id, period_start ORDER BY min(requested_at) LIMIT $1`,
      [limit, supplierId ?? null],
    );
    return rows.map((r) => ({ supplierId: r.supplier_id, itemId: r.item_id, periodStart: r.period_start }));
  }

  async waitingIn(manager: EntityManager, group: CapacityGroup): Promise<CapacityRequestRow[]> {
    const rows = await manager.getRepository(CapacityRequestRow).find({ where: { ...group, status: 'waiting' }, order: { requestedAt: 'ASC' } });
    return rows.map(withDates);
  }

  async settle(manager: EntityManager, requestId: string, outcome: { status: CapacityRequestStatus; allocated: number; reason: string; buyerReason: string; at: Date }): Promise<void> {
    await manager.getRepository(CapacityRequestRow).update(
      { requestId },
      { status: outcome.status, allocated: outcome.allocated, reason: outcome.reason, buyerReason: outcome.buyerReason, allocatedAt: outcome.at },
    );
  }

  requests(filter: FindOptionsWhere<CapacityRequestRow>): Promise<CapacityRequestRow[]> {
    return this.dataSource.getRepository(CapacityRequestRow).find({ where: filter, order: { requestedAt: 'DESC' }, take: 500 });
  }
}

/** JSON keeps the decision's due date as a string. */
function withDates(row: CapacityRequestRow): CapacityRequestRow {
  const decision: OrderToPlace = { ...row.decision, ...(row.decision.dueAt && { dueAt: new Date(row.decision.dueAt) }) };
  return { ...row, decision };
}
