import { Injectable, Logger } from '@nestjs/common';
import { outboundTopics, ReplenishmentOrder, Shipment, topics } from '@smi/contracts';
import { Cause, Inbound, Rejection, Transaction } from '@smi/messaging';
import { BusinessClock } from '@smi/service-kit';
import { GoodsReceiptRepository } from '../goods-receipt/goods-receipt.repository';
import { ProduceSupplierDocuments } from '../supplier-documents/produce-supplier-documents.use-case';
import { purchaseOrderDocumentOf, releasedOrderIndexes } from '../supplier-documents/supplier-documents';
import { consolidationKeyOf, lastAnnouncementPerShipment } from './shipment';
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
 * Plans shipments from a batch of replenishment order events: holds the batch's orders and their
 * sites and days, reads the shipments carrying them or consolidating them and the goods receipts
 * kept for them in one statement each, lets the planning decide, and writes the shipments, the
 * receipts used, the shipment events and each released order's 850 in the batch's unit of work. Order events breaking a rule
 * come back as rejections naming the field.
 */
@Injectable()
export class PlanShipments {
  private readonly log = new Logger(PlanShipments.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly receipts: GoodsReceiptRepository,
    private readonly clock: BusinessClock,
    private readonly supplierDocuments: ProduceSupplierDocuments,
  ) {}

  async execute(records: readonly Inbound<ReplenishmentOrder>[], tx: Transaction): Promise<Rejection[]> {
    const orders = records.map((r) => r.event);
    const toPlan = ordersToPlan(orders);
    const orderIds = [...new Set(toPlan.map((o) => o.orderId))];
    const days = [...new Set(toPlan.map(consolidationKeyOf))];
    await this.shipments.lockKeys(tx.manager, [...orderIds.map((id) => `order:${id}`), ...days.map((key) => `day:${key}`)]);
    const current = await this.shipments.lockAll(tx.manager, { orderIds, consolidationKeys: days });
    const kept = await this.receipts.lockKept(tx.manager, { orderIds });
    // A veto carries no time of its own: it takes effect now, on the business clock.
    const planned = planShipments(current, kept, orders, this.clock.now());
    for (const note of planned.notes) this.log.warn(note);
    await this.shipments.saveAll(tx.manager, planned.changed);
    await this.receipts.matchAll(tx.manager, planned.receiptsUsed);
    for (const { index, event } of lastAnnouncementPerShipment(planned.announced)) await announceShipment(tx, event, records[index]);
    // Each released order goes to the supplier's EDI gateway as an 850.
    await this.supplierDocuments.execute(
      tx,
      releasedOrderIndexes(orders).map((index) => ({ draft: purchaseOrderDocumentOf(orders[index]), cause: records[index] })),
    );
    return planned.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
