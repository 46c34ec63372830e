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

/** Why a caller may not act on an agreement, or undefined when it may. */
export function refusalFor(
  caller: Caller,
  agreement: Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId'>,
  action: string,
): string | undefined {
  if (isPartyTo(caller, agreement)) return undefined;
  return `agreement ${agreement.agreementId} is not one of ${caller.id}'s: only its buyer, its supplier or an operator may ${action} it`;
}
