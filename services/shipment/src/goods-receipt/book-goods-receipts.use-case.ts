import { Injectable, Logger } from '@nestjs/common';
import { StockLevel } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { announceShipment } from '../shipments/plan-shipments.use-case';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { bookGoodsReceipts, GoodsReceipt, goodsReceiptIn } from './goods-receipt';
import { GoodsReceiptRepository } from './goods-receipt.repository';

const unique = <T>(values: T[], keyOf: (value: T) => string): T[] => [...new Map(values.map((v) => [keyOf(v), v])).values()];

/**
 * Books the buyer's goods receipts found in a batch of stock levels on shipment lines: by the
 * order they name, else by site x item on the nearest open line. Most levels carry no receipt and
 * cost one pass over the batch, no statement. For the receipts: holds their orders and sites,
 * reads the receipts seen before and the shipments they could belong to in one statement each,
 * lets the booking decide, and writes shipments, receipts (matched or kept) and shipment events.
 * A receipt that matches nothing is kept and reported, never dead-lettered: the movement was valid.
 */
@Injectable()
export class BookGoodsReceipts {
  private readonly log = new Logger(BookGoodsReceipts.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly receipts: GoodsReceiptRepository,
  ) {}

  async execute(records: readonly Inbound<StockLevel>[], tx: Transaction): Promise<void> {
    const found: Array<{ record: Inbound<StockLevel>; receipt: GoodsReceipt }> = [];
    for (const record of records) {
      const receipt = goodsReceiptIn(record.event);
      if (receipt) found.push({ record, receipt });
    }
    if (found.length === 0) return;
    const receipts = found.map((f) => f.receipt);
    const orderIds = [...new Set(receipts.flatMap((r) => (r.orderId ? [r.orderId] : [])))];
    const sites = unique(
      receipts.filter((r) => !r.orderId).map(({ buyerId, siteId }) => ({ buyerId, siteId })),
      (s) => `${s.buyerId}|${s.siteId}`,
    );
    await this.shipments.lockKeys(tx.manager, [
      ...orderIds.map((id) => `order:${id}`),
      ...sites.map((s) => `site:${s.buyerId}|${s.siteId}`),
    ]);
    const seen = await this.receipts.seen(
      tx.manager,
      receipts.map((r) => r.stockLevelEventId),
    );
    const current = await this.shipments.lockAll(tx.manager, { orderIds, openAt: sites });
    const booked = bookGoodsReceipts(current, receipts, seen);
    for (const note of booked.notes) this.log.warn(note);
    await this.shipments.saveAll(tx.manager, booked.changed);
    await this.receipts.recordAll(tx.manager, booked.placed);
    for (const { index, event } of booked.announced) await announceShipment(tx, event, found[index].record);
  }
}
