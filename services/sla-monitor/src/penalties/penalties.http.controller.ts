import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { Penalty } from '@smi/contracts';
import { AuthenticatedRequest, BusinessClock, optionalQueryText, Party } from '@smi/service-kit';
import { randomUUID } from 'node:crypto';
import { disputeScopeOf, reasonOf, takeDisputeStep } from '../disputes/disputes.http.controller';
import { TakeDisputeSteps } from '../disputes/take-dispute-steps.use-case';
import { UnitOfWork } from '@smi/messaging';
import { DisputesRepository, DisputeWithHistory } from '../disputes/disputes.repository';
import { maySeeDisputes, unknownPenalty } from '../disputes/penalty-dispute';
import { isPeriod } from '../stockouts/sla-period';
import { PenaltiesRepository, PenaltyScope } from './penalties.repository';

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
  list(
    @Req() request: AuthenticatedRequest,
    @Query('period') period?: unknown,
    @Query('agreementId') agreementId?: unknown,
  ): Promise<Penalty[]> {
    const month = optionalQueryText(period, 'period');
    if (month !== undefined && !isPeriod(month)) throw new BadRequestException(`period must be YYYY-MM (got ${month})`);
    return this.penalties.list(penaltyScopeOf(request.party), {
      period: month,
      agreementId: optionalQueryText(agreementId, 'agreementId'),
    });
  }

  @Get(':penaltyId')
  async get(@Req() request: AuthenticatedRequest, @Param('penaltyId') penaltyId: string): Promise<PenaltyRecord> {
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
