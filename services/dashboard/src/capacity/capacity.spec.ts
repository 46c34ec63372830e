import { capacityByItem, CapacityRequestView } from './capacity';

const request = (overrides: Partial<CapacityRequestView>): CapacityRequestView => ({
  requestId: 'R',
  itemId: 'pad',
  periodStart: '2026-03-02T00:00:00.000Z',
  buyerId: 'acme',
  siteId: 'lyon',
  requested: 50,
  allocated: null,
  status: 'waiting',
  reason: '',
  daysOfCover: 3,
  penaltyPerStockoutDay: 40,
  ...overrides,
});

describe('capacity per item', () => {
  it('lists who waits in the order the allocation serves them, and how much they ask', () => {
    const [filter, pad] = capacityByItem(
      [{ supplierId: 'nw', itemId: 'pad', periodDays: 7, quantityPerPeriod: 100, updatedAt: '2026-03-01T00:00:00.000Z' }],
      [
        request({ requestId: 'R1', daysOfCover: 3, penaltyPerStockoutDay: 40 }),
        request({ requestId: 'R2', daysOfCover: 1, buyerId: 'zenith' }),
        request({ requestId: 'R3', daysOfCover: 3, penaltyPerStockoutDay: 90, requested: 20 }),
        request({ requestId: 'R4', status: 'allocated', allocated: 50 }),
        request({ requestId: 'R5', itemId: 'filter', status: 'unserved', allocated: 0 }),
      ],
    );
    expect(pad.capacity?.quantityPerPeriod).toBe(100);
    expect(pad.waiting.map((r) => r.requestId)).toEqual(['R2', 'R3', 'R1']);
    expect(pad.waitingQuantity).toBe(120);
    expect(pad.decided.map((r) => r.requestId)).toEqual(['R4']);
    expect([filter.itemId, filter.capacity, filter.waiting.length, filter.decided[0].status]).toEqual(['filter', undefined, 0, 'unserved']);
  });
});
