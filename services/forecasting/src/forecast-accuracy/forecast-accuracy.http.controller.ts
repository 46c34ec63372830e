import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { ApiFilterRefusal, asDto, AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { ForecastAccuracyDto } from './forecast-accuracy.dto';
import { ForecastAccuracyRepository, KeptAccuracy } from './forecast-accuracy.repository';

/**
 * The latest forecast accuracy (MASE, bias) per site x item and per agreement:
 * a buyer sees its own, a supplier its agreements', an operator all.
 */
@ApiTags('forecast-accuracy')
@Controller('forecast-accuracy')
export class ForecastAccuracyHttpController {
  constructor(
    private readonly accuracy: ForecastAccuracyRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'How accurate the forecasts have been, per site x item and per agreement (MASE, bias)',
    description:
      'The latest measurement of each site x item and of each agreement, once actual demand came in. A buyer sees its ' +
      "own; a supplier, its agreements' and their lines'; an operator, all.",
  })
  @ApiQuery({ name: 'agreementId', required: false, description: 'Only this agreement and its lines.', example: 'AGR-1' })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only this site.', example: 'plant-lyon' })
  @ApiQuery({ name: 'itemId', required: false, description: 'Only this item.', example: 'brake-pad' })
  @ApiOkResponse({ description: 'The measurements the caller may see.', type: [ForecastAccuracyDto] })
  @ApiFilterRefusal()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('agreementId') agreementParam?: unknown,
    @Query('siteId') siteParam?: unknown,
    @Query('itemId') itemParam?: unknown,
  ): Promise<ForecastAccuracyDto[]> {
    const filter = {
      agreementId: optionalQueryText(agreementParam, 'agreementId'),
      siteId: optionalQueryText(siteParam, 'siteId'),
      itemId: optionalQueryText(itemParam, 'itemId'),
    };
    const party = request.party;
    const rows = await this.accuracy.listFor(
      party.kind === 'operator' ? undefined : party.kind === 'buyer' ? [party.id] : this.agreements.coverageOf(party.id).buyerIds,
      filter,
    );
    const visible = party.kind === 'supplier' ? rows.filter((row) => this.suppliedBy(party.id, row)) : rows;
    return visible.map((accuracy) => asDto(ForecastAccuracyDto, accuracy));
  }

  /** A supplier sees the accuracy of its own agreements' lines, and of those agreements. */
  private suppliedBy(supplierId: string, row: KeptAccuracy): boolean {
    if (row.scope === 'AGREEMENT') return this.agreements.agreement(row.agreementId!)?.supplierId === supplierId;
    return this.agreements.coverageOf(supplierId).covers({ buyerId: row.buyerId, siteId: row.siteId!, itemId: row.itemId! });
  }
}
