import {
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
import { UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice, Party } from '@smi/service-kit';
import { DisputesRepository, DisputeScope, DisputeWithHistory } from './disputes.repository';
import { DISPUTE_STATUSES, DisputeCommand, DisputeOutcome, unknownDispute } from './penalty-dispute';
import { TakeDisputeSteps } from './take-dispute-steps.use-case';

/**
 * Disputes over penalties, seen only by the penalty's buyer and supplier: the supplier opens one
 * (`POST /penalties/{penaltyId}/disputes`), the buyer accepts or rejects it here. An operator has
 * none, and a dispute of other parties answers as one that does not exist.
 */
@Controller('disputes')
export class DisputesHttpController {
  constructor(
    readonly disputes: DisputesRepository,
    readonly takeSteps: TakeDisputeSteps,
    readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<DisputeWithHistory[]> {
    const chosen = optionalQueryChoice(status, 'status', DISPUTE_STATUSES);
    const scope = disputeScopeOf(request.party);
    return scope ? this.disputes.list(scope, { status: chosen }) : [];
  }

  @Post(':disputeId/accept')
  @HttpCode(HttpStatus.OK)
  accept(@Req() request: AuthenticatedRequest, @Param('disputeId') disputeId: string, @Body() body: unknown): Promise<DisputeWithHistory> {
    return this.take(request.party, { kind: 'accept', disputeId, by: request.party, at: this.clock.now(), reason: reasonOf(body) });
  }

  @Post(':disputeId/reject')
  @HttpCode(HttpStatus.OK)
  reject(@Req() request: AuthenticatedRequest, @Param('disputeId') disputeId: string, @Body() body: unknown): Promise<DisputeWithHistory> {
    return this.take(request.party, { kind: 'reject', disputeId, by: request.party, at: this.clock.now(), reason: reasonOf(body) });
  }

  private take(party: Party, command: DisputeCommand): Promise<DisputeWithHistory> {
    return takeDisputeStep(this, party, command);
  }
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
