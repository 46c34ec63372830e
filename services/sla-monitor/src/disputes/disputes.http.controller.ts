import {
  applyDecorators,
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice, Party } from '@smi/service-kit';
import { DisputeDto, DisputeReasonRequestDto } from './disputes.dto';
import { DisputesRepository, DisputeScope, DisputeWithHistory } from './disputes.repository';
import { DISPUTE_STATUSES, DisputeCommand, DisputeOutcome, unknownDispute } from './penalty-dispute';
import { TakeDisputeSteps } from './take-dispute-steps.use-case';

/**
 * Disputes over penalties, seen only by the penalty's buyer and supplier: the supplier opens one
 * (`POST /penalties/{penaltyId}/disputes`), the buyer accepts or rejects it here. An operator has
 * none, and a dispute of other parties answers as one that does not exist.
 */
@ApiTags('disputes')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('disputes')
export class DisputesHttpController {
  constructor(
    readonly disputes: DisputesRepository,
    readonly takeSteps: TakeDisputeSteps,
    readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The disputes over your penalties',
    description:
      'Disputes over the penalties of your agreements, newest first, each with every step (opened by the supplier, accepted or ' +
      "rejected by the buyer). Only the penalty's buyer and supplier see its disputes: an operator gets an empty list.",
  })
  @ApiQuery({ name: 'status', required: false, enum: DISPUTE_STATUSES, description: 'Only disputes in this status.' })
  @ApiOkResponse({ description: 'The disputes, newest first.', type: [DisputeDto] })
  @ApiBadRequestResponse({ description: 'status is not one of open, accepted, rejected.' })
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<DisputeDto[]> {
    const chosen = optionalQueryChoice(status, 'status', DISPUTE_STATUSES);
    const scope = disputeScopeOf(request.party);
    return scope ? this.disputes.list(scope, { status: chosen }) : [];
  }

  @Post(':disputeId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept a dispute: the penalty is credited',
    description:
      'The buyer owed the penalty agrees with the supplier: the amount disputed is credited (GET /penalties/{penaltyId} shows it in ' +
      '`credited` and `due`) and the step is published on smi.penalty-disputes.v1. A reason is optional. Answers the dispute as it now stands.',
  })
  @DisputeDecision('accept')
  accept(@Req() request: AuthenticatedRequest, @Param('disputeId') disputeId: string, @Body() body: unknown): Promise<DisputeDto> {
    return this.take(request.party, { kind: 'accept', disputeId, by: request.party, at: this.clock.now(), reason: reasonOf(body) });
  }

  @Post(':disputeId/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject a dispute: the penalty stands',
    description:
      "The buyer owed the penalty rejects the supplier's dispute, saying why (required); the penalty stays due and the step is " +
      'published on smi.penalty-disputes.v1. Answers the dispute as it now stands.',
  })
  @DisputeDecision('reject')
  reject(@Req() request: AuthenticatedRequest, @Param('disputeId') disputeId: string, @Body() body: unknown): Promise<DisputeDto> {
    return this.take(request.party, { kind: 'reject', disputeId, by: request.party, at: this.clock.now(), reason: reasonOf(body) });
  }

  private take(party: Party, command: DisputeCommand): Promise<DisputeWithHistory> {
    return takeDisputeStep(this, party, command);
  }
}

/** What the buyer's decision on a dispute takes and answers, accept and reject alike. */
function DisputeDecision(kind: 'accept' | 'reject'): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'disputeId', description: 'The dispute.', example: '6f1c2a9e-4b7d-4e0a-9c51-2d8f7e3b1a40' }),
    ApiBody({
      type: DisputeReasonRequestDto,
      required: kind === 'reject',
      examples:
        kind === 'accept'
          ? { accepted: { summary: 'Accepted with a reason', value: { reason: 'Confirmed with the carrier: the tunnel was closed.' } } }
          : {
              rejected: {
                summary: 'Rejected',
                value: { reason: 'The closure was announced a week ahead; the shipment could have left earlier.' },
              },
            },
    }),
    ApiOkResponse({ description: 'The dispute after the step, with every step so far.', type: DisputeDto }),
    ApiBadRequestResponse({
      description:
        kind === 'reject'
          ? 'reason is missing, not text, too long or holds control characters.'
          : 'reason is not text, too long or holds control characters.',
    }),
    ApiForbiddenResponse({ description: 'The caller is the supplier: only the buyer owed the penalty decides a dispute.' }),
    ApiNotFoundResponse({ description: 'No such dispute, or one of other parties (an operator sees none).' }),
    ApiConflictResponse({ description: 'The dispute is already accepted or rejected.' }),
  );
}

/** Takes one step in its own unit of work and answers the dispute as it stands after it. */
export async function takeDisputeStep(
  through: { unitOfWork: UnitOfWork; takeSteps: TakeDisputeSteps; disputes: DisputesRepository },
  party: Party,
  command: DisputeCommand,
): Promise<DisputeWithHistory> {
  const [outcome] = await through.unitOfWork.run((tx) => through.takeSteps.execute([command], tx));
  if (outcome.kind !== 'taken') throw httpErrorFor(outcome);
  const [dispute] = await through.disputes.list(disputeScopeOf(party)!, { disputeId: outcome.dispute.disputeId });
  if (!dispute) throw new NotFoundException(unknownDispute(outcome.dispute.disputeId));
  return dispute;
}

/** A buyer's or supplier's own disputes; an operator has none. */
export function disputeScopeOf(party: Party): DisputeScope | undefined {
  if (party.kind === 'buyer') return { buyerId: party.id };
  if (party.kind === 'supplier') return { supplierId: party.id };
  return undefined;
}

/** The reason in a request body, if any; the rules say whether it is required and sound. */
export const reasonOf = (body: unknown): unknown =>
  body !== null && typeof body === 'object' ? (body as { reason?: unknown }).reason : undefined;

export function httpErrorFor(outcome: Extract<DisputeOutcome, { kind: 'refused' }>): Error {
  if (outcome.refusal === 'unknown') return new NotFoundException(outcome.message);
  if (outcome.refusal === 'forbidden') return new ForbiddenException(outcome.message);
  if (outcome.refusal === 'invalid') return new BadRequestException(outcome.message);
  return new ConflictException(outcome.message);
}
