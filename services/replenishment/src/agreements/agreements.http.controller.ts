import {
  Body,
  Controller,
  Get,
  HttpCode,
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
import { Agreement, AgreementVersion, textProblem } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice, Party, PartyDirectory } from '@smi/service-kit';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isPartyTo, unknownAgreement } from './agreement-access';
import { Refusal } from './agreement-changes';
import {
  AgreementProposal,
  awaitingOf,
  Consent,
  decideProposal,
  ProposalAsk,
  ProposalDecision,
  proposeChange,
  proposeImport,
} from './agreement-consent';
import { versionAsked, versionAskOf } from './agreement-lookup';
import { RecordAgreementChanges } from './record-agreement-changes.use-case';
import { changeRequestOf, decisionRequestOf, importRequestOf, Parsed, retireRequestOf } from './agreement-request';
import { AgreementProposalsRepository } from './agreement-proposals.repository';
import { AgreementScope, AgreementVersionsRepository } from './agreement-versions.repository';

type VersionSummary = Omit<AgreementVersion, 'agreement'> & { agreementId: string };
/** A proposal as the API shows it: with the party whose decision it waits for. */
type ProposalView = AgreementProposal & { awaiting?: string };

/**
 * Agreements between a buyer and a supplier, as versioned contracts: read (any
 * version, or the one in force at a moment), export, and propose a new one, an
 * amendment or a retirement (202: a proposal, which takes effect only when the
 * other party accepts it). Proposals are decided on /agreement-proposals by the
 * other party: `accept` makes the next version of the agreement (published on the
 * agreements topic) and answers it; `reject` and, by the proposer, `withdraw` end
 * the proposal with a reason. Only the two parties of an agreement see it or its
 * proposals; for anyone else they do not exist (404). An operator sees all and
 * proposes, accepts or rejects nothing.
 */
@Controller()
export class AgreementsHttpController {
  constructor(
    private readonly versions: AgreementVersionsRepository,
    private readonly proposals: AgreementProposalsRepository,
    private readonly recordChanges: RecordAgreementChanges,
    private readonly parties: PartyDirectory,
    private readonly clock: BusinessClock,
  ) {}

  /** The current version of each agreement the caller is a party to. */
  @Get('agreements')
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<AgreementVersion[]> {
    const wanted = optionalQueryChoice(status, 'status', ['active', 'retired'] as const);
    return (await this.versions.latest(scopeOf(request.party))).filter((v) => wanted === undefined || v.status === wanted);
  }

  /** The caller's agreements in force, shaped as the agreements file, for POST /agreements/import. */
  @Get('agreements/export')
  async export(@Req() request: AuthenticatedRequest): Promise<{ agreements: Agreement[] }> {
    const latest = await this.versions.latest(scopeOf(request.party));
    return { agreements: latest.filter((v) => v.status === 'active').map((v) => v.agreement) };
  }

