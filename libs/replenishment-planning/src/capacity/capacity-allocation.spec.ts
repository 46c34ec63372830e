import fc from 'fast-check';
import { allocateCapacity, type CapacityRequest } from './capacity-allocation';

const request = (overrides: Partial<CapacityRequest> & Pick<CapacityRequest, 'requestId'>): CapacityRequest => ({
  buyerId: 'acme',
  siteId: overrides.requestId,
  itemId: 'brake-pad',
  quantity: 60,
  packMultiple: 10,
  daysOfCover: 5,
  penaltyPerStockoutDay: 0,
  ...overrides,
});

describe('supplier capacity allocation', () => {
  it('serves the fewest days of cover first; the later request gets what is left, in whole packs, and is told why', () => {
    const allotments = allocateCapacity(100, [
      request({ requestId: 'lyon', daysOfCover: 4 }),
      request({ requestId: 'turin', daysOfCover: 1.5 }),
    ]);
    expect(allotments).toEqual([
      {
        requestId: 'lyon',
        requested: 60,
        allocated: 40,
        shortfall: 20,
        reason: 'got 40 of 60: capacity 100 went first to acme turin x brake-pad (60, 1.5 days of cover), with 4 days of cover here',
        buyerReason: 'got 40 of 60: capacity 100 went first to acme turin x brake-pad (60, 1.5 days of cover), with 4 days of cover here',
      },
      {
        requestId: 'turin',
        requested: 60,
        allocated: 60,
        shortfall: 0,
        reason: 'got 60 of 60: 1.5 days of cover, capacity 100 sufficed',
        buyerReason: 'got 60 of 60: 1.5 days of cover, capacity 100 sufficed',
      },
    ]);
  });

  it('breaks a tie in cover by the higher penalty exposure per stockout day, and says so', () => {
    const allotments = allocateCapacity(80, [
      request({ requestId: 'cheap', daysOfCover: 2, penaltyPerStockoutDay: 100 }),
      request({ requestId: 'dear', daysOfCover: 2, penaltyPerStockoutDay: 500 }),
    ]);
    expect(allotments.map((a) => [a.requestId, a.allocated])).toEqual([
      ['cheap', 20],
      ['dear', 60],
    ]);
    expect(allotments[0].reason).toBe(
      'got 20 of 60: capacity 80 went first to acme dear x brake-pad (60, 2 days of cover, same cover but higher penalty exposure 500 a day), with 2 days of cover here',
    );
  });

  it('names another buyer who went first only as "another buyer" in the reason its buyer reads', () => {
    const [lyon] = allocateCapacity(100, [
      request({ requestId: 'lyon', daysOfCover: 4 }),
      request({ requestId: 'turin', buyerId: 'globex', daysOfCover: 1.5 }),
    ]);
    expect(lyon.reason).toBe(
      'got 40 of 60: capacity 100 went first to globex turin x brake-pad (60, 1.5 days of cover), with 4 days of cover here',
    );
    expect(lyon.buyerReason).toBe(
      'got 40 of 60: capacity 100 went first to another buyer (60, 1.5 days of cover), with 4 days of cover here',
    );
  });

  it('gives 0 rather than less than the minimum order quantity, and leaves that capacity to the next request', () => {
    const allotments = allocateCapacity(100, [
      request({ requestId: 'first', daysOfCover: 1, quantity: 70 }),
      request({ requestId: 'moq', daysOfCover: 2, minimumOrderQuantity: 40 }),
      request({ requestId: 'small', daysOfCover: 3, quantity: 20 }),
    ]);
    expect(allotments.map((a) => [a.requestId, a.allocated, a.shortfall])).toEqual([
      ['first', 70, 0],
      ['moq', 0, 60],
      ['small', 20, 0],
    ]);
    expect(allotments[1].reason).toBe(
      'got 0 of 60: capacity 100 went first to acme first x brake-pad (70, 1 day of cover); the 30 left is below the minimum order quantity 40 in whole packs of 10',
    );
  });

  it('refuses a request id given twice, naming it', () => {
    expect(() => allocateCapacity(10, [request({ requestId: 'a' }), request({ requestId: 'a' })])).toThrow(
      'requestId must be unique (got a, a)',
    );
  });

  it('gives the same answer whatever order the requests come in', () => {
    const requests = fc.uniqueArray(
      fc.record({
        requestId: fc.uuid(),
        buyerId: fc.constantFrom('acme', 'globex'),
        siteId: fc.constantFrom('lyon', 'turin'),
        itemId: fc.constantFrom('pad', 'disc'),
        quantity: fc.integer({ min: 1, max: 50 }).map((n) => n * 5),
        packMultiple: fc.constant(5),
        minimumOrderQuantity: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
        daysOfCover: fc.integer({ min: 0, max: 4 }),
        penaltyPerStockoutDay: fc.constantFrom(0, 100),
      }),
      { maxLength: 8, selector: (r) => r.requestId },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), requests, (capacity, given) => {
        const byId = (list: { requestId: string }[]) => [...list].sort((a, b) => a.requestId.localeCompare(b.requestId));
        const forward = allocateCapacity(capacity, given);
        const backward = allocateCapacity(capacity, [...given].reverse());
        expect(byId(backward)).toEqual(byId(forward));
        const total = forward.reduce((sum, a) => sum + a.allocated, 0);
        expect(total).toBeLessThanOrEqual(capacity);
        forward.forEach((a, i) => {
          expect(a.allocated % 5).toBe(0);
          expect(a.allocated === 0 || a.allocated === a.requested || a.allocated >= (given[i].minimumOrderQuantity ?? 0)).toBe(true);
        });
      }),
    );
  });
});
