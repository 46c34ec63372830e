import { Agreement } from '@smi/agreements';

/** Who calls: the parts of a platform party the rules look at. */
export interface Caller {
  id: string;
  kind: 'buyer' | 'supplier' | 'operator';
}

/**
 * Only the two parties of an agreement see it or change it; an operator of the
 * platform sees and changes all. A party meets an agreement in its own role: a
 * buyer as its buyer, a supplier as its supplier.
 */
export function isPartyTo(caller: Caller, agreement: Pick<Agreement, 'buyerId' | 'supplierId'>): boolean {
  if (caller.kind === 'operator') return true;
  return (caller.kind === 'buyer' ? agreement.buyerId : agreement.supplierId) === caller.id;
}

/** What a caller hears of an agreement that does not exist, or that it may not see: the same, so an id confirms nothing. */
export const unknownAgreement = (agreementId: string): string => `agreement ${agreementId} is not known`;

/** Why a caller may not act on an agreement (as if it did not exist), or undefined when it may. */
export function refusalFor(caller: Caller, agreement: Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId'>): string | undefined {
  return isPartyTo(caller, agreement) ? undefined : unknownAgreement(agreement.agreementId);
}
