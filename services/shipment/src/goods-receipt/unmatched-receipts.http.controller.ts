import { Controller, Get, Req } from '@nestjs/common';
import { AuthenticatedRequest } from '@smi/service-kit';
import { partyScopeOf } from '../shipments/shipment.repository';
import { GoodsReceiptRepository, UnmatchedReceipt } from './goods-receipt.repository';

/**
 * Goods receipts the buyer booked that match no shipment line (yet): kept, and reported here so
 * buyer and supplier can settle them. A buyer sees its own, a supplier those at the buyer sites
 * and items it ships to, an operator all. One matched later leaves the list.
 */
@Controller('unmatched-receipts')
export class UnmatchedReceiptsHttpController {
  constructor(private readonly receipts: GoodsReceiptRepository) {}

  @Get()
  list(@Req() request: AuthenticatedRequest): Promise<UnmatchedReceipt[]> {
    return this.receipts.listUnmatched(partyScopeOf(request.party));
  }
}
