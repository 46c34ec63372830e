import { Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { OnHandRepository } from './on-hand.repository';

/** Current on-hand per site x item: a buyer sees its own; a supplier, its buyers'; an operator, all. */
@Controller('stock-levels')
export class StockLevelsHttpController {
  constructor(
    private readonly onHand: OnHandRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('siteId') siteIdParam?: unknown) {
    const siteId = optionalQueryText(siteIdParam, 'siteId');
    const party = request.party;
    if (party.kind === 'operator') return this.onHand.listAll(siteId);
    if (party.kind === 'buyer') return this.onHand.listForBuyers([party.id], siteId);
    const coverage = this.agreements.coverageOf(party.id);
    return (await this.onHand.listForBuyers(coverage.buyerIds, siteId)).filter(coverage.covers);
  }
}
