import { textProblem } from '@smi/agreements';
import { DisputeStep, Penalty, PenaltyDispute } from '@smi/contracts';

/**
 * Disputes over penalties: the supplier contests a penalty with a reason, the buyer accepts it
 * (the penalty is credited) or rejects it (the penalty stands, and the buyer says why). Only the
 * penalty's two parties see a dispute; to anyone else, an operator included, it does not exist.
 * One dispute is open per penalty at a time, and each revision of a penalty is disputed at most
 * once: a correction may be contested anew.
 */

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** Who asks: a party of the platform. */
export interface Caller {
  id: string;
  kind: 'buyer' | 'supplier' | 'operator';
}

export interface Dispute {
  disputeId: string;
  penaltyId: string;
  /** The penalty revision contested. */
  penaltyEventId: string;
  agreementId: string;
  buyerId: string;
  supplierId: string;
  status: DisputeStatus;
  /** The amount contested: the revision's. */
  amount: number;
  currency: string;
  /** What the buyer credited on acceptance; null otherwise. */
  credited: number | null;
  openedBy: string;
  openedAt: Date;
  reason: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export type DisputeCommand =
  | { kind: 'open'; penaltyId: string; disputeId: string; by: Caller; at: Date; reason: unknown }
  | { kind: 'accept' | 'reject'; disputeId: string; by: Caller; at: Date; reason: unknown };

export type DisputeRefusal = 'unknown' | 'forbidden' | 'invalid' | 'conflict';

export type DisputeOutcome =
  { kind: 'taken'; dispute: Dispute; event: PenaltyDispute } | { kind: 'refused'; refusal: DisputeRefusal; message: string };

/** Whether a party sees a penalty's disputes: only its buyer and its supplier. */
export const maySeeDisputes = (caller: Caller, of: { buyerId: string; supplierId: string }): boolean =>
  (caller.kind === 'buyer' && caller.id === of.buyerId) || (caller.kind === 'supplier' && caller.id === of.supplierId);

const refused = (refusal: DisputeRefusal, message: string): DisputeOutcome => ({ kind: 'refused', refusal, message });
export const unknownPenalty = (penaltyId: string): string => `penalty ${penaltyId} not found`;
export const unknownDispute = (disputeId: string): string => `dispute ${disputeId} not found`;

/** A reason given as text, or why not; `undefined` when none was given. */
function reasonProblem(reason: unknown, required: boolean): string | undefined {
  if (reason === undefined || reason === null || (typeof reason === 'string' && reason.trim() === '')) {
    return required ? 'reason is required: say why' : undefined;
  }
  if (typeof reason !== 'string') return 'reason must be text';
  const problem = textProblem(reason, 'text');
  return problem ? `reason ${problem}` : undefined;
}

/**
 * The supplier opens a dispute over the latest revision of a penalty (`latest` undefined when it
 * does not exist), given every dispute the penalty had.
 */
export function openDispute(
  latest: Penalty | undefined,
  disputes: readonly Dispute[],
  command: Extract<DisputeCommand, { kind: 'open' }>,
): DisputeOutcome {
  const { by, at, reason, disputeId, penaltyId } = command;
  if (!latest || !maySeeDisputes(by, latest)) return refused('unknown', unknownPenalty(penaltyId));
  if (by.kind !== 'supplier') return refused('forbidden', 'only the supplier answerable for a penalty disputes it');
  const problem = reasonProblem(reason, true);
  if (problem) return refused('invalid', problem);
  if (latest.amount === 0) return refused('conflict', `penalty ${penaltyId} is no longer due (revision ${latest.revision} cancelled it)`);
  const open = disputes.find((d) => d.status === 'open');
  if (open) return refused('conflict', `penalty ${penaltyId} already has an open dispute (${open.disputeId})`);
  const decided = disputes.find((d) => d.penaltyEventId === latest.eventId);
  if (decided) return refused('conflict', `revision ${latest.revision} of penalty ${penaltyId} was already disputed and ${decided.status}`);
  const dispute: Dispute = {
    disputeId,
    penaltyId,
    penaltyEventId: latest.eventId,
    agreementId: latest.agreementId,
    buyerId: latest.buyerId,
    supplierId: latest.supplierId,
    status: 'open',
    amount: latest.amount,
    currency: latest.currency,
    credited: null,
    openedBy: by.id,
    openedAt: at,
    reason: reason as string,
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
  };
  return { kind: 'taken', dispute, event: disputeEvent(dispute, 'OPENED', by.id, at, dispute.reason, dispute.amount) };
}

/** The buyer accepts (credits the amount disputed) or rejects (reason required) an open dispute. */
export function decideDispute(
  dispute: Dispute | undefined,
  command: Extract<DisputeCommand, { kind: 'accept' | 'reject' }>,
): DisputeOutcome {
  const { by, at, reason, disputeId, kind } = command;
  if (!dispute || !maySeeDisputes(by, dispute)) return refused('unknown', unknownDispute(disputeId));
  if (by.kind !== 'buyer') return refused('forbidden', 'only the buyer owed the penalty accepts or rejects a dispute over it');
  const problem = reasonProblem(reason, kind === 'reject');
  if (problem) return refused('invalid', problem);
  if (dispute.status !== 'open') return refused('conflict', `dispute ${disputeId} is already ${dispute.status}`);
  const accepted = kind === 'accept';
  const words = (reason as string | undefined) ?? 'accepted without a further reason';
  const decided: Dispute = {
    ...dispute,
    status: accepted ? 'accepted' : 'rejected',
    credited: accepted ? dispute.amount : null,
    decidedBy: by.id,
    decidedAt: at,
    decisionReason: words,
  };
  return {
    kind: 'taken',
    dispute: decided,
    event: disputeEvent(decided, accepted ? 'ACCEPTED' : 'REJECTED', by.id, at, words, dispute.amount),
  };
}

function disputeEvent(dispute: Dispute, step: DisputeStep, by: string, at: Date, reason: string, amount: number): PenaltyDispute {
  return {
    eventId: `${dispute.disputeId}/${step}`,
    disputeId: dispute.disputeId,
    penaltyId: dispute.penaltyId,
    penaltyEventId: dispute.penaltyEventId,
    agreementId: dispute.agreementId,
    buyerId: dispute.buyerId,
    supplierId: dispute.supplierId,
    step,
    by,
    at,
    reason,
    amount,
    currency: dispute.currency,
  };
}
