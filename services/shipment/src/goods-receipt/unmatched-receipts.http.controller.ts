import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { asDto, AuthenticatedRequest } from '@smi/service-kit';
import { partyScopeOf } from '../shipments/shipment.repository';
import { GoodsReceiptRepository } from './goods-receipt.repository';
import { UnmatchedReceiptDto } from './unmatched-receipts.dto';

/**
 * Goods receipts the buyer booked that match no shipment line (yet): kept, and reported here so
 * buyer and supplier can settle them. A buyer sees its own, a supplier those at the buyer sites
 * and items it ships to, an operator all. One matched later leaves the list.
 */
@ApiTags('unmatched-receipts')
@Controller('unmatched-receipts')
export class UnmatchedReceiptsHttpController {
  constructor(private readonly receipts: GoodsReceiptRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Goods receipts the buyer booked that match no shipment, to settle between buyer and supplier',
    description:
      'Kept, never dropped: one matched by a later shipment leaves the list. Oldest receipt first. A buyer sees its own, ' +
      'a supplier those at the buyer sites and items it ships to, an operator all.',
  })
  @ApiOkResponse({ description: 'The unmatched receipts.', type: [UnmatchedReceiptDto] })
  async list(@Req() request: AuthenticatedRequest): Promise<UnmatchedReceiptDto[]> {
    return (await this.receipts.listUnmatched(partyScopeOf(request.party))).map((receipt) => asDto(UnmatchedReceiptDto, receipt));
  }
}
