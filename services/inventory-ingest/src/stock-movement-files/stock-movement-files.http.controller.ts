import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpException,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { ApiRefusal, AuthenticatedRequest, asDto, optionalQueryText } from '@smi/service-kit';
import type { Response } from 'express';
import { FileJob, percentOf } from './file-job';
import { FileJobsRepository } from './file-jobs.repository';
import { csvLine, DATE_FORMATS, DateFormat, dateFormatOf, FILE_KINDS, FileKind, fileKindOf, templateRows } from './file-rows';
import { FileSettingsRepository } from './file-settings.repository';
import { fileLimitBytesFrom, ReceiveStockMovementFile } from './receive-stock-movement-file.use-case';
import { FileAcceptedDto, FileJobDto, FileSettingsDto } from './stock-movement-files.dto';
import { StockMovementFilesSweep } from './stock-movement-files.sweep';
import { sendTemplate } from './template.adapter';
import { CSV_TYPES, incomingFile, UploadRefused, XLSX_TYPE } from './upload.adapter';

/** Rejections listed in the job's JSON; the CSV download has them all. */
const REJECTIONS_IN_JSON = 1000;
const REJECTIONS_PER_PAGE = 5000;

/**
 * Buyers that keep their stock in spreadsheets upload them here: a file of movements, or a snapshot
 * of counts, is stored as it arrives and read by a job, its accepted rows going onto the same
 * stock-movements topic as Kafka and REST movements (channel 'file'), its refused rows into a
 * rejection report. The same file twice is one job.
 */
@ApiTags('stock-movement-files')
@Controller('stock-movement-files')
export class StockMovementFilesHttpController {
  private readonly limitBytes = fileLimitBytesFrom(process.env);

