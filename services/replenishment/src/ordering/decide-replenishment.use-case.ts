import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import { Inbound, Rejection, traceIdOf, Transaction } from '@smi/messaging';
import { newestLevelPerBuyer } from '../buyer-feeds/buyer-feed';
import { BuyerFeedRepository } from '../buyer-feeds/buyer-feed.repository';
import { DemandOutlookRepository } from '../demand-outlooks/demand-outlook.repository';
import { OrdersRepository } from '../orders/orders.repository';
import { siteItemKeyOf } from '../stock-positions/stock-position';
import { StockPositionRepository } from '../stock-positions/stock-position.repository';
import { capacityGroupKeyOf, capacityKeyOf } from '../supplier-capacity/supplier-capacity';
import { SupplierCapacityRepository } from '../supplier-capacity/supplier-capacity.repository';
import { capacityPeriodFor, decideReplenishment, type LevelToDecide } from './decide-replenishment';
import { OnOrderRepository } from './on-order.repository';

/**
 * Decides replenishment for a batch of stock levels: reads the position (locked), what is on
 * order, the demand outlook and the supplier capacity (locked) of every site x item in the batch
 * at once, lets decideReplenishment fold the levels, and writes positions, capacity claims,
 * orders and goods receipts set-based, each order announced with its stock level as cause and kept
 * with the trace it continues. A level at or below a position's sequence changes nothing, so a
 * redelivered batch is harmless.
 * Every level, ours or not, tells that its buyer's feed is alive (the stale-feed hold).
 * Decisions take their times from the levels, never from when they are processed.
 * Levels in another unit than their agreement line come back refused, naming the field.
 */
@Injectable()
export class DecideReplenishment {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly positions: StockPositionRepository,
    private readonly onOrder: OnOrderRepository,
    private readonly outlooks: DemandOutlookRepository,
    private readonly capacities: SupplierCapacityRepository,
    private readonly orders: OrdersRepository,
    private readonly feeds: BuyerFeedRepository,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<Rejection[]> {
    const { manager } = tx;
    await this.feeds.heard(manager, newestLevelPerBuyer(records.map((r) => r.event)));
    const levels: LevelToDecide[] = records.map(({ event }) => ({
      level: event,
      inForce: this.agreements.lineFor(event.buyerId, event.siteId, event.itemId, event.asOf),
    }));
    const ours = levels.filter((entry) => entry.inForce);
    if (ours.length === 0) return [];
    const keys = [...new Map(ours.map(({ level }) => [siteItemKeyOf(level), level])).values()];
    const positions = await this.positions.lockAll(manager, keys);
    const capacityPairs = ours.map(({ level, inForce }) => ({ supplierId: inForce!.agreement.supplierId, itemId: level.itemId }));
    const capacities = await this.capacities.lockAll(manager, [
      ...new Map(capacityPairs.map((p) => [capacityKeyOf(p.supplierId, p.itemId), p])).values(),
    ]);
    const periods = ours.flatMap((entry) => capacityPeriodFor(entry, capacities) ?? []);
    const groups = [
      ...new Map(
        periods.map(({ capacity, periodStart }) => [
          capacityGroupKeyOf(capacity.supplierId, capacity.itemId, periodStart),
          { ...capacity, periodStart },
        ]),
      ).values(),
    ];
    const { onOrder, unserved } = await this.onOrder.onOrderOf(
      manager,
      keys,
      groups.map((g) => g.periodStart),
    );
    const outlooks = await this.outlooks.findAll(manager, keys);
    const spent = await this.capacities.spent(manager, groups);

    const decided = decideReplenishment(levels, { positions, onOrder, unserved, outlooks, capacities, spent });

    await this.positions.saveAll(manager, decided.positions);
    await this.capacities.insert(manager, decided.claims);
    // Orders before receipts: a receipt may be booked against an order decided earlier in the same batch.
    await this.orders.insert(
      manager,
      decided.orders.map(({ order }) => order),
      decided.orders.map(({ index }) => traceIdOf(records[index])),
    );
    await this.orders.markReceived(manager, decided.receipts);
    for (const { index, order } of decided.orders) await tx.outbox.add(topics.replenishmentOrders, order, records[index]);
    return decided.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
