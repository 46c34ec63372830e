import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { UnitOfWork } from '@smi/messaging';
import { ApiRefusal, AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { dayNumberOf } from '../consumption-history/calendar-days';
import { BackfillConsumption } from './backfill-consumption.use-case';
import { sentSeriesOf } from './backfilled-history';
import { BackfillReceiptDto, CONSUMPTION_HISTORY_EXAMPLES, ConsumptionHistoryRequestDto } from './consumption-backfill.dto';

/**
 * A buyer sends the consumption history of its site x items from before the platform, so forecasting starts
 * from years of it on the day the agreement is signed rather than from one period.
 */
@ApiTags('consumption-history')
@ApiExtraModels(ConsumptionHistoryRequestDto)
@Controller('consumption-history')
export class ConsumptionHistoryHttpController {
  constructor(
    private readonly backfill: BackfillConsumption,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Backfills the consumption history of site x items, daily or weekly, with stock-out flags',
    description:
      'One series, or a list of them (1 to 100, 5,000 periods in all), taken all or none. The days join the history the ' +
      'live feed records, marked as backfilled; weeks are spread evenly over their days. A day the live feed recorded ' +
      'keeps its measured value; a day sent before is replaced when its value differs, and the same history sent twice ' +
      'changes nothing. Each site x item whose history changed is forecast again at once (a DemandForecast on the ' +
      'demand-forecasts topic); GET /forecasts says how many periods came from a backfill. Buyers only, for their own sites.',
  })
  @ApiBody({
    description: 'One series, or a list of them.',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(ConsumptionHistoryRequestDto) },
        { type: 'array', items: { $ref: getSchemaPath(ConsumptionHistoryRequestDto) } },
      ],
    },
    examples: CONSUMPTION_HISTORY_EXAMPLES,
  })
  @ApiOkResponse({ description: 'Taken.', type: BackfillReceiptDto })
  @ApiRefusal(
    400,
    'A field is missing or wrong, or two periods cover one day; `problems` lists each as `<field> <problem>` (`[i].` first in a list). Nothing is taken.',
  )
  @ApiRefusal(403, 'The caller is not a buyer, or buyerId names another buyer.')
  @ApiRefusal(
    422,
    'No agreement line of the buyer covers a site x item now, or its unit is not the line’s or the one its consumption is kept in; `problems` says which. Nothing is taken.',
  )
  @ApiRefusal(413, 'The body is larger than the limit (SMI_HTTP_BODY_LIMIT_BYTES, 100 KiB by default).')
  async post(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<BackfillReceiptDto> {
    const party = request.party;
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer sends its consumption history (${party.id} is a ${party.kind})`);
    const claimed = (Array.isArray(body) ? body : [body]).map((s) =>
      typeof s === 'object' && s !== null ? (s as { buyerId?: unknown }).buyerId : undefined,
    );
    if (claimed.some((buyerId) => buyerId !== undefined && buyerId !== party.id))
      throw new ForbiddenException(`a buyer may only send its own consumption history: buyerId must be ${party.id}`);
    const now = this.clock.now();
    const sent = sentSeriesOf(body, dayNumberOf(now));
    if ('problems' in sent) {
      const messages = sent.problems.map((p) => `${p.field} ${p.problem}`);
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: messages.join('; '), problems: messages });
    }
    const listed = Array.isArray(body);
    const outcome = await this.unitOfWork.run((tx) => this.backfill.execute(tx, party.id, sent.series, now, 'whole'));
    if (outcome.kind === 'refused') {
      const messages = outcome.refusals.map((r) => `${listed ? `[${r.index}].` : ''}${r.field} ${r.problem}`);
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: messages.join('; '),
        problems: messages,
      });
    }
    return outcome.taken;
  }
}
