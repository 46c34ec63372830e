import { Agreement, agreementProblems, AgreementVersion, canonicalAgreement, overlappingLines } from '@smi/agreements';
import { Caller, isPartyTo, refusalFor, unknownAgreement } from './agreement-access';
import { ChangeRequest, ImportRequest, RetireRequest } from './agreement-request';
import { tunableProblems } from './agreement-tuning';

/**
 * The rules of changing an agreement: each change makes the next version, says
 * who made it, when and why, and governs from its effectiveFrom. What a change
 * is refused for is said with the HTTP status the API answers with.
 */
export type Change = { kind: 'recorded'; versions: AgreementVersion[] } | Refusal;
export interface Refusal {
  kind: 'refused';
  status: 400 | 403 | 404 | 409;
  problems: string[];
}

export interface ImportOutcome {
  created: string[];
  amended: string[];
  unchanged: string[];
}

/** What a change is decided against: who asks, when, and the versions on file. */
export interface ChangeContext {
  by: Caller;
  now: Date;
  /** Every version of the agreement changed, oldest first (empty for a new one). */
  history: readonly AgreementVersion[];
  /** Every version of the other agreements of the buyers concerned: a new line may not overlap theirs. */
  others: readonly AgreementVersion[];
  /** The kind of a party known to the platform (its parties file), undefined for an unknown id. */
  partyKindOf: (partyId: string) => Caller['kind'] | undefined;
}

const refused = (status: Refusal['status'], problems: string[]): Refusal => ({ kind: 'refused', status, problems });

export function createAgreement(request: ChangeRequest, context: ChangeContext): Change {
  const { agreement } = request;
  const problems = [...agreementProblems(agreement), ...tunableProblems(agreement), ...unknownParties(agreement, context.partyKindOf)];
  if (problems.length > 0) return refused(400, problems);
  if (!isPartyTo(context.by, agreement)) {
    // Names no party but the caller: the ids in the body may be another pair's.
    return refused(403, [`${context.by.id} may only create agreements it is a side of`]);
  }
  const current = context.history.at(-1);
  if (current && !isPartyTo(context.by, current.agreement)) return refused(409, [idTaken(agreement.agreementId)]);
  if (current)
    return refused(409, [
      `agreement ${agreement.agreementId} already exists (version ${current.version}); amend it with PUT /agreements/${agreement.agreementId}`,
    ]);
  const effectiveFrom = request.effectiveFrom ?? firstEffectiveFrom(agreement, context.now);
  if (request.effectiveFrom !== undefined && request.effectiveFrom < context.now.toISOString()) {
    return refused(400, [pastProblem(agreement.agreementId, request.effectiveFrom, context.now)]);
  }
  return checked(versionOf(agreement, 1, effectiveFrom, request.changeReason ?? 'created', context), context.others);
}

export function amendAgreement(agreementId: string, request: ChangeRequest, context: ChangeContext): Change {
  const found = changeable(agreementId, context.history, 'amend', request.expectedVersion, context.by);
  if (found.kind === 'refused') return found;
  const { current } = found;
  const agreement: Agreement = { ...request.agreement, agreementId: request.agreement.agreementId ?? agreementId };
  const problems = [
    ...(agreement.agreementId === agreementId
      ? []
      : [`agreementId must be ${agreementId}, the agreement amended (got ${agreement.agreementId})`]),
    ...(request.changeReason ? [] : [`${agreementId}: changeReason is required: say why the agreement changes`]),
    ...agreementProblems(agreement),
    ...tunableProblems(agreement),
    ...partyChanges(current.agreement, agreement),
  ];
  const effectiveFrom = effectiveFromOf(request.effectiveFrom, current, context.now, problems);
  if (problems.length > 0) return refused(400, problems);
  return checked(versionOf(agreement, current.version + 1, effectiveFrom, request.changeReason!, context), context.others);
}

export function retireAgreement(agreementId: string, request: RetireRequest, context: ChangeContext): Change {
  const found = changeable(agreementId, context.history, 'retire', request.expectedVersion, context.by);
  if (found.kind === 'refused') return found;
  const { current } = found;
  const problems: string[] = [];
  const effectiveFrom = effectiveFromOf(request.effectiveFrom, current, context.now, problems);
  if (problems.length > 0) return refused(400, problems);
  return {
    kind: 'recorded',
    versions: [{ ...versionOf(current.agreement, current.version + 1, effectiveFrom, request.reason, context), status: 'retired' }],
  };
}

/**
 * Imports agreements all or nothing: a new one becomes version 1, a changed one
 * the next version (effective now), an identical one stays as it is. Refused
 * with every problem at once, so one corrected file goes through.
 */
