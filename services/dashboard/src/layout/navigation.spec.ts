import { homeOf, mayOpen, pagesFor } from './navigation';

describe('navigation', () => {
  it('lists the pages of each kind of party, the first being its home', () => {
    expect(pagesFor('buyer').map((p) => p.path)).toEqual(['/stock', '/approvals', '/shipments', '/service-levels', '/what-if']);
    expect(homeOf('buyer')).toBe('/stock');
    expect(homeOf('supplier')).toBe('/positions');
    expect(pagesFor('operator').map((p) => p.path)).toEqual(['/operations']);
    expect(homeOf('operator')).toBe('/operations');
  });

  it("keeps a party off another kind's pages and their posts, not off shared paths", () => {
    expect(mayOpen('/approvals', 'buyer')).toBe(true);
    expect(mayOpen('/approvals/ORD-1/approve', 'supplier')).toBe(false);
    expect(mayOpen('/positions', 'buyer')).toBe(false);
    expect(mayOpen('/approvalsX', 'supplier')).toBe(true);
    expect(mayOpen('/login', 'supplier')).toBe(true);
    expect(mayOpen('/operations/figures', 'buyer')).toBe(false);
    expect(mayOpen('/what-if', 'operator')).toBe(false);
    expect(mayOpen('/what-if', 'supplier')).toBe(true);
  });
});
