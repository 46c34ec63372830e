import { AgreementVersion } from '@smi/agreements';
import { DeliveryLine, LineDay, penaltiesFor } from '@smi/service-levels';
import { daysOf } from '../stockouts/sla-period';
import { LineRef, ratesOnOf } from './penalty-period';
import { AssessedPenalty } from './penalty-revisions';

/** One line's facts over the month. */
export interface LineMonthFacts {
  days: readonly LineDay[];
  deliveries: readonly DeliveryLine[];
}

/**
 * What the service-level rules find due on each line of an agreement for a month, each breach
 * priced by the agreement version in force on its day: the same rule code the what-if simulator
 * prices exposure with.
 */
export function assessMonth(
  history: readonly AgreementVersion[],
  period: string,
  lines: readonly LineRef[],
  facts: readonly LineMonthFacts[],
): AssessedPenalty[] {
  const { firstDay, lastDay } = daysOf(period);
  return lines.flatMap((line, i) =>
    penaltiesFor({
      period,
      days: facts[i].days.filter((d) => d.day >= firstDay && d.day <= lastDay),
      deliveries: facts[i].deliveries,
      ratesOn: ratesOnOf(history, line),
    }).map((item): AssessedPenalty => ({
      siteId: line.siteId,
      itemId: line.itemId,
      rule: item.rule,
      agreementVersion: item.agreementVersion,
      quantity: item.quantity,
      rate: item.rate,
      amount: item.amount,
      currency: item.currency,
      explanation: item.explanation,
      evidence: item.evidence,
    })),
  );
}

/** The buyer and supplier a month's penalties are owed between: the newest version's parties. */
export function partiesOf(history: readonly AgreementVersion[]): { agreementId: string; buyerId: string; supplierId: string } {
  const { agreementId, buyerId, supplierId } = [...history].sort((a, b) => a.version - b.version).at(-1)!.agreement;
  return { agreementId, buyerId, supplierId };
}
