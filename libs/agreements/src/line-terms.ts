import type { AgreementLineInForce } from './agreement-book';

/** What names a buyer's site x item and the unit a record counts it in (a movement, a forecast). */
export interface CountedSiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
}

/**
 * Whether the agreement line in force lets a record in: its unit is the line's, never converted.
 * A record no line covers is let in where coverage is optional (a Kafka record may arrive before
 * the agreement that governs it reaches the service) and refused where it is required (a REST
 * sender is answered at once). `when` says at which moment the line was looked up.
 */
export function lineTermsProblems(
  record: CountedSiteItem,
  inForce: AgreementLineInForce | undefined,
  coverage: 'required' | 'optional',
  when: string,
): Array<{ field: string; problem: string }> {
  if (!inForce) {
    if (coverage === 'optional') return [];
    return [
      {
        // Named by its site first, the site x item pair no line covers.
        field: 'siteId',
        problem: `${record.siteId} x ${record.itemId} is not covered by an agreement of ${record.buyerId} in force ${when}`,
      },
    ];
  }
  if (inForce.line.unit === record.unit) return [];
  return [
    {
      field: 'unit',
      problem: `is ${record.unit} but agreement ${inForce.agreement.agreementId} keeps ${record.siteId} x ${record.itemId} in ${inForce.line.unit}`,
    },
  ];
}
