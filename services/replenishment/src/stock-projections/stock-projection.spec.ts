import type { AgreementLine } from '@smi/agreements';
import type { StockSituation } from '@smi/replenishment-planning';
import { stockProjectionOf } from './stock-projection';

const DAY_MS = 86_400_000;
const now = new Date('2026-03-02T08:00:00Z');
const line: AgreementLine = { siteId: 'lyon', itemId: 'pad', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 };
const situation = (overrides: Partial<StockSituation> = {}): StockSituation => ({
  now,
  onHand: 100,
  backorders: 0,
  openOrders: [],
  demand: { perDay: 10, stdDevPerDay: 0 },
  ...overrides,
});

describe('stock projection', () => {
  it('shows the day stock falls below the minimum and the day it runs out', () => {
    const view = stockProjectionOf({ line, agreementVersion: 1, validFrom: '2026-01-01' }, situation(), 14);
    // 100 on hand, 10 a day: 30 after day 7 (< 40), -10 after day 11.
    expect(view.belowMinimumOn).toEqual(new Date(now.getTime() + 7 * DAY_MS));
    expect(view.stockoutOn).toEqual(new Date(now.getTime() + 11 * DAY_MS));
    expect(view.daysOfCover).toBe(10);
    expect(view.aboveMaximumOn).toBeNull();
    expect(view.days).toHaveLength(15);
    expect([view.minimum, view.maximum, view.reorderPoint]).toEqual([40, 120, 40]);
  });

  it('counts a scheduled receipt on its due day, and shows when it takes stock above the maximum', () => {
    const openOrders = [{ orderId: 'ORD-1', quantity: 90, dueAt: new Date(now.getTime() + 2 * DAY_MS) }];
    const view = stockProjectionOf({ line, agreementVersion: 1, validFrom: '2026-01-01' }, situation({ openOrders }), 14);
    expect(view.days[2]).toMatchObject({ receipts: 90, projected: 170 });
    expect(view.aboveMaximumOn).toEqual(new Date(now.getTime() + 2 * DAY_MS));
    expect(view.stockoutOn).toBeNull();
    expect(view.decisionNow).toMatch(/^No order/);
  });
});
