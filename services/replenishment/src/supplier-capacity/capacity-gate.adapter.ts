import { Injectable } from '@nestjs/common';
import type { ReplenishmentOrder, StockLevel } from '@smi/contracts';
import { EntityManager } from 'typeorm';
import type { OpenOrder, StockSituation } from '@smi/replenishment-planning';
import { OrderDecided, orderFor, orderIdFor } from '../orders/replenishment-order';
import { admitToCapacity, capacityPeriodOf, daysOfCoverOf, orderWithAllotment, SupplierCapacity } from './supplier-capacity';
import { SupplierCapacityRepository } from './supplier-capacity.repository';

/** A site x item's standing with its supplier's capacity for the item, in the period of a stock level. */
export interface CapacityStanding {
  /** Absent when the supplier declares none (any more): orders go out as the engine decides them. */
  limit?: { capacity: SupplierCapacity; periodStart: Date };
  /** Its requests waiting for the allocation: on order as far as the engine is concerned. */
  waiting: OpenOrder[];
  /** Whether the period's allocation already gave it nothing: asking again this period gets nothing either. */
  unserved: boolean;
}

/**
 * Between the engine's decision and the order: for an item its supplier has
 * declared a capacity for, an order goes out at once only while the period
 * has room and nothing waits; otherwise it waits for the allocation
 * (CapacityAllocation). Runs inside the stock level's transaction.
 */
@Injectable()
export class CapacityGate {
  constructor(private readonly capacities: SupplierCapacityRepository) {}

  async standingOf(manager: EntityManager, supplierId: string, level: StockLevel): Promise<CapacityStanding> {
    const capacity = await this.capacities.lockFor(manager, supplierId, level.itemId);
    const periodStart = capacity && capacityPeriodOf(level.asOf, capacity.periodDays).start;
    // Without a capacity, requests may still wait from before it was withdrawn: they stay on order until allocated.
    const unsettled = await this.capacities.unsettledOf(manager, level, periodStart);
    return {
      ...(capacity && periodStart && { limit: { capacity, periodStart } }),
      waiting: unsettled
        .filter((request) => request.status === 'waiting')
        .map((request) => ({ orderId: request.requestId, quantity: request.requested, dueAt: request.decision.dueAt ?? request.triggerAsOf })),
      unserved: unsettled.some((request) => request.status === 'unserved'),
    };
  }

  /** The order to place now, or undefined when it waits for the allocation. */
  async admit(
    manager: EntityManager,
    limit: NonNullable<CapacityStanding['limit']>,
    decided: OrderDecided,
    situation: Pick<StockSituation, 'now' | 'onHand' | 'backorders' | 'openOrders' | 'demand'>,
  ): Promise<ReplenishmentOrder | undefined> {
    const { line } = decided;
    const requestId = orderIdFor(decided.triggerEventId);
    const group = { supplierId: limit.capacity.supplierId, itemId: limit.capacity.itemId, periodStart: limit.periodStart };
    const admission = admitToCapacity(requestId, decided.decision.quantity, limit.capacity, await this.capacities.spent(manager, group));
    const served = admission.kind === 'served';
    await this.capacities.insert(manager, {
      requestId,
      ...group,
      buyerId: decided.agreement.buyerId,
      siteId: line.siteId,
      agreementVersion: decided.agreementVersion,
      requested: decided.decision.quantity,
      allocated: served ? admission.allotment.allocated : null,
      status: served ? 'allocated' : 'waiting',
      reason: served ? admission.allotment.reason : admission.reason,
      buyerReason: served ? admission.allotment.buyerReason : admission.reason,
      daysOfCover: daysOfCoverOf(situation),
      penaltyPerStockoutDay: line.penalties?.perStockoutDay ?? 0,
      triggerEventId: decided.triggerEventId,
      triggerAsOf: decided.triggerAsOf,
      onHand: decided.onHand,
      onOrder: decided.onOrder,
      decision: decided.decision,
      requestedAt: decided.decidedAt,
      allocatedAt: served ? decided.decidedAt : null,
    });
    return served ? orderFor({ ...decided, decision: orderWithAllotment(decided.decision, admission.allotment) }) : undefined;
  }
}
