import { Penalty, PenaltyEvidence, PenaltyRule } from '@smi/contracts';

/**
 * What a month's penalties become when it closes, and again when late data changes them: the
 * first computation publishes revision 1 of each penalty due; a later one publishes a correction
 * (revision r+1, naming revision r and the difference) only for a penalty whose amount changed,
 * including to 0 when it no longer applies. The same facts again publish nothing.
 */

/** What the rules found due for one agreement line (or the whole agreement) in a month. */
export interface AssessedPenalty {
  /** The line's site and item; null for a rule over the whole agreement. */
  siteId: string | null;
  itemId: string | null;
  rule: PenaltyRule;
  /** The version whose terms set the rule and rate. */
  agreementVersion: number;
  quantity: number;
  rate: number;
  /** quantity x rate, to the cent. */
  amount: number;
  currency: string;
  explanation: string;
  evidence: PenaltyEvidence[];
}

/** The agreement a month's penalties are owed under, and its two parties. */
export interface AgreementParties {
  agreementId: string;
  buyerId: string;
  supplierId: string;
}

/** One penalty per agreement version x line x month x rule; site and item empty for a rule over the whole agreement. */
export function penaltyIdOf(
  agreementId: string,
  agreementVersion: number,
  siteId: string | null,
  itemId: string | null,
  period: string,
  rule: PenaltyRule,
): string {
  return `${agreementId}|v${agreementVersion}|${siteId ?? ''}|${itemId ?? ''}|${period}|${rule}`;
}

export const penaltyEventIdOf = (penaltyId: string, revision: number): string => `${penaltyId}/r${revision}`;

/** Amounts compare to the cent: a float's last bits must never make a correction. */
const cents = (amount: number): number => Math.round(amount * 100);
const fromCents = (c: number): number => c / 100;

/**
 * The revisions to record and publish for one agreement's month, given what the rules find due
 * now and the latest revision of each penalty already published for it. Penalties come out in the
 * order assessed, then the cancelled ones by id.
 */
export function revisionsFor(
  parties: AgreementParties,
  period: string,
  assessed: readonly AssessedPenalty[],
  latest: readonly Penalty[],
  computedAt: Date,
): Penalty[] {
  const previous = new Map(latest.map((p) => [p.penaltyId, p]));
  const due = new Map<string, AssessedPenalty>();
  for (const penalty of assessed) {
    const id = penaltyIdOf(parties.agreementId, penalty.agreementVersion, penalty.siteId, penalty.itemId, period, penalty.rule);
    if (due.has(id)) throw new Error(`the rules gave penalty ${id} twice`);
    due.set(id, penalty);
  }

  const revisions: Penalty[] = [];
  for (const [penaltyId, penalty] of due) {
    const before = previous.get(penaltyId);
    const amountCents = cents(penalty.amount);
    if (amountCents === cents(before?.amount ?? 0)) continue;
    const revision = (before?.revision ?? 0) + 1;
    revisions.push({
      eventId: penaltyEventIdOf(penaltyId, revision),
      penaltyId,
      revision,
      correctsEventId: before?.eventId ?? null,
      ...parties,
      agreementVersion: penalty.agreementVersion,
      siteId: penalty.siteId,
      itemId: penalty.itemId,
      rule: penalty.rule,
      period,
      quantity: penalty.quantity,
      rate: penalty.rate,
      amount: fromCents(amountCents),
      difference: fromCents(amountCents - cents(before?.amount ?? 0)),
      currency: penalty.currency,
      computedAt,
      explanation: before
        ? `${penalty.explanation} (corrects ${formatAmount(before.amount, before.currency)} of revision ${before.revision})`
        : penalty.explanation,
      evidence: penalty.evidence,
    });
  }

  const gone = latest.filter((p) => !due.has(p.penaltyId) && cents(p.amount) !== 0).sort((a, b) => a.penaltyId.localeCompare(b.penaltyId));
  for (const before of gone) {
    const revision = before.revision + 1;
    revisions.push({
      ...before,
      eventId: penaltyEventIdOf(before.penaltyId, revision),
      revision,
      correctsEventId: before.eventId,
      quantity: 0,
      amount: 0,
      difference: fromCents(-cents(before.amount)),
      computedAt,
      explanation: `no longer due: the facts of ${period} no longer show this breach (cancels ${formatAmount(before.amount, before.currency)} of revision ${before.revision})`,
      evidence: [],
    });
  }
  return revisions;
}

/** 1500 EUR as "1500.00 EUR". */
export const formatAmount = (amount: number, currency: string): string => `${amount.toFixed(2)} ${currency}`;
