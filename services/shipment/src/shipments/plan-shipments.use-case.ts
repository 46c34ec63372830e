import { Injectable, Logger } from '@nestjs/common';
import { outboundTopics, ReplenishmentOrder, Shipment, topics } from '@smi/contracts';
import { Cause, Inbound, Rejection, Transaction } from '@smi/messaging';
import { UnmatchedGoodsReceiptRepository } from '../goods-receipt/unmatched-goods-receipt.repository';
import { shipmentIdOf } from './shipment';
import { ordersToPlan, planShipments } from './shipment-planning';
import { ShipmentRepository } from './shipment.repository';

/**
 * Announces a shipment event: on the platform's topic, and on the topic of its supplier, which
 * that supplier's systems alone may read (libs/contracts outboundTopics).
 */
export async function announceShipment(tx: Transaction, event: Shipment, cause?: Cause): Promise<void> {
  await tx.outbox.add(topics.shipments, event, cause);
  await tx.outbox.add(outboundTopics.shipments.of(event.supplierId), event, cause);
}

/**
 * Plans shipments from a batch of replenishment order events: holds the batch's orders, reads
 * their shipments and kept goods receipts in one statement each, lets the planning decide, and
 * writes the shipments, the receipts used and the shipment events in the batch's unit of work.
 * Order events breaking a rule come back as rejections naming the field.
 */
@Injectable()
export class PlanShipments {
  private readonly log = new Logger(PlanShipments.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly unmatched: UnmatchedGoodsReceiptRepository,
  ) {}

  async execute(records: readonly Inbound<ReplenishmentOrder>[], tx: Transaction, now = new Date()): Promise<Rejection[]> {
    const orders = records.map((r) => r.event);
    const orderIds = ordersToPlan(orders);
    await this.shipments.lockOrders(tx.manager, orderIds);
    const current = await this.shipments.lockAll(tx.manager, orderIds.map(shipmentIdOf));
    const kept = await this.unmatched.lockFor(tx.manager, orderIds);
    const planned = planShipments(current, kept, orders, now);
    for (const note of planned.notes) this.log.warn(note);
    await this.shipments.saveAll(tx.manager, planned.changed);
    await this.unmatched.removeAll(tx.manager, planned.receiptsUsed);
    for (const { index, event } of planned.announced) await announceShipment(tx, event, records[index]);
    return planned.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
