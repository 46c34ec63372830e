import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { allTopics, AvroCodec } from '@smi/contracts';
import { DeadLetter, findDeadLetter, listDeadLetters, replayDeadLetter, UnitOfWork } from '@smi/messaging';
import { DataSource } from 'typeorm';
import { ApiRefusal } from './api-docs';
import { AuthenticatedRequest, operatorOnly } from './api-key.guard';
import { DeadLetterDto, DeadLetterListDto, DeadLetterReplayDto, DeadLetterSummaryDto } from './dead-letters.dto';
import { asDto } from './dto';
import { optionalQueryText, optionalQueryWholeNumber } from './query-filters';

const NOT_FOUND = 'no such dead letter';
const OPERATORS_ONLY = 'For operators: a buyer or supplier is answered 404, as if the route did not exist.';
const ID = { name: 'id', description: "The dead letter's id, from the list.", example: '1042' };
const NO_SUCH_LETTER = 'No dead letter with this id, or the caller is not an operator.';

/**
 * What this service could not apply, for operators: list the dead letters (newest first, of one
 * original topic or all), inspect one (its headers, bytes and, when they decode, the event), and
 * replay it once the cause is fixed: the record goes back to its topic as it was, marked with
 * the `smi-replay-of` header, once. Buyers and suppliers are answered as if there were none.
 */
@ApiTags('dead-letters')
@Controller('dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly codec: AvroCodec,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The records this service could not apply, newest first',
    description: `Each with the topic, partition and offset it came from and why it was set aside. ${OPERATORS_ONLY}`,
  })
  @ApiQuery({ name: 'topic', required: false, description: 'Only those from this topic.', example: 'smi.stock-movements.v1' })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many (1 to 1000; default 100).', example: 100 })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'Only those with a smaller id: the next page after the last id seen.',
    example: '1042',
  })
  @ApiOkResponse({ description: 'The dead letters, newest first.', type: DeadLetterListDto })
  @ApiRefusal(400, 'A filter is not valid (limit out of range, before not a whole number).')
  @ApiRefusal(404, 'The caller is not an operator.')
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('topic') topic: unknown,
    @Query('limit') limit: unknown,
    @Query('before') before: unknown,
  ): Promise<DeadLetterListDto> {
    operatorOnly(request);
    const letters = await listDeadLetters(this.dataSource.manager, {
      topic: optionalQueryText(topic, 'topic'),
      limit: optionalQueryWholeNumber(limit, 'limit', { min: 1, max: 1000 }) ?? 100,
      before: optionalQueryWholeNumber(before, 'before', { min: 1, max: Number.MAX_SAFE_INTEGER })?.toString(),
    });
    return { deadLetters: letters.map((letter) => asDto(DeadLetterSummaryDto, letter)) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One dead letter as it was received: headers, bytes and, when they decode, the event',
    description: `To see what was wrong with a record before fixing the cause and replaying it. ${OPERATORS_ONLY}`,
  })
  @ApiParam(ID)
  @ApiOkResponse({ description: 'The dead letter.', type: DeadLetterDto })
  @ApiRefusal(404, NO_SUCH_LETTER)
  async inspect(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<DeadLetterDto> {
    operatorOnly(request);
    const letter = await findDeadLetter(this.dataSource.manager, id);
    if (!letter) throw new NotFoundException(NOT_FOUND);
    return asDto(DeadLetterDto, { ...letter, value: letter.value.toString('base64'), event: await this.decoded(letter) });
  }

  /** 202 when sent again, 200 when it was replayed before (nothing is sent a second time). */
  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Sends a dead letter back to its topic, once, to be applied again',
    description:
      'Once the cause is fixed: the record goes back to the topic it came from as it was, marked with the ' +
      `\`smi-replay-of\` header. A second replay sends nothing and answers 200. No body. ${OPERATORS_ONLY}`,
  })
  @ApiParam(ID)
  @ApiAcceptedResponse({ description: 'Sent again now.', type: DeadLetterReplayDto })
  @ApiOkResponse({
    description: 'It was replayed before; nothing is sent a second time.',
    type: DeadLetterReplayDto,
    example: {
      id: '1042',
      topic: 'smi.stock-movements.v1',
      partition: 2,
      offset: '18734',
      key: 'acme|plant-lyon|brake-pad',
      eventId: 'mv-9',
      reason: 'quantity must be a positive number',
      failedAt: '2026-03-12T09:30:00.000Z',
      replayedAt: '2026-03-12T10:02:00.000Z',
      status: 'already-replayed',
    },
  })
  @ApiRefusal(404, NO_SUCH_LETTER)
  async replay(
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<DeadLetterReplayDto> {
    operatorOnly(request);
    const outcome = await this.unitOfWork.run((tx) => replayDeadLetter(tx, id));
    if (outcome.kind === 'unknown') throw new NotFoundException(NOT_FOUND);
    if (outcome.kind === 'already-replayed') response.status(HttpStatus.OK);
    return asDto(DeadLetterReplayDto, { ...outcome.deadLetter, status: outcome.kind });
  }

  /** The event the bytes hold, when they decode (an undecodable record has none). */
  private async decoded(letter: DeadLetter): Promise<unknown> {
    const topic = allTopics.find((t) => t.name === letter.topic);
    if (!topic) return null;
    try {
      return await this.codec.decode(topic, letter.value);
    } catch {
      return null;
    }
  }
}
