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
} from '@nestjs/common';
import { Agreement, AgreementVersion } from '@smi/agreements';
import { AuthenticatedRequest, optionalQueryChoice, Party } from '@smi/service-kit';
import { isPartyTo, unknownAgreement } from './agreement-access';
import { amendAgreement, Change, createAgreement, importAgreements, ImportOutcome, retireAgreement } from './agreement-changes';
import { versionAsked, versionAskOf } from './agreement-lookup';
import { RecordAgreementChanges } from './record-agreement-changes.use-case';
import { changeRequestOf, importRequestOf, Parsed, retireRequestOf } from './agreement-request';
import { AgreementScope, AgreementVersionsRepository } from './agreement-versions.repository';

type VersionSummary = Omit<AgreementVersion, 'agreement'> & { agreementId: string };

/**
 * Agreements between a buyer and a supplier, as versioned contracts: create,
 * read (any version, or the one in force at a moment), amend, retire, import
 * and export. Only the two parties of an agreement see or change it (to another
 * party it answers 404, as one that does not exist); an operator sees and changes all. Every
 * change is a new version, published on the agreements topic.
 */
@Controller('agreements')
export class AgreementsHttpController {
  constructor(
    private readonly versions: AgreementVersionsRepository,
    private readonly recordChanges: RecordAgreementChanges,
  ) {}

  /** The current version of each agreement the caller is a party to. */
  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<AgreementVersion[]> {
    const wanted = optionalQueryChoice(status, 'status', ['active', 'retired'] as const);
    return (await this.versions.latest(scopeOf(request.party))).filter((v) => wanted === undefined || v.status === wanted);
  }

  /** The caller's agreements in force, shaped as the agreements file, for POST /agreements/import. */
  @Get('export')
  async export(@Req() request: AuthenticatedRequest): Promise<{ agreements: Agreement[] }> {
    const latest = await this.versions.latest(scopeOf(request.party));
    return { agreements: latest.filter((v) => v.status === 'active').map((v) => v.agreement) };
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  async import(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<ImportOutcome> {
    const asked = accepted(importRequestOf(body));
    const ids = asked.agreements.map((a) => a?.agreementId).filter((id): id is string => typeof id === 'string');
    const buyers = asked.agreements.map((a) => a?.buyerId).filter((id): id is string => typeof id === 'string');
    const change = await this.recordChanges.execute(async (manager) => {
      const histories = await this.versions.histories(ids, manager);
      const others = await this.versions.versionsOfBuyers(manager, buyers);
      return importAgreements(asked, { by: request.party, now: new Date(), others, historyOf: (id) => histories.get(id) ?? [] });
    });
    recorded(change);
    return change.outcome!;
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  async create(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<AgreementVersion> {
    const asked = accepted(changeRequestOf(body));
    const { agreementId, buyerId } = asked.agreement;
    const change = await this.recordChanges.execute(async (manager) =>
      createAgreement(asked, {
        by: request.party,
        now: new Date(),
        history: typeof agreementId === 'string' ? await this.versions.history(agreementId, manager) : [],
        others: typeof buyerId === 'string' ? await this.versions.versionsOfBuyers(manager, [buyerId]) : [],
      }),
    );
    return recorded(change)[0];
  }

  /** The current version; `?version=n` for a numbered one, `?on=<ISO>` for the one in force then. */
  @Get(':agreementId')
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
  @Get(':agreementId/versions')
  async history(@Req() request: AuthenticatedRequest, @Param('agreementId') agreementId: string): Promise<VersionSummary[]> {
    const history = await this.readableHistory(request.party, agreementId);
    return history.map(({ agreement, ...version }) => ({ agreementId: agreement.agreementId, ...version }));
  }

  /** Amends: the body is the whole new agreement, with changeReason (required), effectiveFrom (default now) and expectedVersion (optional). */
  @Put(':agreementId')
  async amend(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Body() body: unknown,
  ): Promise<AgreementVersion> {
    const asked = accepted(changeRequestOf(body));
    const change = await this.recordChanges.execute(async (manager) => {
      const history = await this.versions.history(agreementId, manager);
      const buyerId = history.at(-1)?.agreement.buyerId;
      const others = buyerId === undefined ? [] : await this.versions.versionsOfBuyers(manager, [buyerId]);
      return amendAgreement(agreementId, asked, { by: request.party, now: new Date(), history, others });
    });
    return recorded(change)[0];
  }

  /** Retires: from effectiveFrom (default now) the agreement governs nothing. Body: reason (required), effectiveFrom, expectedVersion. */
  @Post(':agreementId/retire')
  @HttpCode(HttpStatus.OK)
  async retire(
    @Req() request: AuthenticatedRequest,
    @Param('agreementId') agreementId: string,
    @Body() body: unknown,
  ): Promise<AgreementVersion> {
    const asked = accepted(retireRequestOf(body));
    const change = await this.recordChanges.execute(async (manager) =>
      retireAgreement(agreementId, asked, {
        by: request.party,
        now: new Date(),
        history: await this.versions.history(agreementId, manager),
        others: [],
      }),
    );
    return recorded(change)[0];
  }

  private async readableHistory(party: Party, agreementId: string): Promise<AgreementVersion[]> {
    const history = await this.versions.history(agreementId);
    const current = history.at(-1);
    // Another pair's agreement answers as one that does not exist.
    if (!current || !isPartyTo(party, current.agreement)) throw new NotFoundException(unknownAgreement(agreementId));
    return history;
  }
}

function scopeOf(party: Party): AgreementScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}

const ERRORS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' };

/** Every problem in the answer: `message` joined for people, `problems` listed for programs. */
function problemsAnswer(status: number, problems: string[]): HttpException {
  return new HttpException({ statusCode: status, error: ERRORS[status], message: problems.join('; '), problems }, status);
}

function accepted<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw problemsAnswer(HttpStatus.BAD_REQUEST, parsed.problems);
  return parsed.request;
}

function recorded(change: Change): AgreementVersion[] {
  if (change.kind === 'refused') throw problemsAnswer(change.status, change.problems);
  return change.versions;
}
