import { approvalFor, ApprovalBoundary, OrderToApprove } from './order-approval';

const decidedAt = new Date('2026-03-04T10:00:00Z');
const order = (overrides: Partial<OrderToApprove> = {}): OrderToApprove => ({
  quantity: 90,
  unit: 'EA',
  orderValue: 900,
  currency: 'EUR',
  priced: true,
  decidedAt,
  ...overrides,
});
const boundary = (overrides: Partial<ApprovalBoundary> = {}): ApprovalBoundary => ({
  maxQuantity: 100,
  maxValue: 10_000,
  vetoWindowHours: 24,
  expiresAfterHours: 48,
  ...overrides,
});

describe('approval boundary', () => {
  it('releases an order when no boundary is agreed, with no veto window', () => {
    expect(approvalFor(undefined, order({ quantity: 1e6, orderValue: 1e9 }))).toEqual({
      status: 'RELEASED',
      statusReason: '',
      approvalDeadline: null,
    });
  });

  it('releases an order within both limits, open to the buyer’s veto for the veto window', () => {
    expect(approvalFor(boundary(), order())).toEqual({
      status: 'RELEASED',
      statusReason: 'within the approval boundary; the buyer may veto it until 2026-03-05T10:00:00.000Z',
      approvalDeadline: new Date('2026-03-05T10:00:00Z'),
    });
  });

  it('releases an order on the limits themselves: only going beyond them needs the buyer', () => {
    expect(approvalFor(boundary(), order({ quantity: 100, orderValue: 10_000 })).status).toBe('RELEASED');
  });

  it('releases with no veto window when the window is zero hours', () => {
    expect(approvalFor(boundary({ vetoWindowHours: 0 }), order())).toEqual({
      status: 'RELEASED',
      statusReason: 'within the approval boundary',
      approvalDeadline: null,
    });
  });

  it('holds an order worth more than the supplier may release alone, until it lapses after expiresAfterHours', () => {
    expect(approvalFor(boundary(), order({ orderValue: 12_400 }))).toEqual({
      status: 'AWAITING_APPROVAL',
      statusReason: 'value 12,400 EUR exceeds the 10,000 EUR the supplier may release alone',
      approvalDeadline: new Date('2026-03-06T10:00:00Z'),
    });
  });

  it('holds an order for more than the quantity limit, and names both limits when both are exceeded', () => {
    expect(approvalFor(boundary({ maxValue: undefined }), order({ quantity: 120.5 })).statusReason).toBe(
      'quantity 120.5 EA exceeds the 100 EA the supplier may release alone',
    );
    expect(approvalFor(boundary(), order({ quantity: 1200, orderValue: 12_000.456 })).statusReason).toBe(
      'quantity 1,200 EA exceeds the 100 EA the supplier may release alone; value 12,000.46 EUR exceeds the 10,000 EUR the supplier may release alone',
    );
  });

  it('asks the buyer when a value limit is agreed but no unit price, as the value cannot be checked', () => {
    const verdict = approvalFor(boundary({ maxQuantity: undefined }), order({ priced: false, orderValue: 0 }));
    expect(verdict).toMatchObject({
      status: 'AWAITING_APPROVAL',
      statusReason: "no unit price is agreed, so the order's value cannot be checked against the 10,000 EUR the supplier may release alone",
    });
  });

  it('releases an unpriced order when only a quantity limit is agreed', () => {
    expect(approvalFor(boundary({ maxValue: undefined }), order({ priced: false, orderValue: 0 })).status).toBe('RELEASED');
  });
});
