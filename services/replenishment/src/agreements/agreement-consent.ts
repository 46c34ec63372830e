import { Agreement, agreementTerms, AgreementVersion } from '@smi/agreements';
import type { AgreementProposal as AgreementProposalEvent } from '@smi/contracts';
import { Caller, isPartyTo } from './agreement-access';
import {
  amendAgreement,
  Change,
  ChangeContext,
  createAgreement,
  idTaken,
  importAgreements,
  Refusal,
  retireAgreement,
} from './agreement-changes';
import { ChangeRequest, ImportRequest, RetireRequest } from './agreement-request';
import { tunedAlone } from './agreement-tuning';

/**
 * Consent: an agreement binds two parties, so neither changes it alone. A buyer
 * or a supplier proposes a new agreement, an amendment or a retirement; only the
 * other party's acceptance makes the next version (and only then is it
 * published, so no service acts on a one-sided change). The proposer may
 * withdraw it, the other party reject it; an operator reads every proposal and
 * decides none. Each step says who, when and why.
 */
export type ProposedChange = 'create' | 'amend' | 'retire';
export type ProposalStatus = 'pending' | 'accepted' | 'rejected' | 'withdrawn';

export interface AgreementProposal {
  proposalId: string;
  agreementId: string;
  change: ProposedChange;
  /** The terms proposed, as every service would read them (for a retirement, the terms retired). */
  agreement: Agreement;
  /** Why the proposer asks for the change. */
  reason: string;
  /** From when the proposer asks the change to govern; absent: from its acceptance. */
  effectiveFrom?: string;
  /** The version the proposal changes (0 for a new agreement): after any other change it no longer applies. */
  baseVersion: number;
  proposedBy: string;
  proposedAt: string;
  status: ProposalStatus;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
  acceptedVersion?: number;
}

/** A step taken on a proposal; an accepted one carries the version its acceptance made. */
export interface ProposalStepTaken {
  step: 'proposed' | Exclude<ProposalStatus, 'pending'>;
  proposal: AgreementProposal;
  version?: AgreementVersion;
}

/** What a consent rule decides: versions to record (acceptances only) and proposal steps, or a refusal. */
export type Consent = { kind: 'recorded'; versions: AgreementVersion[]; steps: ProposalStepTaken[] } | Refusal;

export type ProposalAsk =
  | { change: 'create'; request: ChangeRequest }
  | { change: 'amend'; agreementId: string; request: ChangeRequest }
  | { change: 'retire'; agreementId: string; request: RetireRequest };

export type ProposalDecision = { kind: 'accept'; reason?: string } | { kind: 'reject' | 'withdraw'; reason: string };

const refused = (status: Refusal['status'], problems: string[]): Refusal => ({ kind: 'refused', status, problems });

const operatorRefusal = (action: string): Refusal =>
  refused(403, [`an operator reads agreements and proposals but may not ${action}: only the buyer and the supplier consent`]);

/**
 * A proposal, checked now as its acceptance would be (valid terms, known
 * parties, no overlap, effectiveFrom not in the past), so what cannot take
 * effect is refused at once. One pending proposal per agreement at a time. An
 * amendment the agreement lets its proposer make alone (`tunableAlone`) is
 * proposed and accepted at once, under that agreed rule.
 */
export function proposeChange(
  ask: ProposalAsk,
  context: ChangeContext & { proposalId: string; pending: readonly AgreementProposal[] },
): Consent {
  if (context.by.kind === 'operator') return operatorRefusal("propose changes on a party's behalf");
  const decided = changeAsked(ask, context);
  if (decided.kind === 'refused') return decided;
  const [version] = decided.versions;
  const proposal = proposalOf(ask.change, version, ask.request.effectiveFrom, context);
  const waiting = pendingFor(proposal.agreementId, context.pending, context.by);
  if (waiting) return waiting;
  const current = context.history.at(-1);
  const alone = ask.change === 'amend' && current ? tunedAlone(current.agreement, version.agreement, context.by) : undefined;
  if (alone === undefined) return { kind: 'recorded', versions: [], steps: [{ step: 'proposed', proposal }] };
  // The other party consented in advance, in the terms of the current version: the change takes effect as made.
  const accepted: AgreementProposal = {
    ...proposal,
    status: 'accepted',
    decidedBy: context.by.id,
    decidedAt: proposal.proposedAt,
    decisionReason: alone,
    acceptedVersion: version.version,
  };
  return {
    kind: 'recorded',
    versions: [version],
    steps: [
      { step: 'proposed', proposal },
      { step: 'accepted', proposal: accepted, version },
    ],
  };
}

