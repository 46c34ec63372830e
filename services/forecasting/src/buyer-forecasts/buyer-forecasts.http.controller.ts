import { Body, ConflictException, Controller, ForbiddenException, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { UnitOfWork } from '@smi/messaging';
import { dayText } from '../consumption-history/calendar-days';
import { conflictOf, TakeBuyerForecasts } from './take-buyer-forecasts.use-case';

/**
 * A buyer sends its own forecast of a site x item (collaborative forecasting).
 * It is scored in the backtest beside the methods and used when it proves the
 * most accurate. 201 when kept, 200 when the same eventId was kept before with the same body,
 * 409 when it was kept with another (the kept one stays).
 */
@Controller('buyer-forecasts')
export class BuyerForecastsHttpController {
  constructor(
    private readonly takeBuyerForecasts: TakeBuyerForecasts,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  async submit(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
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
    return { ...submission, firstPeriodStart: dayText(submission.firstPeriodStart), status: outcome.kind };
  }
}
