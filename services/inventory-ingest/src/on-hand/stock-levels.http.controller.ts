import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { ApiFilterRefusal, asDto, AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { OnHandRepository } from './on-hand.repository';
import { StockLevelDto } from './stock-levels.dto';

/** Current on-hand per site x item: a buyer sees its own; a supplier, its buyers'; an operator, all. */
@ApiTags('stock-levels')
@Controller('stock-levels')
export class StockLevelsHttpController {
  constructor(
    private readonly onHand: OnHandRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'What is on hand now at each buyer site x item',
    description:
      'The on-hand the platform projects from the movements applied, per site x item, ordered by buyer, site and item. ' +
      'A buyer sees its own sites; a supplier, the site x items its agreements cover; an operator, all.',
  })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only this site.', example: 'plant-lyon' })
  @ApiOkResponse({ description: 'The stock levels the caller may see.', type: [StockLevelDto] })
  @ApiFilterRefusal()
  async list(@Req() request: AuthenticatedRequest, @Query('siteId') siteIdParam?: unknown): Promise<StockLevelDto[]> {
    return (await this.visible(request, optionalQueryText(siteIdParam, 'siteId'))).map((onHand) => asDto(StockLevelDto, onHand));
  }

  private async visible({ party }: AuthenticatedRequest, siteId: string | undefined) {
    if (party.kind === 'operator') return this.onHand.listAll(siteId);
    if (party.kind === 'buyer') return this.onHand.listForBuyers([party.id], siteId);
    const coverage = this.agreements.coverageOf(party.id);
    return (await this.onHand.listForBuyers(coverage.buyerIds, siteId)).filter(coverage.covers);
  }
}
