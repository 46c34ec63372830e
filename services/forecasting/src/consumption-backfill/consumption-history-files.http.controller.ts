import {
  BadRequestException,
  Controller,
  ForbiddenException,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnitOfWork } from '@smi/messaging';
import { ApiRefusal, AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { dayNumberOf } from '../consumption-history/calendar-days';
import { BackfillConsumption } from './backfill-consumption.use-case';
import { HistoryFileReceiptDto } from './consumption-backfill.dto';
import { readHistoryFile } from './history-file.adapter';
import { HISTORY_FILE_COLUMNS, MAX_HISTORY_FILE_ROWS, rejectionsOfRefusals, withoutRepeatedDays } from './history-file-rows';

/** Rejections listed in an answer; the count says how many there were. */
const MAX_REJECTIONS_LISTED = 1000;

/** The same backfill as POST /consumption-history, from a CSV a buyer exports from its ERP or spreadsheet. */
@ApiTags('consumption-history')
@Controller('consumption-history-files')
export class ConsumptionHistoryFilesHttpController {
  constructor(
    private readonly backfill: BackfillConsumption,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Backfills consumption history from a CSV file, reporting each bad row',
    description:
      `A CSV (Content-Type: text/csv) with the header ${HISTORY_FILE_COLUMNS.join(',')} and one period a row: periodStart ` +
      'YYYY-MM-DD (a Monday when periodDays is 7), periodDays 1 or 7, quantity a plain decimal, stockout true/false/1/0/yes/no ' +
      'or empty (the column may be left out). Read as it streams in; good rows are taken by the rules of POST ' +
      '/consumption-history (live days win, a resend changes nothing, changed site x items are forecast again), in one ' +
      'transaction; each bad row is reported with its line, column, value and reason. Buyers only.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'The file.',
    schema: {
      type: 'string',
      example: 'siteId,itemId,unit,periodStart,periodDays,quantity,stockout\nplant-lyon,brake-pad,EA,2025-01-06,7,42,false\n',
    },
  })
  @ApiOkResponse({ description: 'Read; good rows taken, bad ones listed.', type: HistoryFileReceiptDto })
  @ApiRefusal(
    400,
    `Not CSV, empty, a required column missing from the header, or more than ${MAX_HISTORY_FILE_ROWS.toLocaleString('en-US')} rows. Nothing is taken.`,
  )
  @ApiRefusal(403, 'The caller is not a buyer.')
  @ApiRefusal(415, 'The body is not sent as text/csv.')
  async upload(@Req() request: AuthenticatedRequest): Promise<HistoryFileReceiptDto> {
    const party = request.party;
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer sends its consumption history (${party.id} is a ${party.kind})`);
    if (!/^text\/csv\b/i.test(request.headers['content-type'] ?? ''))
      throw new UnsupportedMediaTypeException('send the file as Content-Type: text/csv');
    const now = this.clock.now();
    const read = await readHistoryFile(request, dayNumberOf(now));
    if (read.kind === 'unreadable') throw new BadRequestException(read.problem);
    const { rows, rejections: repeats } = withoutRepeatedDays(read.rows);
    const outcome = await this.unitOfWork.run((tx) =>
      this.backfill.execute(
        tx,
        party.id,
        rows.map((r) => r.series),
        now,
        'each',
      ),
    );
    const refused = rejectionsOfRefusals(rows, outcome.refusals);
    const rejections = [...read.rejections, ...repeats, ...refused];
    rejections.sort((a, b) => a.row - b.row);
    const rowsRejected = new Set(rejections.map((r) => r.row)).size;
    const taken =
      outcome.kind === 'taken' ? outcome.taken : { seriesTaken: 0, daysWritten: 0, daysUnchanged: 0, liveDaysKept: 0, forecasts: [] };
    return {
      ...taken,
      rowsRead: read.rowsRead,
      rowsAccepted: rows.length - new Set(refused.map((r) => r.row)).size,
      rowsRejected,
      rejections: rejections.slice(0, MAX_REJECTIONS_LISTED),
    };
  }
}
