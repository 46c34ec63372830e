import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { allTopics, AvroCodec } from '@smi/contracts';
import { DeadLetter, findDeadLetter, listDeadLetters, replayDeadLetter, UnitOfWork } from '@smi/messaging';
import { DataSource } from 'typeorm';
import { AuthenticatedRequest, operatorOnly } from './api-key.guard';
import { optionalQueryText, optionalQueryWholeNumber } from './query-filters';

const NOT_FOUND = 'no such dead letter';

/**
 * What this service could not apply, for operators: list the dead letters (newest first, of one
 * original topic or all), inspect one (its headers, bytes and, when they decode, the event), and
 * replay it once the cause is fixed: the record goes back to its topic as it was, marked with
 * the `smi-replay-of` header, once. Buyers and suppliers are answered as if there were none.
 */
@Controller('dead-letters')
export class DeadLettersHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly codec: AvroCodec,
  ) {}

  @Get()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('topic') topic: unknown,
    @Query('limit') limit: unknown,
    @Query('before') before: unknown,
  ) {
    operatorOnly(request);
    const letters = await listDeadLetters(this.dataSource.manager, {
      topic: optionalQueryText(topic, 'topic'),
      limit: optionalQueryWholeNumber(limit, 'limit', { min: 1, max: 1000 }) ?? 100,
      before: optionalQueryWholeNumber(before, 'before', { min: 1, max: Number.MAX_SAFE_INTEGER })?.toString(),
    });
    return { deadLetters: letters.map(summaryOf) };
  }

  @Get(':id')
  async inspect(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    operatorOnly(request);
    const letter = await findDeadLetter(this.dataSource.manager, id);
    if (!letter) throw new NotFoundException(NOT_FOUND);
    return { ...summaryOf(letter), headers: letter.headers, value: letter.value.toString('base64'), event: await this.decoded(letter) };
  }

  /** 202 when sent again, 200 when it was replayed before (nothing is sent a second time). */
  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  async replay(
    @Req() request: AuthenticatedRequest,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ) {
    operatorOnly(request);
    const outcome = await this.unitOfWork.run((tx) => replayDeadLetter(tx, id));
    if (outcome.kind === 'unknown') throw new NotFoundException(NOT_FOUND);
    if (outcome.kind === 'already-replayed') response.status(HttpStatus.OK);
    return { ...summaryOf(outcome.deadLetter), status: outcome.kind };
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

const summaryOf = (d: DeadLetter) => ({
  id: d.id,
  topic: d.topic,
  partition: d.partition,
  offset: d.offset,
  key: d.key,
  eventId: d.eventId,
  reason: d.reason,
  failedAt: d.failedAt,
  replayedAt: d.replayedAt,
});
