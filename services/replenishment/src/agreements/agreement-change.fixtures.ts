import { Agreement } from '@smi/agreements';
import { Caller } from './agreement-access';

/** The cast of the agreement-change tests: a buyer, its supplier, a supplier outside, an operator, and their agreement A1 for 2026. */
export const buyer: Caller = { id: 'acme', kind: 'buyer' };
export const supplier: Caller = { id: 'northwind', kind: 'supplier' };
export const outsider: Caller = { id: 'fabrikam', kind: 'supplier' };
export const operator: Caller = { id: 'ops', kind: 'operator' };
const kinds: Record<string, Caller['kind']> = { acme: 'buyer', northwind: 'supplier', fabrikam: 'supplier', ops: 'operator' };
/** The parties file of the cast. */
export const partyKindOf = (id: string): Caller['kind'] | undefined => kinds[id];

export const line = { siteId: 'lyon', itemId: 'pad', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 };
export const agreement = (overrides: Partial<Agreement> = {}): Agreement => ({
  agreementId: 'A1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [line],
  ...overrides,
});
