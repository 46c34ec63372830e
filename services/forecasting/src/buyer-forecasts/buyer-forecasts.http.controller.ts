import { Body, ConflictException, Controller, ForbiddenException, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusal, asDto, AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { UnitOfWork } from '@smi/messaging';
import { dayText } from '../consumption-history/calendar-days';
import { BUYER_FORECAST_EXAMPLES, BuyerForecastReceiptDto, BuyerForecastRequestDto } from './buyer-forecasts.dto';
import { conflictOf, TakeBuyerForecasts } from './take-buyer-forecasts.use-case';

/**
 * A buyer sends its own forecast of a site x item (collaborative forecasting).
 * It is scored in the backtest beside the methods and used when it proves the
 * most accurate. 201 when kept, 200 when the same eventId was kept before with the same body,
 * 409 when it was kept with another (the kept one stays).
 */
@ApiTags('buyer-forecasts')
@Controller('buyer-forecasts')
export class BuyerForecastsHttpController {
  constructor(
    private readonly takeBuyerForecasts: TakeBuyerForecasts,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Takes the buyer's own forecast of a site x item, to be scored beside the methods",
    description:
      'Collaborative forecasting: the forecast is backtested like every method and used when it proves the most ' +
      'accurate. Judged by the same rules as one from Kafka, and it needs an agreement line covering the site x item. ' +
      'Buyers only, for their own demand.',
  })
  @ApiBody({ type: BuyerForecastRequestDto, examples: BUYER_FORECAST_EXAMPLES })
  @ApiCreatedResponse({ description: 'Kept.', type: BuyerForecastReceiptDto })
  @ApiOkResponse({
    description: 'Kept before with the same eventId and body; nothing changed (status already-kept).',
    type: BuyerForecastReceiptDto,
  })
  @ApiRefusal(
    400,
    'A field is missing or wrong, no agreement line covers the site x item, or the unit is not the one its consumption ' +
      'is kept in; `problems` lists each as `<field> <problem>`.',
  )
  @ApiRefusal(403, 'The caller is not a buyer, or buyerId names another buyer.')
  @ApiRefusal(409, 'The eventId was used before with another body; the one kept stays.')
  async submit(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<BuyerForecastReceiptDto> {
    const party = request.party;
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer sends its own forecasts (${party.id} is a ${party.kind})`);
    const claimed = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).buyerId : undefined;
    if (claimed !== undefined && claimed !== party.id)
      throw new ForbiddenException(`a buyer may only send forecasts of its own demand: buyerId must be ${party.id}`);
    const outcome = await this.unitOfWork.run((tx) =>
      this.takeBuyerForecasts.take(tx, { buyerId: party.id, ...(body as object) }, this.clock.now(), 'required'),
    );
    if (outcome.kind === 'refused') {
      const messages = outcome.problems.map(({ field, problem }) => `${field} ${problem}`);
      throw new HttpException(
        { statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: messages.join('; '), problems: messages },
        HttpStatus.BAD_REQUEST,
      );
    }
    if (outcome.kind === 'conflict') throw new ConflictException(conflictOf(outcome.submission));
    response.status(outcome.kind === 'kept' ? HttpStatus.CREATED : HttpStatus.OK);
    const { submission } = outcome;
    return asDto(BuyerForecastReceiptDto, { ...submission, firstPeriodStart: dayText(submission.firstPeriodStart), status: outcome.kind });
  }
}
