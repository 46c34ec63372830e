import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { topics } from '@smi/contracts';
import { UnitOfWork } from '@smi/messaging';
import { OrdersRepository } from '../orders/orders.repository';
import { orderFor } from '../orders/replenishment-order';
import { allocateCapacity } from '@smi/replenishment-planning';
import { PeriodicSweep, sweepMsFrom } from '@smi/service-kit';
import { capacityRequestOf, orderWithAllotment, unlimitedAllotment } from './supplier-capacity';
import { CapacityGroup, SupplierCapacityRepository } from './supplier-capacity.repository';

/** Capacity periods allocated per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 50;

/**
 * Milliseconds between capacity allocations: SMI_CAPACITY_ALLOCATION_MS,
 * default 60 s. Requests that wait are pooled for up to this long, so the most
 * urgent of them is served first rather than whichever came first.
 */
export const allocationSweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_CAPACITY_ALLOCATION_MS', 60_000);

/**
 * Shares what is left of a capacity period among the orders waiting for it,
 * most urgent first (allocateCapacity), one transaction per period: each
 * waiting request becomes an order cut to its share, with the reason in its
 * explanation, or is recorded as given nothing, with the reason.
 */
@Injectable()
export class CapacityAllocation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CapacityAllocation.name);
  private readonly sweep = new PeriodicSweep(this.logger, 'allocating supplier capacity to waiting orders', allocationSweepMsFrom(process.env), (now) =>
    this.allocateWaiting(now),
  );

  constructor(
    private readonly capacities: SupplierCapacityRepository,
    private readonly orders: OrdersRepository,
    private readonly agreements: AgreementBook,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  /**
   * Allocates now, without waiting for the sweep: every period with waiting
   * requests, or only one supplier's. Returns how many orders it placed.
   */
  async allocateNow(supplierId?: string, now = new Date()): Promise<number> {
    return this.allocateWaiting(now, supplierId);
  }

  private async allocateWaiting(now: Date, supplierId?: string): Promise<number> {
    let placed = 0;
    for (const group of await this.capacities.groupsWaiting(SWEEP_BATCH, supplierId)) placed += await this.allocate(group, now);
    return placed;
  }

  private allocate(group: CapacityGroup, now: Date): Promise<number> {
    return this.unitOfWork.run(async ({ manager, outbox }) => {
      const capacity = await this.capacities.lockFor(manager, group.supplierId, group.itemId);
      const waiting = await this.capacities.waitingIn(manager, group);
      if (waiting.length === 0) return 0;
      const spent = await this.capacities.spent(manager, group);
      const left = capacity ? Math.max(0, capacity.quantityPerPeriod - spent.allocated) : Number.POSITIVE_INFINITY;
      const linesInForce = waiting.map((request) => this.agreements.lineFor(request.buyerId, request.siteId, request.itemId, request.triggerAsOf));
      const requests = waiting.map((request, index) => {
        const line = linesInForce[index]?.line;
        return capacityRequestOf({ ...request, packMultiple: line?.packMultiple ?? 1, minimumOrderQuantity: line?.minimumOrderQuantity });
      });
      // A capacity the supplier withdrew limits nothing: what waited goes out in full.
      const allotments = capacity ? allocateCapacity(left, requests) : requests.map(unlimitedAllotment);
      let placed = 0;
      for (const [index, request] of waiting.entries()) {
        const allotment = allotments[index];
        const inForce = linesInForce[index];
        if (allotment.allocated === 0 || !inForce) {
          const reason = inForce ? allotment.reason : 'no agreement line is in force for it any more';
          await this.capacities.settle(manager, request.requestId, { status: 'unserved', allocated: 0, reason, buyerReason: inForce ? allotment.buyerReason : reason, at: now });
          continue;
        }
        const order = orderFor({
          triggerEventId: request.triggerEventId,
          triggerAsOf: request.triggerAsOf,
          agreement: inForce.agreement,
          line: inForce.line,
          agreementVersion: request.agreementVersion,
          decision: orderWithAllotment(request.decision, allotment),
          onHand: request.onHand,
          onOrder: request.onOrder,
          decidedAt: now,
        });
        await this.orders.insert(manager, order);
        await outbox.add(topics.replenishmentOrders, order);
        await this.capacities.settle(manager, request.requestId, { status: 'allocated', ...allotment, at: now });
        placed++;
      }
      this.logger.log(`allocated the ${left} left of ${group.supplierId} x ${group.itemId} from ${group.periodStart.toISOString()} to ${waiting.length} waiting order(s): ${placed} placed`);
      return placed;
    });
  }
}