/**
 * An import by a party: every new or changed agreement becomes a proposal the
 * other party accepts one by one; identical ones stay as they are. All or
 * nothing, with every problem at once, as before consent.
 */
export function proposeImport(
  request: ImportRequest,
  context: Parameters<typeof importAgreements>[1] & { proposalIds: () => string; pending: readonly AgreementProposal[] },
): Consent & { unchanged?: string[] } {
  if (context.by.kind === 'operator') return operatorRefusal("import agreements on a party's behalf");
  const decided = importAgreements(request, context);
  if (decided.kind === 'refused') return decided;
  const waiting = decided.versions
    .map((v) => pendingFor(v.agreement.agreementId, context.pending, context.by))
    .find((r) => r !== undefined);
  if (waiting) return waiting;
  const steps = decided.versions.map((version) => ({
    step: 'proposed' as const,
    proposal: proposalOf(version.version === 1 ? 'create' : 'amend', version, undefined, { ...context, proposalId: context.proposalIds() }),
  }));
  return { kind: 'recorded', versions: [], steps, unchanged: decided.outcome!.unchanged };
}

/**
 * Accepts, rejects or withdraws a proposal. Acceptance applies the change as the
 * proposer asked it, decided now: it governs from the acceptance at the earliest
 * (an asked effectiveFrom that has passed meanwhile gives way to the acceptance
 * moment), and is refused (409) if the agreement changed since or the change no
 * longer fits (an overlapping line agreed meanwhile).
 */
export function decideProposal(
  proposalId: string,
  proposal: AgreementProposal | undefined,
  decision: ProposalDecision,
  context: ChangeContext,
): Consent {
  const { by, now } = context;
  if (!proposal || !isPartyTo(by, proposal.agreement)) return refused(404, [`proposal ${proposalId} is not known`]);
  if (by.kind === 'operator') return operatorRefusal(`${decision.kind} a proposal`);
  if (decision.kind === 'withdraw' && by.id !== proposal.proposedBy) {
    return refused(403, [`only the party that proposed ${proposalId} may withdraw it; the other party accepts or rejects it`]);
  }
  if (decision.kind !== 'withdraw' && by.id === proposal.proposedBy) {
    return refused(403, [`${proposalId} is your own proposal: only the other party may ${decision.kind} it (you may withdraw it)`]);
  }
  if (proposal.status !== 'pending') return refused(409, [`proposal ${proposalId} was already ${proposal.status}`]);
  const step = STEP_OF[decision.kind];
  const decided: AgreementProposal = {
    ...proposal,
    status: step,
    decidedBy: by.id,
    decidedAt: now.toISOString(),
    decisionReason: decision.reason ?? 'accepted',
  };
  if (step !== 'accepted') return { kind: 'recorded', versions: [], steps: [{ step, proposal: decided }] };

  const applied = changeAsked(askOf(proposal, now), { ...context, by: proposerOf(proposal) });
  if (applied.kind === 'refused') {
    return refused(409, [`proposal ${proposalId} can no longer take effect as proposed; reject it and propose again`, ...applied.problems]);
  }
  const [version] = applied.versions;
  return {
    kind: 'recorded',
    versions: applied.versions,
    steps: [{ step, proposal: { ...decided, acceptedVersion: version.version }, version }],
  };
}

/** Whose decision a pending proposal waits for: the side that did not propose it. */
export function awaitingOf(proposal: AgreementProposal): string | undefined {
  if (proposal.status !== 'pending') return undefined;
  return proposal.proposedBy === proposal.agreement.buyerId ? proposal.agreement.supplierId : proposal.agreement.buyerId;
}

