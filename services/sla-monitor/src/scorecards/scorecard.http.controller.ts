import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { dayOf, monthOf, parsePeriod } from '@smi/service-levels';
import { agreementsVisibleTo } from '../kpis/measure-kpis.use-case';
import { ReadScorecard } from './read-scorecard.use-case';
import { scorecardCsv, scorecardHtml } from './scorecard';
import { SCORECARD_CSV_EXAMPLE, ScorecardDto } from './scorecard.dto';

const FORMATS = ['json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The format asked: `format` when given, else the first of CSV or HTML the Accept header names, else JSON. */
function formatOf(format: string | undefined, accept: string | undefined): Format | undefined {
  if (format !== undefined) return (FORMATS as readonly string[]).includes(format) ? (format as Format) : undefined;
  if (/\btext\/csv\b/.test(accept ?? '')) return 'csv';
  if (/\btext\/html\b/.test(accept ?? '')) return 'html';
  return 'json';
}

interface Reply {
  type(contentType: string): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/**
 * An agreement's scorecard for a month (the current one by the business clock when none is given),
 * for the parties' review checkpoints: JSON, CSV or a readable HTML page. Only the agreement's
 * buyer and supplier, and operators, see it; anyone else gets 404 as for an unknown agreement.
 */
@ApiTags('scorecards')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@ApiExtraModels(ScorecardDto)
@Controller('agreements')
export class ScorecardHttpController {
  constructor(
    private readonly scorecards: ReadScorecard,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  @Get(':agreementId/scorecard')
  @ApiOperation({
    summary: "An agreement's monthly scorecard, as JSON, CSV or a readable page",
    description:
      'The review checkpoint of one agreement for a month (the current one by the business clock when none is given): the ' +
      "agreement's and every line's KPIs with what they are counted from and their targets, the worst lines, the month's " +
      'penalties and their disputes (for the buyer and supplier only), and a 12-month trend. `format` picks JSON, CSV ' +
      '(text/csv, as an attachment) or an HTML page; without it the Accept header decides (text/csv, then text/html), else JSON. ' +
      "Only the agreement's buyer and supplier, and operators, see it.",
  })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiParam({ name: 'agreementId', description: 'The agreement.', example: 'AGR-ACME-NW-2026' })
  @ApiQuery({ name: 'period', required: false, description: 'The month, YYYY-MM; default the current month.', example: '2026-03' })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: FORMATS,
    description: 'json, csv or html; overrides the Accept header.',
  })
  @ApiHeader({
    name: 'accept',
    required: false,
    description: 'Without `format`: text/csv gives the CSV, text/html the page, anything else JSON.',
  })
  @ApiOkResponse({
    description: 'The scorecard in the format asked.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ScorecardDto) } },
      'text/csv': {
        schema: { type: 'string', description: 'One row per KPI, trend value, penalty and dispute.' },
        example: SCORECARD_CSV_EXAMPLE,
      },
      'text/html': {
        schema: { type: 'string', description: 'A page for people: KPI tables, worst lines, penalties, disputes, trend.' },
        example:
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Scorecard AGR-ACME-NW-2026 2026-03</title></head><body><h1>Scorecard AGR-ACME-NW-2026 2026-03</h1>…</body></html>',
      },
    },
  })
  @ApiBadRequestResponse({ description: 'period is not a month YYYY-MM, or format is not json, csv or html.' })
  @ApiNotFoundResponse({
    description: 'No such agreement, one of other parties, or the agreement was not in force in that month.',
  })
  async scorecard(
    @Req() request: AuthenticatedRequest,
    @Res() reply: Reply,
    @Param('agreementId') agreementId: string,
    @Query('period') periodText?: string,
    @Query('format') formatText?: string,
    @Headers('accept') accept?: string,
  ): Promise<void> {
    const month = parsePeriod(periodText ?? monthOf(dayOf(this.clock.now())));
    if (month?.kind !== 'month') throw new BadRequestException(`period must be a month YYYY-MM (got ${String(periodText)})`);
    const format = formatOf(formatText, accept);
    if (!format) throw new BadRequestException(`format must be one of ${FORMATS.join(', ')} (got ${formatText})`);
    const agreement = agreementsVisibleTo(this.agreements, request.party).find((a) => a.agreementId === agreementId);
    if (!agreement) throw new NotFoundException(`agreement ${agreementId} not found`);
    const card = await this.scorecards.execute(agreement, month, request.party);
    if (!card) throw new NotFoundException(`agreement ${agreementId} is not in force in ${month.id}`);
    const name = `scorecard-${agreementId}-${month.id}`.replace(/[^\w.-]/g, '_');
    if (format === 'csv')
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(scorecardCsv(card));
    else if (format === 'html') reply.type('text/html; charset=utf-8').send(scorecardHtml(card));
    else reply.type('application/json; charset=utf-8').send(JSON.stringify(card));
  }
}
