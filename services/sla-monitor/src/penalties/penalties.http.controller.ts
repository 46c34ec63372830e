import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Penalty } from '@smi/contracts';
import { AuthenticatedRequest, BusinessClock, optionalQueryText, Party } from '@smi/service-kit';
import { randomUUID } from 'node:crypto';
import { disputeScopeOf, reasonOf, takeDisputeStep } from '../disputes/disputes.http.controller';
import { TakeDisputeSteps } from '../disputes/take-dispute-steps.use-case';
import { UnitOfWork } from '@smi/messaging';
import { DisputeDto, DisputeReasonRequestDto } from '../disputes/disputes.dto';
import { DisputesRepository, DisputeWithHistory } from '../disputes/disputes.repository';
import { maySeeDisputes, unknownPenalty } from '../disputes/penalty-dispute';
import { isPeriod } from '../stockouts/sla-period';
import { PenaltiesRepository, PenaltyScope } from './penalties.repository';
import { PenaltyDto, PenaltyRecordDto } from './penalties.dto';

const PENALTY_ID = 'AGR-ACME-NW-2026|v1|plant-turin|coolant-c5l|2026-03|STOCKOUT_DAYS';

/** A penalty as it stands, every revision published, and, for its two parties only, its disputes. */
export type PenaltyRecord = Penalty & {
  revisions: Penalty[];
  /** What accepted disputes credited. */
  credited: number;
  /** The amount after the credits. */
  due: number;
  disputes?: DisputeWithHistory[];
};

/**
 * Penalties of closed months: a buyer or supplier reads those of its agreements; an operator reads
 * all, but never their disputes. The supplier contests one here.
 */
@ApiTags('penalties')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('penalties')
export class PenaltiesHttpController {
  constructor(
    private readonly penalties: PenaltiesRepository,
    readonly disputes: DisputesRepository,
    readonly takeSteps: TakeDisputeSteps,
    readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  /** The latest revision of each penalty, optionally of one month (YYYY-MM) and one agreement. */
  @Get()
  @ApiOperation({
    summary: 'The penalties of closed months on your agreements',
    description:
      'The latest revision of each penalty computed when a month closed (corrections by late data are new revisions), by month then ' +
      'penalty id, each with its rule, the agreement version whose terms priced it, the computation in words and the evidence. A buyer ' +
      'or supplier reads those of its agreements; an operator, all.',
  })
  @ApiQuery({ name: 'period', required: false, description: 'Only penalties of this month (YYYY-MM).', example: '2026-03' })
  @ApiQuery({ name: 'agreementId', required: false, description: 'Only penalties of this agreement.', example: 'AGR-ACME-NW-2026' })
  @ApiOkResponse({ description: 'The latest revision of each penalty.', type: [PenaltyDto] })
  @ApiBadRequestResponse({ description: 'period is not a month YYYY-MM, or period or agreementId is empty, repeated or too long.' })
  list(
    @Req() request: AuthenticatedRequest,
    @Query('period') period?: unknown,
    @Query('agreementId') agreementId?: unknown,
  ): Promise<PenaltyDto[]> {
    const month = optionalQueryText(period, 'period');
    if (month !== undefined && !isPeriod(month)) throw new BadRequestException(`period must be YYYY-MM (got ${month})`);
    return this.penalties.list(penaltyScopeOf(request.party), {
      period: month,
      agreementId: optionalQueryText(agreementId, 'agreementId'),
    });
  }

  @Get(':penaltyId')
  @ApiOperation({
    summary: 'One penalty: what is due after credits, every revision and its disputes',
    description:
      'The penalty as it stands (its latest revision), every revision published, what accepted disputes credited and what is due ' +
      'after them; for its buyer and supplier also its disputes with their steps (an operator sees no dispute, but the credits count).',
  })
  @ApiParam({
    name: 'penaltyId',
    description: 'The penalty (as GET /penalties lists it; URL-encode the | characters).',
    example: PENALTY_ID,
  })
  @ApiOkResponse({ description: 'The penalty with its revisions, credits and disputes.', type: PenaltyRecordDto })
  @ApiNotFoundResponse({ description: 'No such penalty, or one of other parties.' })
  async get(@Req() request: AuthenticatedRequest, @Param('penaltyId') penaltyId: string): Promise<PenaltyRecordDto> {
    const revisions = await this.penalties.revisionsOf(penaltyId);
    const latest = revisions.at(-1);
    // Another party's penalty answers as one that does not exist.
    if (!latest || !maySeePenalty(request.party, latest)) throw new NotFoundException(unknownPenalty(penaltyId));
    const scope = disputeScopeOf(request.party);
    const disputes = scope && maySeeDisputes(request.party, latest) ? await this.disputes.list(scope, { penaltyId }) : undefined;
    // An operator sees no dispute, but what accepted ones credited is part of what is due.
    const credits = disputes ?? (await this.disputes.list({ buyerId: latest.buyerId }, { penaltyId, status: 'accepted' }));
    const credited = credits.reduce((sum, d) => sum + (d.credited ?? 0), 0);
    return {
      ...latest,
      revisions,
      credited,
      due: Math.max(0, Math.round((latest.amount - credited) * 100) / 100),
      ...(disputes ? { disputes } : {}),
    };
  }

  /** The supplier contests the penalty's latest revision with a reason (201 with the dispute opened). */
  @Post(':penaltyId/disputes')
  @ApiOperation({
    summary: 'Contest a penalty (supplier)',
    description:
      'The supplier answerable for the penalty contests its latest revision, saying why; the dispute opens (published on ' +
      'smi.penalty-disputes.v1) and waits for the buyer to accept or reject it on /disputes. One open dispute per penalty, one per revision.',
  })
  @ApiParam({ name: 'penaltyId', description: 'The penalty contested (URL-encode the | characters).', example: PENALTY_ID })
  @ApiBody({
    type: DisputeReasonRequestDto,
    examples: {
      lateDelivery: {
        summary: 'A delay the supplier did not cause',
        value: { reason: 'The carrier lost two days to a road closure at the Fréjus tunnel; see their notice.' },
      },
    },
  })
  @ApiCreatedResponse({ description: 'The dispute opened, with its first step.', type: DisputeDto })
  @ApiBadRequestResponse({ description: 'reason is missing, not text, too long or holds control characters.' })
  @ApiForbiddenResponse({ description: 'The caller is the buyer: only the supplier answerable for a penalty disputes it.' })
  @ApiNotFoundResponse({ description: 'No such penalty, or one of other parties (an operator disputes none).' })
  @ApiConflictResponse({
    description: 'The penalty is no longer due, already has an open dispute, or its latest revision was already disputed.',
  })
  openDispute(
    @Req() request: AuthenticatedRequest,
    @Param('penaltyId') penaltyId: string,
    @Body() body: unknown,
  ): Promise<DisputeWithHistory> {
    return takeDisputeStep(this, request.party, {
      kind: 'open',
      penaltyId,
      disputeId: randomUUID(),
      by: request.party,
      at: this.clock.now(),
      reason: reasonOf(body),
    });
  }
}

/** A buyer or supplier reads the penalties of its own agreements; an operator reads all. */
export function penaltyScopeOf(party: Party): PenaltyScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}

const maySeePenalty = (party: Party, penalty: Penalty): boolean => party.kind === 'operator' || maySeeDisputes(party, penalty);
