import { Injectable, Logger } from '@nestjs/common';
import { StockLevel } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { shipmentIdOf } from '../shipments/shipment';
import { announceShipment } from '../shipments/plan-shipments.use-case';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { bookGoodsReceipts, GoodsReceipt, goodsReceiptIn } from './goods-receipt';
import { UnmatchedGoodsReceiptRepository } from './unmatched-goods-receipt.repository';

/**
 * Books the buyer's goods receipts found in a batch of stock levels: a RECEIPT naming an order
 * marks that order's shipment RECEIVED. Most levels carry no receipt and cost one pass over the
 * batch, no statement. For the receipts: holds their orders, reads their shipments in one
 * statement, lets the booking decide, and writes shipments, kept receipts and RECEIVED events.
 * A receipt that cannot be placed is logged, never dead-lettered: the movement itself was valid.
 */
@Injectable()
export class BookGoodsReceipts {
  private readonly log = new Logger(BookGoodsReceipts.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly unmatched: UnmatchedGoodsReceiptRepository,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<void> {
    const found: Array<{ record: Inbound<StockLevel>; receipt: GoodsReceipt }> = [];
    for (const record of records) {
      const receipt = goodsReceiptIn(record.event);
      if (receipt) found.push({ record, receipt });
    }
    if (found.length === 0) return;
    const receipts = found.map((f) => f.receipt);
    const orderIds = [...new Set(receipts.map((r) => r.orderId))];
    await this.shipments.lockOrders(tx.manager, orderIds);
    const current = await this.shipments.lockAll(tx.manager, orderIds.map(shipmentIdOf));
    const booked = bookGoodsReceipts(current, receipts);
    for (const note of booked.notes) this.log.warn(note);
    await this.shipments.saveAll(tx.manager, booked.changed);
    await this.unmatched.keepAll(tx.manager, booked.kept);
    for (const { index, event } of booked.announced) await announceShipment(tx, event, found[index].record);
  }
}