  /** Proposes every new or changed agreement of the file (202), all or nothing; 200 when nothing changed. */
  @Post('agreements/import')
  async import(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<{ proposals: ProposalView[]; unchanged: string[] }> {
    const asked = accepted(importRequestOf(body));
    const ids = asked.agreements.map((a) => a?.agreementId).filter((id): id is string => typeof id === 'string');
    const buyers = asked.agreements.map((a) => a?.buyerId).filter((id): id is string => typeof id === 'string');
    const change = await this.recordChanges.execute(async (manager) => {
      const histories = await this.versions.histories(ids, manager);
      return proposeImport(asked, {
        by: request.party,
        now: this.clock.now(),
        others: await this.versions.versionsOfBuyers(manager, buyers),
        partyKindOf: this.partyKindOf,
        historyOf: (id) => histories.get(id) ?? [],
        proposalIds: randomUUID,
        pending: await this.proposals.pendingOn(ids, manager),
      });
    });
    const proposals = recorded(change).steps.map((s) => viewOf(s.proposal));
    response.status(proposals.length > 0 ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return { proposals, unchanged: change.kind === 'recorded' ? (change.unchanged ?? []) : [] };
  }

  /** Proposes a new agreement: the body is the agreement, with changeReason and effectiveFrom (never in the past) beside it. */
  @Post('agreements')
  @HttpCode(HttpStatus.ACCEPTED)
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<ProposalView> {
    const asked = accepted(changeRequestOf(body));
    return this.propose(request.party, { change: 'create', request: asked }, asked.agreement.agreementId, asked.agreement.buyerId);
  }

  /** The current version; `?version=n` for a numbered one, `?on=<ISO>` for the one in force then. */
  @Get('agreements/:agreementId')
  async get(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Query('version') version?: unknown,
    @Query('on') on?: unknown,
  ): Promise<AgreementVersion> {
    const ask = accepted(versionAskOf({ version, on }));
    const found = versionAsked(agreementId, await this.readableHistory(request.party, agreementId), ask);
    if (typeof found === 'string') throw new NotFoundException(found);
    return found;
  }

  /** Who changed the agreement, when, why, and from when each version governs. */
  @Get('agreements/:agreementId/versions')
  async history(@Req() request: AuthenticatedRequest, @Param('agreementId') agreementId: string): Promise<VersionSummary[]> {
    const history = await this.readableHistory(request.party, agreementId);
    return history.map(({ agreement, ...version }) => ({ agreementId: agreement.agreementId, ...version }));
  }

  /** Every proposal made on the agreement (a new one's included, before it exists), oldest first, with its decision. */
  @Get('agreements/:agreementId/proposals')
  async proposalsOf(@Req() request: AuthenticatedRequest, @Param('agreementId') agreementId: string): Promise<ProposalView[]> {
    const proposals = await this.proposals.ofAgreement(agreementId);
    const parties = (await this.versions.history(agreementId)).at(-1)?.agreement ?? proposals.at(-1)?.agreement;
    if (!parties || !isPartyTo(request.party, parties)) throw new NotFoundException(`agreement ${agreementId} is not known`);
    return proposals.filter((p) => isPartyTo(request.party, p.agreement)).map(viewOf);
  }

  /**
   * Proposes an amendment: the body is the whole new agreement, with changeReason (required), effectiveFrom (default: on
   * acceptance; never in the past) and expectedVersion. 202 with the proposal; 200 with it accepted when it changes only
   * terms the agreement lets the caller tune alone, within their bounds.
   */
  @Put('agreements/:agreementId')
  async amend(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<ProposalView> {
    const proposal = await this.propose(
      request.party,
      { change: 'amend', agreementId, request: accepted(changeRequestOf(body)) },
      agreementId,
    );
    response.status(proposal.status === 'accepted' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return proposal;
  }

  /** Proposes a retirement: from effectiveFrom (default: on acceptance) the agreement governs nothing. Body: reason (required), effectiveFrom, expectedVersion. */
  @Post('agreements/:agreementId/retire')
  @HttpCode(HttpStatus.ACCEPTED)
  async retire(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Body() body: unknown,
  ): Promise<ProposalView> {
    return this.propose(request.party, { change: 'retire', agreementId, request: accepted(retireRequestOf(body)) }, agreementId);
  }

  private async propose(party: Party, ask: ProposalAsk, agreementId: unknown, buyerId?: unknown): Promise<ProposalView> {
    const change = await this.recordChanges.execute(async (manager) => {
      const id = storableId(agreementId);
      const history = id === undefined ? [] : await this.versions.history(id, manager);
      return proposeChange(ask, {
        by: party,
        now: this.clock.now(),
        history,
        others: await this.othersOf(manager, history.at(-1)?.agreement.buyerId ?? storableId(buyerId)),
        partyKindOf: this.partyKindOf,
        proposalId: randomUUID(),
        pending: id === undefined ? [] : await this.proposals.pendingOn([id], manager),
      });
    });
    // The last step: the proposal, or its acceptance under a rule the agreement states.
    return viewOf(recorded(change).steps.at(-1)!.proposal);
  }

  private othersOf(manager: EntityManager, buyerId: unknown): Promise<AgreementVersion[]> {
    return typeof buyerId === 'string' ? this.versions.versionsOfBuyers(manager, [buyerId]) : Promise.resolve([]);
  }

  private readonly partyKindOf = (partyId: string): Party['kind'] | undefined => this.parties.party(partyId)?.kind;

  private async readableHistory(party: Party, agreementId: string): Promise<AgreementVersion[]> {
    const history = await this.versions.history(agreementId);
    const current = history.at(-1);
    // Another pair's agreement answers as one that does not exist.
    if (!current || !isPartyTo(party, current.agreement)) throw new NotFoundException(unknownAgreement(agreementId));
    return history;
  }

  /** The proposals on the caller's agreements, pending ones unless `?status=` asks otherwise; `awaiting` names who must decide. */
  @Get('agreement-proposals')
  async proposalList(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<ProposalView[]> {
    const wanted = optionalQueryChoice(status, 'status', ['pending', 'accepted', 'rejected', 'withdrawn'] as const) ?? 'pending';
    return (await this.proposals.list(scopeOf(request.party), wanted)).map(viewOf);
  }

  @Get('agreement-proposals/:proposalId')
  async proposal(@Req() request: AuthenticatedRequest, @Param('proposalId') proposalId: string): Promise<ProposalView> {
    const proposal = await this.proposals.find(proposalId);
    if (!proposal || !isPartyTo(request.party, proposal.agreement)) throw new NotFoundException(`proposal ${proposalId} is not known`);
    return viewOf(proposal);
  }

  /** Accepts: the change takes effect, never before now. Body: reason (optional). */
  @Post('agreement-proposals/:proposalId/accept')
  @HttpCode(HttpStatus.OK)
  async accept(@Req() request: AuthenticatedRequest, @Param('proposalId') proposalId: string, @Body() body: unknown) {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'accept')));
  }

  /** Rejects: nothing changes. Body: reason (required). */
  @Post('agreement-proposals/:proposalId/reject')
  @HttpCode(HttpStatus.OK)
  async reject(@Req() request: AuthenticatedRequest, @Param('proposalId') proposalId: string, @Body() body: unknown) {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'reject')));
  }

  /** Withdraws one's own proposal: nothing changes. Body: reason (required). */
  @Post('agreement-proposals/:proposalId/withdraw')
  @HttpCode(HttpStatus.OK)
  async withdraw(@Req() request: AuthenticatedRequest, @Param('proposalId') proposalId: string, @Body() body: unknown) {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'withdraw')));
  }

  private async decide(
    party: Party,
    proposalId: string,
    decision: ProposalDecision,
  ): Promise<{ proposal: ProposalView; version?: AgreementVersion }> {
    const change = await this.recordChanges.execute(async (manager) => {
      const proposal = await this.proposals.find(proposalId, manager);
      const history = proposal ? await this.versions.history(proposal.agreementId, manager) : [];
      const others = proposal ? await this.versions.versionsOfBuyers(manager, [proposal.agreement.buyerId]) : [];
      return decideProposal(proposalId, proposal, decision, {
        by: party,
        now: this.clock.now(),
        history,
        others,
        partyKindOf: this.partyKindOf,
      });
    });
    const [step] = recorded(change).steps;
    return { proposal: viewOf(step.proposal), ...(step.version ? { version: step.version } : {}) };
  }
}

function viewOf(proposal: AgreementProposal): ProposalView {
  const awaiting = awaitingOf(proposal);
  return awaiting === undefined ? proposal : { ...proposal, awaiting };
}

function scopeOf(party: Party): AgreementScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}

const ERRORS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

/**
 * An id the database can be asked about, else undefined: one it cannot store (a NUL byte) would fail the
 * query with a 500, while the proposal's own check then refuses it with a 400 naming the field.
 */
function storableId(id: unknown): string | undefined {
  return typeof id === 'string' && textProblem(id, 'id') === undefined ? id : undefined;
}

/** Every problem in the answer: `message` joined for people, `problems` listed for programs. */
function problemsAnswer(status: number, problems: string[]): HttpException {
  return new HttpException({ statusCode: status, error: ERRORS[status], message: problems.join('; '), problems }, status);
}

function accepted<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw problemsAnswer(HttpStatus.BAD_REQUEST, parsed.problems);
  return parsed.request;
}

function recorded<T extends Consent>(change: T | Refusal): Extract<T, { kind: 'recorded' }> {
  if (change.kind === 'refused') throw problemsAnswer(change.status, change.problems);
  return change as Extract<T, { kind: 'recorded' }>;
}