  constructor(
    private readonly receive: ReceiveStockMovementFile,
    private readonly jobs: FileJobsRepository,
    private readonly sweep: StockMovementFilesSweep,
    private readonly agreements: AgreementBook,
    private readonly settings: FileSettingsRepository,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Uploads a CSV or XLSX file of stock movements, or a snapshot of counts, to be read by a job',
    description:
      'The raw file (Content-Type `text/csv` or `' +
      XLSX_TYPE +
      '`) or a multipart form with the file in a part named `file` (fields `kind` and `dateFormat` before it). Columns, matched by ' +
      'header ignoring case: movements: movement_id (optional), site_id, item_id, kind, quantity, unit, occurred_at, order_reference ' +
      '(optional); snapshot: movement_id (optional), site_id, item_id, quantity, unit, counted_at (each row a COUNT). Rows must fall ' +
      "under the caller's agreements in force, in the agreement line's unit. Answered 202 once the file is stored (it is read after, " +
      'from the database: a job cut off by a restart resumes where it stopped); the same file sent again answers the first job. Buyers only.',
  })
  @ApiConsumes(CSV_TYPES[0], XLSX_TYPE, 'multipart/form-data')
  @ApiQuery({
    name: 'kind',
    required: false,
    enum: FILE_KINDS,
    description: 'movements (default) or snapshot (stock counted per site x item).',
  })
  @ApiQuery({
    name: 'dateFormat',
    required: false,
    enum: DATE_FORMATS,
    description: "How dates are written: by default the buyer's configured format (GET /stock-movement-files/settings), else ISO 8601.",
  })
  @ApiAcceptedResponse({ description: 'Stored; the job reads it. Location names the job.', type: FileAcceptedDto })
  @ApiRefusal(
    400,
    'The file is empty, its header row lacks a column (named), it is no CSV or XLSX that can be read, or kind or dateFormat is unknown.',
  )
  @ApiRefusal(403, 'The caller is not a buyer.')
  @ApiRefusal(413, 'The file is larger than SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES (256 MiB by default).')
  @ApiRefusal(415, 'The body is neither CSV, XLSX, nor a multipart form with a CSV or XLSX part named file.')
  async upload(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<FileAcceptedDto> {
    const { party } = request;
    if (party.kind !== 'buyer')
      throw new ForbiddenException(`only a buyer uploads files of its own stock (${party.id} is a ${party.kind})`);
    try {
      if (Number(request.headers['content-length'] ?? 0) > this.limitBytes) {
        throw new UploadRefused(413, `file is larger than ${this.limitBytes} bytes (SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES)`);
      }
      settingsOf(request.query as Record<string, unknown>); // refused before the body is read
      const file = await incomingFile(request, this.limitBytes);
      const settings = settingsOf({ ...(request.query as Record<string, unknown>), ...file.fields });
      const received = await this.receive.execute(party.id, file, settings, this.limitBytes);
      if (!received.repeat) this.sweep.readSoon(received.jobId);
      const location = `/stock-movement-files/${received.jobId}`;
      response.status(HttpStatus.ACCEPTED).location(location);
      return { ...received, location };
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      // The rest of the body is not read: the connection cannot carry another request.
      response.set('Connection', 'close');
      throw new HttpException({ statusCode: error.status, message: error.message, error: REASONS[error.status] }, error.status);
    }
  }

  @Get('template')
  @ApiOperation({
    summary: 'A file to fill in for an agreement: the header row, and a row per agreement line with its site, item and unit',
    description: 'For either party of the agreement. Fill in quantity and the date (and the kind, in a movements file), then upload it.',
  })
  @ApiQuery({ name: 'agreementId', required: true, example: 'AGR-ACME-1' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'], description: 'csv (default) or xlsx.' })
  @ApiQuery({ name: 'kind', required: false, enum: FILE_KINDS, description: 'movements (default) or snapshot.' })
  @ApiProduces(CSV_TYPES[0], XLSX_TYPE)
  @ApiOkResponse({
    description: 'The template, as a download.',
    content: {
      'text/csv': { schema: { type: 'string', description: 'The header row, then a row per agreement line.' } },
      [XLSX_TYPE]: {
        schema: { type: 'string', format: 'binary', description: 'One sheet: the header row, then a row per agreement line.' },
      },
    },
  })
  @ApiRefusal(400, 'agreementId is missing, or format or kind is unknown.')
  @ApiRefusal(404, 'No agreement in force by that id of which the caller is a party.')
  async template(
    @Req() { party }: AuthenticatedRequest,
    @Res() response: Response,
    @Query('agreementId') agreementIdParam?: unknown,
    @Query('format') formatParam?: unknown,
    @Query('kind') kindParam?: unknown,
  ): Promise<void> {
    const agreementId = optionalQueryText(agreementIdParam, 'agreementId');
    if (!agreementId) throw new BadRequestException('agreementId is required');
    const format = optionalQueryText(formatParam, 'format') ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw new BadRequestException('format must be csv or xlsx');
    const kind = fileKindOf(optionalQueryText(kindParam, 'kind'));
    if (!(FILE_KINDS as readonly string[]).includes(kind)) throw new BadRequestException(`kind ${kind}`);
    const agreement = this.agreements.agreement(agreementId);
    if (!agreement || (agreement.buyerId !== party.id && agreement.supplierId !== party.id)) {
      throw new NotFoundException(`no agreement ${agreementId} of yours`);
    }
    const fileKind = kind as (typeof FILE_KINDS)[number];
    const name = `stock-${fileKind}-${agreementId.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    await sendTemplate(response, templateRows(agreement.lines, fileKind), format, name, fileKind);
  }

  @Get('settings')
  @ApiOperation({
    summary: "How the buyer's files write their dates, when an upload does not say",
    description: 'ISO until the buyer sets another format. Buyers only.',
  })
  @ApiOkResponse({ type: FileSettingsDto })
  @ApiRefusal(403, 'The caller is not a buyer.')
  async fileSettings(@Req() { party }: AuthenticatedRequest): Promise<FileSettingsDto> {
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer has file settings (${party.id} is a ${party.kind})`);
    return asDto(FileSettingsDto, { dateFormat: (await this.settings.dateFormatOf(party.id)) ?? 'ISO' });
  }

  @Put('settings')
  @ApiOperation({
    summary: "Sets how the buyer's files write their dates (used by every upload that names no dateFormat)",
    description: "Buyers only: a buyer's own setting.",
  })
  @ApiBody({ type: FileSettingsDto })
  @ApiOkResponse({ type: FileSettingsDto })
  @ApiRefusal(400, 'dateFormat is missing or not one of the formats taken.')
  @ApiRefusal(403, 'The caller is not a buyer.')
  async saveFileSettings(@Req() { party }: AuthenticatedRequest, @Body() body: unknown): Promise<FileSettingsDto> {
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer has file settings (${party.id} is a ${party.kind})`);
    const given = (body as { dateFormat?: unknown } | null)?.dateFormat;
    if (typeof given !== 'string') throw new BadRequestException(`dateFormat must be one of ${DATE_FORMATS.join(', ')}`);
    const dateFormat = dateFormatOf(given);
    if (!(DATE_FORMATS as readonly string[]).includes(dateFormat)) throw new BadRequestException(`dateFormat ${dateFormat}`);
    await this.settings.saveDateFormat(party.id, dateFormat as DateFormat);
    return asDto(FileSettingsDto, { dateFormat });
  }

  @Get(':jobId')
  @ApiOperation({
    summary: 'How an uploaded file is getting on: rows read, accepted, rejected, percent; at the end, the rejection report',
    description: "The uploading buyer's own jobs only.",
  })
  @ApiParam({ name: 'jobId', description: 'From the upload’s answer or its Location.' })
  @ApiOkResponse({ type: FileJobDto })
  @ApiRefusal(404, 'No job by that id of yours.')
  async job(@Req() request: AuthenticatedRequest, @Param('jobId') jobId: string): Promise<FileJobDto> {
    const job = await this.ownJob(request, jobId);
    const ended = job.status === 'done' || job.status === 'failed';
    const rejections = ended ? await this.jobs.rejections(job.jobId, 0, REJECTIONS_IN_JSON + 1) : [];
    return asDto(FileJobDto, {
      jobId: job.jobId,
      status: job.status,
      kind: job.fileKind,
      format: job.fileFormat,
      dateFormat: job.dateFormat,
      fileName: job.fileName,
      sha256: job.contentSha256 ?? '',
      bytes: job.totalBytes,
      rowsRead: job.accepted + job.rejected,
      accepted: job.accepted,
      repeats: job.repeats,
      rejected: job.rejected,
      percent: percentOf(job),
      failure: job.failure,
      receivedAt: job.createdAt,
      finishedAt: job.finishedAt,
      rejections: rejections.slice(0, REJECTIONS_IN_JSON),
      rejectionsTruncated: rejections.length > REJECTIONS_IN_JSON,
      rejectionsCsv: `/stock-movement-files/${job.jobId}/rejections.csv`,
    });
  }

  @Get(':jobId/rejections.csv')
  @ApiOperation({ summary: 'The rejection report as CSV: row, column, value, reason', description: "The uploading buyer's own jobs only." })
  @ApiParam({ name: 'jobId' })
  @ApiProduces(CSV_TYPES[0])
  @ApiOkResponse({
    description: 'One line per rejected row and column, in row order (rows so far while the job runs).',
    content: { 'text/csv': { schema: { type: 'string', description: 'row,column,value,reason, then one line per rejection.' } } },
  })
  @ApiRefusal(404, 'No job by that id of yours.')
  async rejectionsCsv(@Req() request: AuthenticatedRequest, @Param('jobId') jobId: string, @Res() response: Response): Promise<void> {
    const job = await this.ownJob(request, jobId);
    response.set('Content-Type', 'text/csv; charset=utf-8');
    response.set('Content-Disposition', `attachment; filename="rejections-${job.jobId}.csv"`);
    response.write(csvLine(['row', 'column', 'value', 'reason']));
    // A page at a time, by row: a report of a million rows is never held whole.
    for (let after = 0; ;) {
      const page = await this.jobs.rejections(job.jobId, after, REJECTIONS_PER_PAGE);
      if (page.length === 0) break;
      const lastRow = page[page.length - 1].row;
      // A page may end part way through a row's columns: the rest of that row comes with the next page.
      const whole = page.length < REJECTIONS_PER_PAGE ? page : page.filter((r) => r.row < lastRow);
      const rows = whole.length > 0 ? whole : page;
      response.write(rows.map((r) => csvLine([r.row, r.column, r.value, r.reason])).join(''));
      after = rows[rows.length - 1].row;
      if (page.length < REJECTIONS_PER_PAGE) break;
    }
    response.end();
  }

  private async ownJob({ party }: AuthenticatedRequest, jobId: string): Promise<FileJob> {
    const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await this.jobs.find(jobId) : undefined;
    // Another buyer's job is answered as if there were none: which jobs exist is not theirs to learn.
    if (!job || job.buyerId !== party.id || job.status === 'receiving')
      throw new NotFoundException(`no file job ${jobId.slice(0, 40)} of yours`);
    return job;
  }
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

/** kind and dateFormat, from the query or the form's fields. */
function settingsOf(values: Record<string, unknown>) {
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new UploadRefused(400, `${name} must be given once`);
    return value;
  };
  const kind = fileKindOf(text('kind'));
  if (!(FILE_KINDS as readonly string[]).includes(kind)) throw new UploadRefused(400, `kind ${kind}`);
  const given = text('dateFormat');
  // None named: the buyer's configured format, else ISO (the use case looks it up).
  if (given === undefined || given.trim() === '') return { kind: kind as FileKind };
  const dateFormat = dateFormatOf(given);
  if (!(DATE_FORMATS as readonly string[]).includes(dateFormat)) throw new UploadRefused(400, `dateFormat ${dateFormat}`);
  return { kind: kind as FileKind, dateFormat: dateFormat as DateFormat };
}
