import { Injectable, Logger } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { topics } from '@smi/contracts';
import { traceIdOf, Transaction } from '@smi/messaging';
import { BuyerFeedRepository } from '../buyer-feeds/buyer-feed.repository';
import { OrdersRepository } from '../orders/orders.repository';
import { allocateWaitingClaims, capacityGroupKeyOf } from './supplier-capacity';
import { CapacityGroup, SupplierCapacityRepository } from './supplier-capacity.repository';

/**
 * Allocates one capacity period: locks it, reads what waits for it and what it has spent,
 * lets allocateWaitingClaims share what is left, and writes the orders and the requests'
 * settlements set-based, each order announced. `now` is the business clock's: an order placed
 * while its buyer's feed is silent waits for the buyer. Returns how many orders it placed.
 */
@Injectable()
export class AllocateCapacity {
  private readonly logger = new Logger(AllocateCapacity.name);

  constructor(
    private readonly capacities: SupplierCapacityRepository,
    private readonly orders: OrdersRepository,
    private readonly agreements: AgreementBook,
    private readonly feeds: BuyerFeedRepository,
  ) {}

  async execute(group: CapacityGroup, tx: Transaction, now: Date): Promise<number> {
    const { manager } = tx;
    const capacity = await this.capacities.lockForAllocation(manager, group.supplierId, group.itemId);
    const waiting = await this.capacities.waitingIn(manager, group);
    if (waiting.length === 0) return 0;
    const spent = (await this.capacities.spent(manager, [group])).get(
      capacityGroupKeyOf(group.supplierId, group.itemId, group.periodStart),
    ) ?? { allocated: 0, waiting: 0 };
    const lastLevels = await this.feeds.lastLevelsOf(
      manager,
      waiting.map((claim) => claim.buyerId),
    );
    const claims = waiting.map((claim) => ({
      claim,
      inForce: this.agreements.lineFor(claim.buyerId, claim.siteId, claim.itemId, claim.triggerAsOf),
      lastLevelAt: lastLevels.get(claim.buyerId),
    }));
    const allocated = allocateWaitingClaims(capacity, spent, claims, now);
    const traceId = traceIdOf();
    await this.orders.insert(
      manager,
      allocated.orders,
      allocated.orders.map(() => traceId),
    );
    await this.capacities.settle(manager, allocated.settlements);
    for (const order of allocated.orders) await tx.outbox.add(topics.replenishmentOrders, order);
    this.logger.log(
      `allocated the ${allocated.left} left of ${group.supplierId} x ${group.itemId} from ${group.periodStart.toISOString()} to ${waiting.length} waiting order(s): ${allocated.orders.length} placed`,
    );
    return allocated.orders.length;
  }
}
