import { Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { ForecastAccuracyRepository, KeptAccuracy } from './forecast-accuracy.repository';

/**
 * The latest forecast accuracy (MASE, bias) per site x item and per agreement:
 * a buyer sees its own, a supplier its agreements', an operator all.
 */
@Controller('forecast-accuracy')
export class ForecastAccuracyHttpController {
  constructor(
    private readonly accuracy: ForecastAccuracyRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('agreementId') agreementParam?: unknown,
    @Query('siteId') siteParam?: unknown,
    @Query('itemId') itemParam?: unknown,
  ) {
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
    return visible.map(({ forecastTotal: _f, actualTotal: _a, ...published }) => published);
  }

  /** A supplier sees the accuracy of its own agreements' lines, and of those agreements. */
  private suppliedBy(supplierId: string, row: KeptAccuracy): boolean {
    if (row.scope === 'AGREEMENT') return this.agreements.agreement(row.agreementId!)?.supplierId === supplierId;
    return this.agreements.coverageOf(supplierId).covers({ buyerId: row.buyerId, siteId: row.siteId!, itemId: row.itemId! });
  }
}
