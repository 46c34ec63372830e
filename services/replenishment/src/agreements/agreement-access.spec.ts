import { isPartyTo, refusalFor } from './agreement-access';

const agreement = { agreementId: 'A1', buyerId: 'acme', supplierId: 'northwind' };

describe('who may see and change an agreement', () => {
  it('lets its buyer, its supplier and operators in', () => {
    expect(isPartyTo({ id: 'acme', kind: 'buyer' }, agreement)).toBe(true);
    expect(isPartyTo({ id: 'northwind', kind: 'supplier' }, agreement)).toBe(true);
    expect(isPartyTo({ id: 'ops', kind: 'operator' }, agreement)).toBe(true);
  });

  it('keeps another supplier out, and a party in a role it does not have on this agreement', () => {
    expect(isPartyTo({ id: 'fabrikam', kind: 'supplier' }, agreement)).toBe(false);
    expect(isPartyTo({ id: 'acme', kind: 'supplier' }, agreement)).toBe(false);
  });

  it('tells an outsider what it would hear of an agreement that does not exist, naming no party', () => {
    expect(refusalFor({ id: 'fabrikam', kind: 'supplier' }, agreement)).toBe('agreement A1 is not known');
    expect(refusalFor({ id: 'acme', kind: 'buyer' }, agreement)).toBeUndefined();
  });
});
