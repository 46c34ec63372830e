import {
  applyDecorators,
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
import {
  ApiAcceptedResponse,
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
import { AgreementVersion, textProblem } from '@smi/agreements';
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
import {
  AGREEMENT_EXAMPLE,
  AgreementChangeRequestDto,
  AgreementProposalDto,
  AgreementsFileDto,
  AgreementVersionDto,
  AgreementVersionSummaryDto,
  ImportAgreementsRequestDto,
  ImportAnswerDto,
  ProposalDecisionDto,
  ProposalDecisionRequestDto,
  RetireAgreementRequestDto,
} from './agreements.dto';

/** A proposal as the API shows it: with the party whose decision it waits for. */
type ProposalView = AgreementProposalDto;

const AGREEMENT_ID = { name: 'agreementId', description: 'The agreement.', example: 'AGR-ACME-NW-2026' };
const PROPOSAL_ID = { name: 'proposalId', description: 'The proposal.', example: '0b7e4d2a-5c1f-4a8e-9d3b-6f2e1a7c9b40' };
const UNKNOWN_AGREEMENT = { description: 'No such agreement, or one of another pair (it answers the same).' };
const UNKNOWN_PROPOSAL = { description: "No such proposal, or one on another pair's agreement." };
const AMENDED = { ...AGREEMENT_EXAMPLE, lines: [{ ...AGREEMENT_EXAMPLE.lines[0], minimum: 50 }] };
const DECISION_EXAMPLES = {
  accept: { accepted: { summary: 'Accepted with a word', value: { reason: 'Agreed: we add a weekly run to Lyon.' } } },
  reject: { rejected: { summary: 'Rejected', value: { reason: 'A minimum of 50 EA needs a second truck a week; propose 45 EA.' } } },
  withdraw: { withdrawn: { summary: 'Withdrawn', value: { reason: 'Line 3 start moves to May; we will propose again then.' } } },
};
const PROBLEMS = 'Each problem is listed in `problems`, naming the field (for example `lines[0].maximum must be >= minimum`).';

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
@ApiTags('agreements')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
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
  @ApiOperation({
    summary: 'Your agreements, each in its current version',
    description:
      'The current version of each agreement the caller is a party to (an operator: all), with its terms, who changed it last, when, ' +
      'why, and from when it governs.',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'retired'], description: 'Only agreements in this status.' })
  @ApiOkResponse({ description: 'The current version of each agreement.', type: [AgreementVersionDto] })
  @ApiBadRequestResponse({ description: 'status is not active or retired.' })
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<AgreementVersionDto[]> {
    const wanted = optionalQueryChoice(status, 'status', ['active', 'retired'] as const);
    return (await this.versions.latest(scopeOf(request.party))).filter((v) => wanted === undefined || v.status === wanted);
  }

  /** The caller's agreements in force, shaped as the agreements file, for POST /agreements/import. */
  @Get('agreements/export')
  @ApiOperation({
    summary: 'Your agreements in force, as an agreements file',
    description: 'The terms of every active agreement the caller is a party to, shaped as the file POST /agreements/import takes back.',
  })
  @ApiOkResponse({ description: 'The agreements file.', type: AgreementsFileDto })
  async export(@Req() request: AuthenticatedRequest): Promise<AgreementsFileDto> {
    const latest = await this.versions.latest(scopeOf(request.party));
    return { agreements: latest.filter((v) => v.status === 'active').map((v) => v.agreement) };
  }

  /** Proposes every new or changed agreement of the file (202), all or nothing; 200 when nothing changed. */
  @Post('agreements/import')
  @ApiOperation({
    summary: 'Propose every new or changed agreement of a file, all or nothing',
    description:
      'Takes an agreements file (as GET /agreements/export gives) and proposes each agreement that is new or differs from its current ' +
      'version: 202 with the proposals, each waiting for the other party; 200 when nothing changed. Nothing is proposed when any ' +
      'agreement is refused.',
  })
  @ApiBody({
    type: ImportAgreementsRequestDto,
    examples: {
      yearlyReview: {
        summary: 'A yearly review raising a minimum',
        value: { changeReason: 'Yearly review 2026: Lyon raises the brake-pad minimum.', agreements: [AMENDED] },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The proposals made, and the agreements already as written.', type: ImportAnswerDto })
  @ApiOkResponse({ description: 'Nothing changed: no proposal, every agreement listed as unchanged.', type: ImportAnswerDto })
  @ApiBadRequestResponse({
    description: `The body is not { agreements: [...] }, or an agreement's terms are invalid or overlap another's. ${PROBLEMS}`,
  })
  @ApiForbiddenResponse({ description: 'The caller is an operator, or not a side of an agreement in the file.' })
  @ApiConflictResponse({ description: 'An agreement id is taken by another pair, is retired, or already has a pending proposal.' })
  async import(
    @Req() request: AuthenticatedRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<ImportAnswerDto> {
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
  @ApiOperation({
    summary: 'Propose a new agreement to the other party',
    description:
      'The buyer or the supplier proposes a new agreement: the body is the agreement, with changeReason and effectiveFrom (never in ' +
      'the past) beside it. It is checked at once as its acceptance would be (valid terms, known parties, no overlapping line) and ' +
      'takes effect only when the other party accepts it on /agreement-proposals.',
  })
  @ApiBody({
    type: AgreementChangeRequestDto,
    examples: {
      newAgreement: {
        summary: 'A new agreement for one line',
        value: {
          ...AGREEMENT_EXAMPLE,
          agreementId: 'AGR-ACME-NW-2027',
          validFrom: '2027-01-01',
          validTo: '2028-12-31',
          changeReason: 'Renewal for 2027-2028.',
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The proposal, pending, naming who must decide it.', type: AgreementProposalDto })
  @ApiBadRequestResponse({ description: `Invalid terms, an overlapping line, or effectiveFrom in the past. ${PROBLEMS}` })
  @ApiForbiddenResponse({ description: 'The caller is an operator, or not a side of the agreement it proposes.' })
  @ApiConflictResponse({ description: "The agreement id exists already (amend it instead), is another pair's, or has a pending proposal." })
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<ProposalView> {
    const asked = accepted(changeRequestOf(body));
    return this.propose(request.party, { change: 'create', request: asked }, asked.agreement.agreementId, asked.agreement.buyerId);
  }

  /** The current version; `?version=n` for a numbered one, `?on=<ISO>` for the one in force then. */
  @Get('agreements/:agreementId')
  @ApiOperation({
    summary: 'An agreement: its current version, a numbered one, or the one in force at a moment',
    description:
      'The current version; `version=n` for a numbered one; `on=<ISO moment>` for the one that governed then. Only its two parties and operators see it.',
  })
  @ApiParam(AGREEMENT_ID)
  @ApiQuery({ name: 'version', required: false, description: 'A version number (>= 1); not with on.', example: 1 })
  @ApiQuery({
    name: 'on',
    required: false,
    description: 'An ISO-8601 day or timestamp with zone; not with version.',
    example: '2026-02-15T00:00:00Z',
  })
  @ApiOkResponse({ description: 'The version asked.', type: AgreementVersionDto })
  @ApiBadRequestResponse({ description: 'version is not a whole number >= 1, on is not an ISO moment, or both are given.' })
  @ApiNotFoundResponse({ description: 'No such agreement (or one of another pair), no such version, or none in force at that moment.' })
  async get(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Query('version') version?: unknown,
    @Query('on') on?: unknown,
  ): Promise<AgreementVersionDto> {
    const ask = accepted(versionAskOf({ version, on }));
    const found = versionAsked(agreementId, await this.readableHistory(request.party, agreementId), ask);
    if (typeof found === 'string') throw new NotFoundException(found);
    return found;
  }

  /** Who changed the agreement, when, why, and from when each version governs. */
  @Get('agreements/:agreementId/versions')
  @ApiOperation({
    summary: "An agreement's history: who changed it, when, why, and from when each version governs",
    description: 'Every version, oldest first, without the terms (read one with GET /agreements/{agreementId}?version=n).',
  })
  @ApiParam(AGREEMENT_ID)
  @ApiOkResponse({ description: 'The versions, oldest first.', type: [AgreementVersionSummaryDto] })
  @ApiNotFoundResponse(UNKNOWN_AGREEMENT)
  async history(@Req() request: AuthenticatedRequest, @Param('agreementId') agreementId: string): Promise<AgreementVersionSummaryDto[]> {
    const history = await this.readableHistory(request.party, agreementId);
    return history.map(({ agreement, ...version }) => ({ agreementId: agreement.agreementId, ...version }));
  }

  /** Every proposal made on the agreement (a new one's included, before it exists), oldest first, with its decision. */
  @Get('agreements/:agreementId/proposals')
  @ApiOperation({
    summary: 'Every proposal made on an agreement, with its decision',
    description: "Oldest first, a new agreement's included before it exists; each with who proposed it, why, and how it was decided.",
  })
  @ApiParam(AGREEMENT_ID)
  @ApiOkResponse({ description: 'The proposals, oldest first.', type: [AgreementProposalDto] })
  @ApiNotFoundResponse(UNKNOWN_AGREEMENT)
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
  @ApiOperation({
    summary: 'Propose an amendment; terms you may tune alone take effect at once',
    description:
      'The body is the whole new agreement, with changeReason (required), effectiveFrom (default: on acceptance; never in the past) ' +
      'and expectedVersion (the version you read). 202 with the proposal, which waits for the other party; 200 with it accepted when ' +
      'it changes only terms the agreement lets the caller tune alone (tunableAlone), within their bounds.',
  })
  @ApiParam(AGREEMENT_ID)
  @ApiBody({
    type: AgreementChangeRequestDto,
    examples: {
      raiseMinimum: {
        summary: 'Raise a minimum from March',
        value: {
          ...AMENDED,
          changeReason: 'Lyon raises brake-pad minimum to 50 EA for the new line 3.',
          effectiveFrom: '2026-03-01',
          expectedVersion: 1,
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The proposal, pending, naming who must decide it.', type: AgreementProposalDto })
  @ApiOkResponse({
    description: "Accepted at once under the agreement's tunableAlone rule (acceptedVersion names the new version).",
    type: AgreementProposalDto,
  })
  @ApiBadRequestResponse({
    description: `changeReason is missing, the terms are invalid or overlap another line, or effectiveFrom is in the past. ${PROBLEMS}`,
  })
  @ApiForbiddenResponse({ description: 'The caller is an operator, or the change moves the agreement to other parties.' })
  @ApiNotFoundResponse(UNKNOWN_AGREEMENT)
  @ApiConflictResponse({ description: 'The agreement is retired, is at another version than expectedVersion, or has a pending proposal.' })
  async amend(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<AgreementProposalDto> {
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
  @ApiOperation({
    summary: 'Propose to retire an agreement',
    description:
      'From effectiveFrom (default: on acceptance; never in the past) the agreement governs nothing: no order is planned under it. ' +
      'Body: reason (required), effectiveFrom, expectedVersion. Takes effect when the other party accepts it.',
  })
  @ApiParam(AGREEMENT_ID)
  @ApiBody({
    type: RetireAgreementRequestDto,
    examples: {
      plantCloses: {
        summary: 'A plant closes',
        value: {
          reason: 'Plant Turin closes at the end of June; Lyon is covered by the 2027 agreement.',
          effectiveFrom: '2026-07-01',
          expectedVersion: 2,
        },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The retirement proposal, pending.', type: AgreementProposalDto })
  @ApiBadRequestResponse({
    description: `reason is missing, a field is unknown, or effectiveFrom is not an ISO moment or is in the past. ${PROBLEMS}`,
  })
  @ApiForbiddenResponse({ description: 'The caller is an operator.' })
  @ApiNotFoundResponse(UNKNOWN_AGREEMENT)
  @ApiConflictResponse({
    description: 'The agreement is already retired, is at another version than expectedVersion, or has a pending proposal.',
  })
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
  @ApiOperation({
    summary: 'Proposals on your agreements, the pending ones unless you ask for others',
    description:
      "The proposals on the caller's agreements (an operator: all), pending ones unless `status` asks otherwise; `awaiting` names who must decide.",
  })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['pending', 'accepted', 'rejected', 'withdrawn'],
    description: 'Which proposals; default pending.',
  })
  @ApiOkResponse({ description: 'The proposals.', type: [AgreementProposalDto] })
  @ApiBadRequestResponse({ description: 'status is not pending, accepted, rejected or withdrawn.' })
  async proposalList(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<ProposalView[]> {
    const wanted = optionalQueryChoice(status, 'status', ['pending', 'accepted', 'rejected', 'withdrawn'] as const) ?? 'pending';
    return (await this.proposals.list(scopeOf(request.party), wanted)).map(viewOf);
  }

  @Get('agreement-proposals/:proposalId')
  @ApiOperation({
    summary: 'One proposal with its terms and decision',
    description: 'The proposal, its terms, who proposed it and why, and how it was decided (or who must decide it).',
  })
  @ApiParam(PROPOSAL_ID)
  @ApiOkResponse({ description: 'The proposal.', type: AgreementProposalDto })
  @ApiNotFoundResponse(UNKNOWN_PROPOSAL)
  async proposal(@Req() request: AuthenticatedRequest, @Param('proposalId') proposalId: string): Promise<ProposalView> {
    const proposal = await this.proposals.find(proposalId);
    if (!proposal || !isPartyTo(request.party, proposal.agreement)) throw new NotFoundException(`proposal ${proposalId} is not known`);
    return viewOf(proposal);
  }

  /** Accepts: the change takes effect, never before now. Body: reason (optional). */
  @Post('agreement-proposals/:proposalId/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept a proposal: the change takes effect',
    description:
      'The other party accepts: the next version of the agreement is recorded and published on smi.agreements.v1, governing from the ' +
      "proposal's effectiveFrom, never before now. Body: reason (optional).",
  })
  @ProposalDecision('accept')
  async accept(
    @Req() request: AuthenticatedRequest,
    @Param('proposalId') proposalId: string,
    @Body() body: unknown,
  ): Promise<ProposalDecisionDto> {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'accept')));
  }

  /** Rejects: nothing changes. Body: reason (required). */
  @Post('agreement-proposals/:proposalId/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject a proposal: nothing changes',
    description: 'The other party rejects the proposal, saying why (required); the agreement stays as it is.',
  })
  @ProposalDecision('reject')
  async reject(
    @Req() request: AuthenticatedRequest,
    @Param('proposalId') proposalId: string,
    @Body() body: unknown,
  ): Promise<ProposalDecisionDto> {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'reject')));
  }

  /** Withdraws one's own proposal: nothing changes. Body: reason (required). */
  @Post('agreement-proposals/:proposalId/withdraw')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Withdraw your own proposal: nothing changes',
    description: 'The proposer takes its pending proposal back, saying why (required).',
  })
  @ProposalDecision('withdraw')
  async withdraw(
    @Req() request: AuthenticatedRequest,
    @Param('proposalId') proposalId: string,
    @Body() body: unknown,
  ): Promise<ProposalDecisionDto> {
    return this.decide(request.party, proposalId, accepted(decisionRequestOf(body, 'withdraw')));
  }

  private async decide(party: Party, proposalId: string, decision: ProposalDecision): Promise<ProposalDecisionDto> {
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

/** What a decision on a proposal takes and answers, accept, reject and withdraw alike. */
function ProposalDecision(kind: ProposalDecision['kind']): MethodDecorator {
  return applyDecorators(
    ApiParam(PROPOSAL_ID),
    ApiBody({ type: ProposalDecisionRequestDto, required: kind !== 'accept', examples: DECISION_EXAMPLES[kind] }),
    ApiOkResponse({
      description:
        kind === 'accept'
          ? 'The proposal, accepted, and the version it made.'
          : `The proposal, ${kind === 'reject' ? 'rejected' : 'withdrawn'}.`,
      type: ProposalDecisionDto,
    }),
    ApiBadRequestResponse({
      description:
        kind === 'accept'
          ? 'A field other than reason, or reason is not sound text.'
          : 'reason is missing or not sound text, or a field other than reason.',
    }),
    ApiForbiddenResponse({
      description:
        kind === 'withdraw'
          ? 'The caller is not the proposer (the other party accepts or rejects), or is an operator.'
          : 'The caller made the proposal (only the other party decides; it may withdraw), or is an operator.',
    }),
    ApiNotFoundResponse(UNKNOWN_PROPOSAL),
    ApiConflictResponse({
      description:
        'The proposal is no longer pending, or (accepting) can no longer take effect as proposed: the agreement changed meanwhile.',
    }),
  );
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
