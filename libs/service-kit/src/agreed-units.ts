import { AgreementBook, CountedSiteItem, lineTermsProblems } from '@smi/agreements';
import { Inbound, Rejection } from '@smi/messaging';

/**
 * Splits consumed records of a buyer's site x item by the agreement line in force at their
 * moment: one counted in another unit than the line's is refused with its reason (never
 * converted: summed with the others it would be nonsense); one no line covers is let through,
 * for the consumer to judge (it may arrive before its agreement).
 */
export function admittedByAgreedUnit<T extends CountedSiteItem>(
  book: AgreementBook,
  records: readonly Inbound<T>[],
  momentOf: (event: T) => Date,
): { admitted: Inbound<T>[]; refused: Rejection[] } {
  const admitted: Inbound<T>[] = [];
  const refused: Rejection[] = [];
  for (const record of records) {
    const { event } = record;
    const inForce = book.lineFor(event.buyerId, event.siteId, event.itemId, momentOf(event));
    const problems = lineTermsProblems(event, inForce, 'optional', 'then');
    if (problems.length === 0) admitted.push(record);
    else refused.push({ record, reason: problems.map((p) => `${p.field} ${p.problem}`).join('; ') });
  }
  return { admitted, refused };
}