export function importAgreements(
  request: ImportRequest,
  context: Omit<ChangeContext, 'history'> & { historyOf: (agreementId: string) => readonly AgreementVersion[] },
): Change & { outcome?: ImportOutcome } {
  const problems: string[] = [];
  const denied: string[] = [];
  const versions: AgreementVersion[] = [];
  const outcome: ImportOutcome = { created: [], amended: [], unchanged: [] };
  const seen = new Set<string>();
  const reason = request.changeReason ?? 'imported';
  request.agreements.forEach((agreement, i) => {
    const found = agreementProblems(
      agreement,
      typeof agreement?.agreementId === 'string' && agreement.agreementId ? agreement.agreementId : `agreements[${i}]`,
    );
    const unknown = [...tunableProblems(agreement), ...unknownParties(agreement, context.partyKindOf)];
    if (found.length + unknown.length > 0) return problems.push(...found, ...unknown);
    const id = agreement.agreementId;
    if (seen.has(id)) return problems.push(`agreements[${i}]: agreement ${id} appears more than once`);
    seen.add(id);
    const current = context.historyOf(id).at(-1);
    if (!isPartyTo(context.by, agreement)) return denied.push(`${id}: a party may only import agreements it is a side of`);
    if (current && !isPartyTo(context.by, current.agreement)) return problems.push(idTaken(id));
    if (!current) {
      versions.push(versionOf(agreement, 1, firstEffectiveFrom(agreement, context.now), reason, context));
      return outcome.created.push(id);
    }
    if (current.status === 'retired') return problems.push(`${id}: was retired in version ${current.version}; it cannot be imported again`);
    if (sameTerms(current.agreement, agreement)) return outcome.unchanged.push(id);
    const changes = partyChanges(current.agreement, agreement);
    if (changes.length > 0) return problems.push(...changes);
    versions.push(versionOf(agreement, current.version + 1, effectiveFromOf(undefined, current, context.now, problems), reason, context));
    outcome.amended.push(id);
  });
  if (denied.length > 0) return refused(403, denied);
  if (problems.length > 0) return refused(400, problems);
  // Each imported agreement against those on file and those before it in the file, so a clash is told once.
  const overlaps = versions.flatMap((version, i) => overlappingLines(version, [...context.others, ...versions.slice(0, i)]));
  if (overlaps.length > 0) return refused(400, overlaps);
  return { kind: 'recorded', versions, outcome };
}

/** Another pair's agreement under the id asked: the caller learns the id is taken, nothing about theirs. */
export const idTaken = (agreementId: string): string => `agreement id ${agreementId} is already taken; choose another`;

/** Whether two agreements say the same once written the one way every service reads them. */
export const sameTerms = (a: Agreement, b: Agreement): boolean =>
  JSON.stringify(canonicalAgreement(a)) === JSON.stringify(canonicalAgreement(b));

/** The current version, when the caller may change it and it can still change. */
function changeable(
  agreementId: string,
  history: readonly AgreementVersion[],
  action: string,
  expectedVersion: number | undefined,
  by: Caller,
): { kind: 'changeable'; current: AgreementVersion } | Refusal {
  const current = history.at(-1);
  // Another pair's agreement answers as one that does not exist.
  if (!current || refusalFor(by, current.agreement)) return refused(404, [unknownAgreement(agreementId)]);
  if (current.status === 'retired')
    return refused(409, [`agreement ${agreementId} was retired in version ${current.version}; it cannot be changed`]);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return refused(409, [
      `agreement ${agreementId} is at version ${current.version}, not the expected ${expectedVersion}: read it again and reapply the change`,
    ]);
  }
  return { kind: 'changeable', current };
}

/** The parties are what an agreement is; another pair makes another agreement. */
function partyChanges(current: Agreement, next: Agreement): string[] {
  return (['buyerId', 'supplierId'] as const)
    .filter((field) => next[field] !== current[field])
    .map((field) => `${current.agreementId}: ${field} cannot change (it is ${current[field]}); retire this agreement and create another`);
}

/**
 * Both sides must be parties the platform knows, each in its role: an agreement
 * binds a real buyer and a real supplier. The message names the field, never
 * what the id is instead (another party's kind is not the caller's business).
 */
export function unknownParties(agreement: Agreement, partyKindOf: ChangeContext['partyKindOf']): string[] {
  return (['buyerId', 'supplierId'] as const)
    .filter(
      (field) => typeof agreement[field] === 'string' && partyKindOf(agreement[field]) !== (field === 'buyerId' ? 'buyer' : 'supplier'),
    )
    .map((field) => `${agreement.agreementId}: ${field} must name a ${field === 'buyerId' ? 'buyer' : 'supplier'} known to the platform`);
}

/**
 * From when a new agreement governs: its first valid day, or now when that day
 * has passed, since no version may govern before it was agreed.
 */
export function firstEffectiveFrom(agreement: Agreement, now: Date): string {
  const validFrom = `${agreement.validFrom}T00:00:00.000Z`;
  return validFrom < now.toISOString() ? now.toISOString() : validFrom;
}

const pastProblem = (agreementId: string, asked: string, now: Date): string =>
  `${agreementId}: effectiveFrom must not be in the past: a change governs from its acceptance at the earliest (now ${now.toISOString()}, got ${asked})`;

/**
 * From when a change governs: as asked, else now, but never before now (history
 * is not rewritten) nor before the current version begins, so versions take
 * effect in the order they were made.
 */
function effectiveFromOf(asked: string | undefined, current: AgreementVersion, now: Date, problems: string[]): string {
  if (asked !== undefined && asked < now.toISOString()) problems.push(pastProblem(current.agreement.agreementId, asked, now));
  else if (asked !== undefined && asked < current.effectiveFrom) {
    problems.push(
      `${current.agreement.agreementId}: effectiveFrom must not be before version ${current.version}'s effectiveFrom ${current.effectiveFrom} (got ${asked})`,
    );
  }
  const fallback = now.toISOString();
  return asked ?? (fallback < current.effectiveFrom ? current.effectiveFrom : fallback);
}

function versionOf(
  agreement: Agreement,
  version: number,
  effectiveFrom: string,
  changeReason: string,
  context: Pick<ChangeContext, 'by' | 'now'>,
): AgreementVersion {
  return {
    agreement: canonicalAgreement(agreement),
    version,
    effectiveFrom,
    status: 'active',
    changedBy: context.by.id,
    changedAt: context.now.toISOString(),
    changeReason,
  };
}

function checked(version: AgreementVersion, others: readonly AgreementVersion[]): Change {
  const overlaps = overlappingLines(version, others);
  return overlaps.length > 0 ? refused(400, overlaps) : { kind: 'recorded', versions: [version] };
}