/** Event id of a proposal step: one per proposal and step, so a republished step is recognised. */
export const proposalStepEventId = (proposalId: string, step: ProposalStepTaken['step']): string => `${proposalId}/${step}`;

export function proposalStepEvent({ step, proposal, version }: ProposalStepTaken): AgreementProposalEvent {
  const proposed = step === 'proposed';
  return {
    eventId: proposalStepEventId(proposal.proposalId, step),
    proposalId: proposal.proposalId,
    step: step.toUpperCase() as AgreementProposalEvent['step'],
    change: proposal.change.toUpperCase() as AgreementProposalEvent['change'],
    by: proposed ? proposal.proposedBy : proposal.decidedBy!,
    at: new Date(proposed ? proposal.proposedAt : proposal.decidedAt!),
    reason: proposed ? proposal.reason : proposal.decisionReason!,
    proposedBy: proposal.proposedBy,
    proposedAt: new Date(proposal.proposedAt),
    proposalReason: proposal.reason,
    awaiting: proposed ? (awaitingOf(proposal) ?? null) : null,
    baseVersion: proposal.baseVersion,
    requestedEffectiveFrom: proposal.effectiveFrom ? new Date(proposal.effectiveFrom) : null,
    acceptedVersion: version?.version ?? null,
    effectiveFrom: version ? new Date(version.effectiveFrom) : null,
    ...agreementTerms(proposal.agreement),
  };
}

const STEP_OF = { accept: 'accepted', reject: 'rejected', withdraw: 'withdrawn' } as const;

function changeAsked(ask: ProposalAsk, context: ChangeContext): Change {
  switch (ask.change) {
    case 'create':
      return createAgreement(ask.request, context);
    case 'amend':
      return amendAgreement(ask.agreementId, ask.request, context);
    case 'retire':
      return retireAgreement(ask.agreementId, ask.request, context);
  }
}

/** The proposal as a change request again, against the version it was made on; a requested moment now past gives way to now. */
function askOf(proposal: AgreementProposal, now: Date): ProposalAsk {
  const effectiveFrom =
    proposal.effectiveFrom !== undefined && proposal.effectiveFrom > now.toISOString() ? proposal.effectiveFrom : undefined;
  const about = { effectiveFrom, expectedVersion: proposal.baseVersion || undefined };
  const { agreementId } = proposal;
  switch (proposal.change) {
    case 'create':
      return { change: 'create', request: { agreement: proposal.agreement, changeReason: proposal.reason, effectiveFrom } };
    case 'amend':
      return { change: 'amend', agreementId, request: { agreement: proposal.agreement, changeReason: proposal.reason, ...about } };
    case 'retire':
      return { change: 'retire', agreementId, request: { reason: proposal.reason, ...about } };
  }
}

function proposerOf(proposal: AgreementProposal): Caller {
  return { id: proposal.proposedBy, kind: proposal.proposedBy === proposal.agreement.buyerId ? 'buyer' : 'supplier' };
}

function proposalOf(
  change: ProposedChange,
  version: AgreementVersion,
  effectiveFrom: string | undefined,
  context: Pick<ChangeContext, 'by' | 'now'> & { proposalId: string },
): AgreementProposal {
  return {
    proposalId: context.proposalId,
    agreementId: version.agreement.agreementId,
    change,
    agreement: version.agreement,
    reason: version.changeReason,
    ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
    baseVersion: version.version - 1,
    proposedBy: context.by.id,
    proposedAt: context.now.toISOString(),
    status: 'pending',
  };
}

function pendingFor(agreementId: string, pending: readonly AgreementProposal[], by: Caller): Refusal | undefined {
  const waiting = pending.find((p) => p.agreementId === agreementId && p.status === 'pending');
  if (!waiting) return undefined;
  // Another pair's proposal of the same new id: say the id is taken, nothing about theirs.
  if (!isPartyTo(by, waiting.agreement)) return refused(409, [idTaken(agreementId)]);
  return refused(409, [
    `agreement ${agreementId} already has a pending proposal ${waiting.proposalId}: it must be accepted, rejected or withdrawn first`,
  ]);
}
