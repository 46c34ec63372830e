import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock, optionalQueryText, optionalQueryWholeNumber } from '@smi/service-kit';
import { DataSource } from 'typeorm';
import { NO_FORECAST_YET } from '../demand-outlooks/demand-outlook';
import { DemandOutlookRepository } from '../demand-outlooks/demand-outlook.repository';
import { OrdersRepository } from '../orders/orders.repository';
import { StockPositionRepository } from '../stock-positions/stock-position.repository';
import { DEFAULT_HORIZON_DAYS, MAX_HORIZON_DAYS, stockProjectionOf } from './stock-projection';
import { StockProjectionDto } from './stock-projections.dto';

/**
 * Where each site x item's stock is heading over the next days, under the
 * agreement line in force: a buyer sees its own sites, a supplier the lines its
 * agreements cover, an operator all.
 */
@ApiTags('stock-projections')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('stock-projections')
export class StockProjectionsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementBook,
    private readonly positions: StockPositionRepository,
    private readonly orders: OrdersRepository,
    private readonly outlooks: DemandOutlookRepository,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Where each site x item's stock is heading over the next days",
    description:
      'For each site x item under an agreement line in force: on-hand now, the orders still due, the forecast, the levels the ' +
      'engine judges it against (minimum, maximum, safety stock, reorder point, order-up-to), the first day it falls below the ' +
      'minimum, runs out or rises above the maximum, days of cover, what the engine would decide now, and the projection day by ' +
      'day. A buyer sees its own sites; a supplier the lines its agreements cover; an operator all.',
  })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only this site.', example: 'plant-lyon' })
  @ApiQuery({ name: 'itemId', required: false, description: 'Only this item.', example: 'brake-pad-bp100' })
  @ApiQuery({
    name: 'horizonDays',
    required: false,
    description: `Days projected, 1 to ${MAX_HORIZON_DAYS}; default ${DEFAULT_HORIZON_DAYS}.`,
    example: 14,
  })
  @ApiOkResponse({ description: 'One projection per site x item.', type: [StockProjectionDto] })
  @ApiBadRequestResponse({
    description: `horizonDays is not a whole number from 1 to ${MAX_HORIZON_DAYS}, or siteId or itemId is empty, repeated or too long.`,
  })
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('siteId') siteIdParam?: unknown,
    @Query('itemId') itemIdParam?: unknown,
    @Query('horizonDays') horizonParam?: unknown,
  ): Promise<StockProjectionDto[]> {
    const siteId = optionalQueryText(siteIdParam, 'siteId');
    const itemId = optionalQueryText(itemIdParam, 'itemId');
    const horizonDays = optionalQueryWholeNumber(horizonParam, 'horizonDays', { min: 1, max: MAX_HORIZON_DAYS }) ?? DEFAULT_HORIZON_DAYS;
    const party = request.party;
    const coverage = party.kind === 'operator' ? undefined : this.agreements.coverageOf(party.id);
    const positions = (await this.positions.list({ buyerIds: coverage?.buyerIds, siteId, itemId })).filter(
      (p) => coverage?.covers(p) ?? true,
    );

    const now = this.clock.now();
    const manager = this.dataSource.manager;
    const views: StockProjectionDto[] = [];
    for (const position of positions) {
      const inForce = this.agreements.lineFor(position.buyerId, position.siteId, position.itemId, now);
      if (!inForce) continue; // the agreement lapsed: nothing is planned for it any more
      const situation = {
        now,
        onHand: position.onHand,
        backorders: 0,
        openOrders: await this.orders.openOrders(manager, position),
        demand: (await this.outlooks.find(manager, position)) ?? NO_FORECAST_YET,
        lastReviewAt: position.lastReviewAt,
      };
      const view = stockProjectionOf(
        { line: inForce.line, agreementVersion: inForce.version, validFrom: inForce.agreement.validFrom },
        situation,
        horizonDays,
      );
      views.push({
        buyerId: position.buyerId,
        siteId: position.siteId,
        itemId: position.itemId,
        unit: position.unit,
        agreementId: inForce.agreement.agreementId,
        agreementVersion: inForce.version,
        onHandAsOf: position.asOf,
        ...view,
      });
    }
    return views;
  }
}
