import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GoodsReceipt } from './goods-receipt';
import { UnmatchedGoodsReceiptRow } from './unmatched-goods-receipt.entity';

@Injectable()
export class UnmatchedGoodsReceiptRepository {
  /** Keeps a receipt until its order's shipment exists; the first receipt for an order is the one kept. */
  async keep(manager: EntityManager, receipt: GoodsReceipt): Promise<void> {
    await manager.createQueryBuilder().insert().into(UnmatchedGoodsReceiptRow).values({ ...receipt, recordedAt: new Date() }).orIgnore().execute();
  }

  /** Removes and returns the receipt kept for an order, if any. */
  async take(manager: EntityManager, orderId: string): Promise<GoodsReceipt | undefined> {
    const repository = manager.getRepository(UnmatchedGoodsReceiptRow);
    const row = await repository.findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    if (!row) return undefined;
    await repository.delete({ orderId });
    const { recordedAt: _recordedAt, ...receipt } = row;
    return receipt;
  }
}
