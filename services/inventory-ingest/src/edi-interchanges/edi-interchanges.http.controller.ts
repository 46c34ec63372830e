import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiFilterRefusal, ApiRefusal, asDto, AuthenticatedRequest, optionalQueryChoice, optionalQueryWholeNumber } from '@smi/service-kit';
import type { Response } from 'express';
import { InterchangeOutcomeValues } from './interchange-movements';
import { KeptInterchange } from './kept-interchange';
import { KeptInterchangeRepository } from './kept-interchange.repository';
import { ReceiveInterchange } from './receive-interchange.use-case';
import { InterchangeSummaryDto, KeptInterchangeDto } from './edi-interchanges.dto';

/** The body types an interchange may come as (the server reads them as text). */
export const EDI_MEDIA_TYPES = ['text/plain', 'application/edi-x12', 'application/edifact'];

const SAMPLE_852 =
  'ISA*00*          *00*          *ZZ*ACMEMOTORS     *ZZ*SMIPLATFORM    *261207*0900*U*00401*000000101*0*P*>~' +
  'GS*PD*ACMEMOTORS*SMIPLATFORM*20261207*0900*101*X*004010~ST*852*0001~XQ*H*20261201*20261207~' +
  'LIN**BP*BP-4471~ZA*QA*40*EA~ZA*QS*12*EA~ZA*QR*20*EA~SE*6*0001~GE*1*101~IEA*1*000000101~';

/**
 * Buyers' EDI: an X12 852 (product activity) or EDIFACT INVRPT (inventory report) posted as text
 * becomes stock movements through the buyer's cross-reference; the answer is the functional
 * acknowledgment (997 / CONTRL), and every interchange is kept for inspection.
 */
@ApiTags('edi')
@Controller('edi-interchanges')
export class EdiInterchangesHttpController {
  constructor(
    private readonly receive: ReceiveInterchange,
    private readonly interchanges: KeptInterchangeRepository,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Takes in a buyer's X12 852 or EDIFACT INVRPT interchange",
    description:
      "Each report line is mapped through the buyer's cross-reference (PUT /edi-cross-references) to an agreed site x item: " +
      'received is a RECEIPT and consumed a CONSUMPTION dated within the period, on hand a COUNT at the period end, applied in ' +
      'that order, so the on-hand ends as counted. The movements go the way REST movements go (the stock-movements topic, ' +
      'before the answer); the same interchange (sender and control number) sent again changes nothing. Lines without a ' +
      'cross-reference, or that the projection refuses, are named and not taken. The answer is the 997 or CONTRL text, or a ' +
      'JSON summary when the client accepts application/json. Every interchange, malformed ones too, is kept. Buyers only.',
  })
  @ApiConsumes(...EDI_MEDIA_TYPES)
  @ApiBody({
    description: 'The interchange text, envelope included (ISA...IEA or UNA/UNB...UNZ).',
    schema: { type: 'string', example: SAMPLE_852 },
  })
  @ApiHeader({ name: 'accept', required: false, description: 'application/json for the JSON summary; otherwise the acknowledgment text.' })
  @ApiProduces('application/edi-x12', 'application/edifact', 'application/json')
  @ApiOkResponse({
    description: 'The interchange was read and kept; the acknowledgment (or summary) says what was accepted and names every error.',
    content: {
      'application/edi-x12': { schema: { type: 'string', description: 'The 997.' } },
      'application/edifact': { schema: { type: 'string', description: 'The CONTRL.' } },
      'application/json': { schema: { $ref: getSchemaPath(InterchangeSummaryDto) } },
    },
  })
  @ApiRefusal(400, 'The body is empty, or holds a NUL character.')
  @ApiRefusal(403, 'The caller is not a buyer.')
  @ApiRefusal(413, 'The body is larger than the limit (SMI_HTTP_BODY_LIMIT_BYTES, 100 KiB by default).')
  @ApiRefusal(415, 'The body is not text/plain, application/edi-x12 or application/edifact.')
  async post(
    @Body() body: unknown,
    @Req() { party }: AuthenticatedRequest,
    @Res() reply: Response,
    @Headers('accept') accept?: string,
  ): Promise<void> {
    if (party.kind !== 'buyer')
      throw new ForbiddenException(`only a buyer sends its inventory interchanges (${party.id} is a ${party.kind})`);
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException(`send the interchange as ${EDI_MEDIA_TYPES.join(', ')}`);
    if (body.trim().length === 0) throw new BadRequestException('the body is empty: send the interchange text');
    // EDI text never holds NUL, and Postgres cannot keep it: refused rather than kept altered.
    const nul = body.indexOf('\u0000');
    if (nul >= 0) throw new BadRequestException(`the body holds a NUL character at offset ${nul}: EDI text has none`);
    const kept = await this.receive.execute(party.id, body);
    reply.location(`edi-interchanges/${kept.interchangeId}`);
    if (accept?.includes('application/json')) {
      reply.json(summaryOf(kept));
      return;
    }
    reply.type(kept.standard === 'edifact' ? 'application/edifact' : 'application/edi-x12').send(kept.acknowledgment);
  }

  @Get()
  @ApiOperation({
    summary: 'The interchanges received, newest first',
    description: "A buyer sees its own; an operator everyone's. The text itself is in GET /edi-interchanges/{id}.",
  })
  @ApiQuery({ name: 'outcome', required: false, enum: InterchangeOutcomeValues, description: 'Only these.' })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many (1 to 1000, default 100).', example: 100 })
  @ApiOkResponse({ type: [KeptInterchangeDto] })
  @ApiFilterRefusal()
  @ApiRefusal(403, "The caller is a supplier: interchanges are their buyers'.")
  async list(
    @Req() { party }: AuthenticatedRequest,
    @Query('outcome') outcomeParam?: unknown,
    @Query('limit') limitParam?: unknown,
  ): Promise<KeptInterchangeDto[]> {
    if (party.kind === 'supplier') throw new ForbiddenException('interchanges are seen by the buyer who sent them and by operators');
    const outcome = optionalQueryChoice(outcomeParam, 'outcome', InterchangeOutcomeValues);
    const limit = optionalQueryWholeNumber(limitParam, 'limit', { min: 1, max: 1000 }) ?? 100;
    const rows = await this.interchanges.list(party.kind === 'operator' ? null : party.id, outcome, limit);
    return rows.map(({ raw: _raw, ...row }) => asDto(KeptInterchangeDto, row));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One interchange as received and answered',
    description: 'Its text, parties, outcome, errors and acknowledgment.',
  })
  @ApiParam({ name: 'id', description: 'The id POST answered (in its JSON summary and Location header).' })
  @ApiOkResponse({ type: KeptInterchangeDto })
  @ApiRefusal(404, "No such interchange, or another buyer's.")
  async one(@Req() { party }: AuthenticatedRequest, @Param('id') id: string): Promise<KeptInterchangeDto> {
    const kept = /^[0-9a-f-]{36}$/.test(id) ? await this.interchanges.find(id) : undefined;
    if (!kept || (party.kind !== 'operator' && kept.buyerId !== party.id)) throw new NotFoundException(`interchange ${id} not found`);
    return asDto(KeptInterchangeDto, kept);
  }
}

const summaryOf = (kept: KeptInterchange): InterchangeSummaryDto => ({
  id: kept.interchangeId,
  outcome: kept.outcome,
  accepted: kept.outcome !== 'rejected',
  movements: kept.movements,
  repeats: kept.repeats,
  errors: kept.errors,
  acknowledgment: kept.acknowledgment,
});
