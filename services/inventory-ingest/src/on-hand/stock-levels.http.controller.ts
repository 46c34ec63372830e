import { Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest } from '@smi/service-kit';
import { OnHandRepository } from './on-hand.repository';

/** Current on-hand per site x item: a buyer sees its own; a supplier, its buyers'; an operator, all. */
@Controller('stock-levels')
export class StockLevelsHttpController {
  constructor(
    private readonly onHand: OnHandRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('siteId') siteId?: string) {
    const party = request.party;
    if (party.kind === 'operator') return this.onHand.listAll(siteId);
    if (party.kind === 'buyer') return this.onHand.listForBuyers([party.id], siteId);
    const agreements = this.agreements.agreementsOf(party.id);
    const covered = new Set(agreements.flatMap((a) => a.lines.map((l) => `${a.buyerId}|${l.siteId}|${l.itemId}`)));
    const levels = await this.onHand.listForBuyers([...new Set(agreements.map((a) => a.buyerId))], siteId);
    return levels.filter((l) => covered.has(`${l.buyerId}|${l.siteId}|${l.itemId}`));
  }
}
