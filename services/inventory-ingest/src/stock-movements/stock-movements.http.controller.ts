import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { StockMovement } from '@smi/contracts';
import { UnitOfWork } from '@smi/messaging';
import { ApiRefusal, AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { RecordStockMovements } from './record-stock-movements.use-case';
import { MovementProblem, movementProblems } from './stock-movement-rules';
import { TakeInMovements } from './take-in-movements.use-case';
import { MOVEMENT_EXAMPLES, MovementsAcceptedDto, StockMovementBatchDto, StockMovementRequestDto } from './stock-movements.dto';

const MAX_MOVEMENTS_PER_REQUEST = 1000;

/**
 * Buyer systems that cannot produce to Kafka post movements here. Accepted
 * movements are written to the stock-movements topic (acknowledged by the broker
 * before we answer 202), so REST and Kafka senders share one path into the projection.
 * Before that, the projection's own rules judge them against the agreement in force
 * and the on-hand as it stands: what it would refuse gets 422 now, so a 202 means applied.
 * Each is first taken into the consumer's inbox (as the buyer's, over REST): an id sent before
 * with the same body is not produced again (202, listed as a repeat), one sent before with
 * another body is a conflict (409, nothing produced).
 */
@ApiTags('stock-movements')
@ApiExtraModels(StockMovementRequestDto, StockMovementBatchDto)
@Controller('stock-movements')
export class StockMovementsHttpController {
  constructor(
    private readonly takeIn: TakeInMovements,
    private readonly recordMovements: RecordStockMovements,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: "Records movements of the buyer's own stock (receipts, consumption, adjustments, counts)",
    description:
      'For buyer systems that do not produce to Kafka: one movement, or `{ "movements": [...] }` (1 to 1000), taken all ' +
      'or none. They are judged first by the same rules as movements from Kafka, against the agreement in force and the ' +
      'on-hand as it stands, then written to the stock-movements topic before the answer: a 202 means applied. An ' +
      'eventId sent before with the same body is not produced again (listed in `repeats`). Buyers only.',
  })
  @ApiBody({
    description: 'One movement, or a batch.',
    schema: { oneOf: [{ $ref: getSchemaPath(StockMovementRequestDto) }, { $ref: getSchemaPath(StockMovementBatchDto) }] },
    examples: MOVEMENT_EXAMPLES,
  })
  @ApiAcceptedResponse({ description: 'All applied (repeats included, produced once).', type: MovementsAcceptedDto })
  @ApiRefusal(
    400,
    'Not a movement or batch, or a field is missing or wrong (say, a CONSUMPTION of 0, or occurredAt more than a day ahead of business time); ' +
      '`problems` lists each as `{ field, problem }`, the field prefixed with `movements[i].` in a batch. Nothing is recorded.',
  )
  @ApiRefusal(403, 'The caller is not a buyer, or a movement names another buyer.')
  @ApiRefusal(409, 'An eventId was used before with another body; `conflicts` lists them. Nothing is recorded.')
  @ApiRefusal(
    422,
    'The projection would refuse a movement (no agreement line in force for the site x item, another unit than the one its stock is kept in, an on-hand beyond the largest kept); ' +
      '`problems` says which and why. Nothing is recorded.',
  )
  @ApiRefusal(413, 'The body is larger than the limit (SMI_HTTP_BODY_LIMIT_BYTES, 100 KiB by default).')
  async post(@Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<MovementsAcceptedDto> {
    const { items, path } = movementsIn(body);
    const now = this.clock.now(); // a movement may not lie ahead of business time
    const problems: MovementProblem[] = [];
    const movements = items.map((item, i) => {
      const movement = movementFromJson(item);
      const at = path(i);
      problems.push(...movementProblems(movement, now).map((p) => ({ field: `${at}${p.field}`, problem: p.problem })));
      return movement as StockMovement;
    });
    if (problems.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problems.map((p) => `${p.field} ${p.problem}`).join('; '),
        problems,
      });
    }
    const party = request.party;
    if (party.kind !== 'buyer')
      throw new ForbiddenException(`only a buyer sends movements of its own stock (${party.id} is a ${party.kind})`);
    // The message echoes nothing of the body: which buyer ids exist is not the caller's to learn.
    if (movements.some((m) => m.buyerId !== party.id))
      throw new ForbiddenException(`a buyer may only send movements for its own stock: buyerId must be ${party.id}`);
    const refused = await this.recordMovements.refusals(movements, now);
    if (refused.length > 0) {
      const reasons = refused.map(({ index, reason }) => `${path(index)}${reason}`);
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: reasons.join('; '),
        problems: reasons,
      });
    }
    const repeats = await this.unitOfWork.run(async (tx) => {
      const outcomes = await this.takeIn.execute(tx, movements, 'rest', (conflicting) => {
        const conflicts = conflicting.map((m) => m.eventId);
        return new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `event ids already used with a different body: ${conflicts.join(', ')}`,
          conflicts,
        });
      });
      return movements.filter((_, i) => outcomes[i] === 'repeat').map((m) => m.eventId);
    });
    return { accepted: movements.map((m) => m.eventId), repeats };
  }
}

function movementsIn(body: unknown): { items: unknown[]; path: (i: number) => string } {
  if (body && typeof body === 'object' && Array.isArray((body as { movements?: unknown }).movements)) {
    const items = (body as { movements: unknown[] }).movements;
    if (items.length === 0) throw new BadRequestException('movements must not be empty');
    if (items.length > MAX_MOVEMENTS_PER_REQUEST) {
      throw new BadRequestException(`movements holds ${items.length} entries; at most ${MAX_MOVEMENTS_PER_REQUEST} per request`);
    }
    return { items, path: (i) => `movements[${i}].` };
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) return { items: [body], path: () => '' };
  throw new BadRequestException('body must be a stock movement object or { "movements": [...] }');
}

/** JSON has no dates: occurredAt arrives as an ISO-8601 string. */
function movementFromJson(item: unknown): Partial<Record<keyof StockMovement, unknown>> {
  if (!item || typeof item !== 'object') return {};
  const raw = item as Record<string, unknown>;
  const occurredAt =
    typeof raw.occurredAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw.occurredAt) ? new Date(raw.occurredAt) : undefined;
  return {
    eventId: raw.eventId,
    buyerId: raw.buyerId,
    siteId: raw.siteId,
    itemId: raw.itemId,
    kind: raw.kind,
    quantity: raw.quantity,
    unit: raw.unit,
    occurredAt,
    source: raw.source ?? 'rest',
    orderReference: raw.orderReference ?? null,
  };
}
