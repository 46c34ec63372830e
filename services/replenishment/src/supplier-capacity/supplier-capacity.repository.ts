import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import type { OrderToPlace } from '../orders/replenishment-order';
import {
  type CapacityClaim,
  capacityGroupKeyOf,
  capacityKeyOf,
  type CapacitySettlement,
  type CapacitySpent,
  type SupplierCapacity,
} from './supplier-capacity';
import { CapacityRequestRow, SupplierCapacityRow } from './supplier-capacity.entity';

export interface CapacityGroup {
  supplierId: string;
  itemId: string;
  periodStart: Date;
}

@Injectable()
export class SupplierCapacityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The capacities the suppliers declare for the items, by capacityKeyOf, held until the
   * transaction ends (rows locked FOR UPDATE in key order): deciding orders and allocating a
   * period take turns, so two orders decided at once cannot both spend the last of a capacity.
   */
  async lockAll(
    manager: EntityManager,
    pairs: ReadonlyArray<{ supplierId: string; itemId: string }>,
  ): Promise<Map<string, SupplierCapacity>> {
    if (pairs.length === 0) return new Map();
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT c.supplier_id, c.item_id, c.period_days, c.quantity_per_period::text AS quantity_per_period
         FROM supplier_capacity c
         JOIN unnest($1::text[], $2::text[]) AS k(supplier_id, item_id) USING (supplier_id, item_id)
        ORDER BY c.supplier_id, c.item_id
          FOR UPDATE OF c`,
      [pairs.map((p) => p.supplierId), pairs.map((p) => p.itemId)],
    );
    return new Map(
      rows.map((row) => {
        const capacity = {
          supplierId: row.supplier_id as string,
          itemId: row.item_id as string,
          periodDays: row.period_days as number,
          quantityPerPeriod: Number(row.quantity_per_period),
        };
        return [capacityKeyOf(capacity.supplierId, capacity.itemId), capacity];
      }),
    );
  }

  /**
   * One allocation of a period at a time, whether or not the supplier still declares a capacity
   * (a withdrawn one leaves its waiting requests to be allocated in full), and in turn with the
   * orders decided against the capacity.
   */
  async lockForAllocation(manager: EntityManager, supplierId: string, itemId: string): Promise<SupplierCapacity | undefined> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`capacity|${supplierId}|${itemId}`]);
    return (await this.lockAll(manager, [{ supplierId, itemId }])).get(capacityKeyOf(supplierId, itemId));
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
    return this.dataSource
      .getRepository(SupplierCapacityRow)
      .find({ where: supplierId ? { supplierId } : {}, order: { supplierId: 'ASC', itemId: 'ASC' } });
  }

  /**
   * What each period has spent, by capacityGroupKeyOf, in one statement: orders served from it
   * that still stand (a rejected or expired order gives its quantity back), and how many requests
   * wait for its allocation. A period that has spent nothing is absent.
   */
  async spent(manager: EntityManager, groups: readonly CapacityGroup[]): Promise<Map<string, CapacitySpent>> {
    if (groups.length === 0) return new Map();
    const rows: Array<{ supplier_id: string; item_id: string; period_start: Date; allocated: string; waiting: string }> =
      await manager.query(
        `SELECT r.supplier_id, r.item_id, r.period_start,
              coalesce(sum(r.allocated) FILTER (WHERE r.status = 'allocated' AND o.status NOT IN ('rejected', 'expired')), 0)::text AS allocated,
              count(*) FILTER (WHERE r.status = 'waiting')::text AS waiting
         FROM capacity_request r
         JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])) AS g(supplier_id, item_id, period_start)
           USING (supplier_id, item_id, period_start)
         LEFT JOIN orders o ON o.order_id = r.request_id
        GROUP BY r.supplier_id, r.item_id, r.period_start`,
        [groups.map((g) => g.supplierId), groups.map((g) => g.itemId), groups.map((g) => g.periodStart)],
      );
    return new Map(
      rows.map((r) => [
        capacityGroupKeyOf(r.supplier_id, r.item_id, r.period_start),
        { allocated: Number(r.allocated), waiting: Number(r.waiting) },
      ]),
    );
  }

  /** Records the claims in one statement; a claim already recorded (the same order id) stays as it is. */
  async insert(manager: EntityManager, claims: readonly CapacityClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(CapacityRequestRow)
      .values([...claims])
      .orIgnore()
      .execute();
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
    const rows = await manager
      .getRepository(CapacityRequestRow)
      .find({ where: { ...group, status: 'waiting' }, order: { requestedAt: 'ASC' } });
    return rows.map(withDates);
  }

  /** Records what each waiting request got, in one statement. */
  async settle(manager: EntityManager, settlements: readonly CapacitySettlement[]): Promise<void> {
    if (settlements.length === 0) return;
    await manager.query(
      `UPDATE capacity_request r SET status = s.status, allocated = s.allocated, reason = s.reason, buyer_reason = s.buyer_reason, allocated_at = s.at
         FROM unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::text[], $6::timestamptz[]) AS s(request_id, status, allocated, reason, buyer_reason, at)
        WHERE r.request_id = s.request_id`,
      [
        settlements.map((s) => s.requestId),
        settlements.map((s) => s.status),
        settlements.map((s) => s.allocated),
        settlements.map((s) => s.reason),
        settlements.map((s) => s.buyerReason),
        settlements.map((s) => s.at),
      ],
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
