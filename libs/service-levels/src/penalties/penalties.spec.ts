import { lineDaysFromLevels } from '../line-days';
import { centsOf, moneyWords } from '../money';
import { periodOf } from '../period';
import type { LinePenaltyRates } from '../service-level-facts';
import { deliveryLine, ratesOnWorked, version1, version2, workedDeliveries, workedLevels } from '../service-levels.fixtures';
import { penaltiesFor } from './penalties';

// The worked month (service-levels.fixtures): stockout 1 Mar 2 12:00 - Mar 4 18:00, stockout 2 Mar 5 08:00-14:00;
// O-1 2 days late, O-2 5 short, O-3 partly received, O-4 still on its way; version 2 from Mar 4 (perStockoutDay 50 -> 80).
const days = lineDaysFromLevels({ from: '2026-02-01', openingOnHand: 300, levels: workedLevels() }, periodOf('2026-03'));
const month = { period: '2026-03', days, deliveries: workedDeliveries(), ratesOn: ratesOnWorked };

describe('penalties of a line’s month, by the version in force on each breach’s day', () => {
  const items = penaltiesFor(month);
  const item = (rule: string, version: number) => items.find((i) => i.rule === rule && i.agreementVersion === version);

  it('charges the month exactly, to the cent', () => {
    expect(
      items.map(({ rule, agreementVersion, quantity, rate, amount, amountCents, explanation }) => ({
        rule,
        agreementVersion,
        quantity,
        rate,
        amount,
        amountCents,
        explanation,
      })),
    ).toEqual([
      // Stockout days Mar 2, 3 under version 1: 2 x 50 = 100.00.
      {
        rule: 'STOCKOUT_DAYS',
        agreementVersion: 1,
        quantity: 2,
        rate: 50,
        amount: 100,
        amountCents: 10000,
        explanation: '2 stockout days x 50.00 EUR = 100.00 EUR',
      },
      // Mar 4, 5 under version 2: 2 x 80 = 160.00.
      {
        rule: 'STOCKOUT_DAYS',
        agreementVersion: 2,
        quantity: 2,
        rate: 80,
        amount: 160,
        amountCents: 16000,
        explanation: '2 stockout days x 80.00 EUR = 160.00 EUR',
      },
      // O-1 promised Mar 6 (version 2), arrived Mar 8: 2 days; O-4 promised Mar 28, open at the close: 3 days to Mar 31.
      // 5 x 25.50 = 127.50.
      {
        rule: 'LATE_DELIVERY',
        agreementVersion: 2,
        quantity: 5,
        rate: 25.5,
        amount: 127.5,
        amountCents: 12750,
        explanation: '5 days late x 25.50 EUR = 127.50 EUR',
      },
      // O-2: 50 ordered, 45 dispatched: 5 x 3.333 = 16.665, half away from zero: 16.67.
      {
        rule: 'SHORT_DELIVERY',
        agreementVersion: 2,
        quantity: 5,
        rate: 3.333,
        amount: 16.67,
        amountCents: 1667,
        explanation: '5 units short x 3.333 EUR = 16.67 EUR',
      },
      // Fill rate 70 / 100 = 70% < 90% (version 2, in force on Mar 31): 1 x 1000.
      {
        rule: 'FILL_RATE_FLOOR',
        agreementVersion: 2,
        quantity: 1,
        rate: 1000,
        amount: 1000,
        amountCents: 100000,
        explanation: 'fill rate 70.00% below the floor of 90.00%: 1 month x 1000.00 EUR = 1000.00 EUR',
      },
      // Stockout 1 (Mar 2) is the one allowed; stockout 2 (Mar 5, version 2) is beyond: 1 x 500.
      {
        rule: 'STOCKOUTS_BEYOND_ALLOWANCE',
        agreementVersion: 2,
        quantity: 1,
        rate: 500,
        amount: 500,
        amountCents: 50000,
        explanation: '2 stockouts begun, 1 stockout beyond the allowance x 500.00 EUR = 500.00 EUR',
      },
    ]);
    // 100 + 160 + 127.50 + 16.67 + 1000 + 500 = 1904.17.
    expect(items.reduce((sum, i) => sum + i.amountCents, 0)).toBe(190417);
    expect(items.every((i) => i.period === '2026-03' && i.currency === 'EUR')).toBe(true);
  });

  it('names the records behind each penalty', () => {
    expect(item('STOCKOUT_DAYS', 1)!.evidence.map((e) => [e.kind, e.id, e.quantity])).toEqual([
      ['STOCKOUT_DAY', '2026-03-02', 0],
      ['STOCK_LEVEL', 'lvl-30', 0],
      ['STOCKOUT_DAY', '2026-03-03', 0],
    ]);
    expect(item('STOCKOUT_DAYS', 2)!.evidence.map((e) => [e.kind, e.id, e.quantity])).toEqual([
      ['STOCKOUT_DAY', '2026-03-04', 0],
      ['STOCKOUT_DAY', '2026-03-05', -5],
      ['STOCK_LEVEL', 'lvl-33', -5],
    ]);
    const late = item('LATE_DELIVERY', 2)!.evidence;
    expect(late.map((e) => [e.kind, e.id, e.quantity])).toEqual([
      ['ORDER', 'O-1', 2],
      ['SHIPMENT', 'S-1', 100],
      ['RECEIPT', 'rcpt-1', null],
      ['ORDER', 'O-4', 3],
      ['SHIPMENT', 'S-4', 40],
    ]);
    expect(late[0].note).toBe('order O-1 promised for 2026-03-06, delivered 2026-03-08: 2 days late');
    expect(late[3].note).toBe('order O-4 promised for 2026-03-28, not delivered by 2026-03-31: 3 days late so far');
    expect(item('SHORT_DELIVERY', 2)!.evidence[0]).toEqual({
      kind: 'ORDER',
      id: 'O-2',
      at: new Date('2026-03-10T00:00:00Z'),
      quantity: 5,
      note: 'order O-2: ordered 50, dispatched 45: 5 units short',
    });
    const fill = item('FILL_RATE_FLOOR', 2)!.evidence;
    expect(fill[0]).toMatchObject({ kind: 'KPI', id: 'fill-rate/2026-03', quantity: 0.7 });
    // Unmet: Mar 2 15 - 10 = 5, Mar 3 10, Mar 4 7.5, Mar 5 7.5 (5 booked beyond stock + 2.5 lost).
    expect(fill.slice(1).map((e) => [e.id, e.quantity])).toEqual([
      ['2026-03-02', 5],
      ['2026-03-03', 10],
      ['2026-03-04', 7.5],
      ['2026-03-05', 7.5],
    ]);
    expect(item('STOCKOUTS_BEYOND_ALLOWANCE', 2)!.evidence).toEqual([
      {
        kind: 'STOCK_LEVEL',
        id: 'lvl-33',
        at: new Date('2026-03-05T08:00:00Z'),
        quantity: -5,
        note: 'stockout 2 begun in 2026-03, beyond the 1 allowed',
      },
    ]);
  });

  it('corrects a late line once it is delivered: the days up to its first arrival', () => {
    // O-4 arrives Apr 2: Mar 28 -> Apr 2 = 5 days; with O-1's 2, 7 x 25.50 = 178.50.
    const deliveries = workedDeliveries().map((l) => (l.orderId === 'O-4' ? { ...l, deliveredAt: new Date('2026-04-02T09:00:00Z') } : l));
    const late = penaltiesFor({ ...month, deliveries }).find((i) => i.rule === 'LATE_DELIVERY')!;
    expect([late.quantity, late.amount]).toEqual([7, 178.5]);
  });

  it('counts a line in the month of its promised day, by the version in force that day', () => {
    // Promised Mar 3 (version 1), arrived Apr 1: 29 days late, counted in March under version 1.
    const line = deliveryLine({
      orderId: 'O-9',
      promisedAt: new Date('2026-03-03T00:00:00Z'),
      deliveredAt: new Date('2026-04-01T00:00:00Z'),
    });
    const march = penaltiesFor({ period: '2026-03', days: [], deliveries: [line], ratesOn: ratesOnWorked });
    expect(march.map((i) => [i.rule, i.agreementVersion, i.quantity, i.amount])).toEqual([['LATE_DELIVERY', 1, 29, 739.5]]);
    expect(penaltiesFor({ period: '2026-04', days: [], deliveries: [line], ratesOn: ratesOnWorked })).toEqual([]);
  });

  it('claims nothing for a rule the version does not set, nor on days no version is in force', () => {
    const bare: LinePenaltyRates = { agreementVersion: 3, currency: 'EUR', allowedStockoutsPerMonth: 5, penaltyPerStockout: 500 };
    expect(penaltiesFor({ ...month, ratesOn: () => bare })).toEqual([]);
    expect(penaltiesFor({ ...month, ratesOn: () => undefined })).toEqual([]);
  });

  it('takes the fill-rate floor from the last day the line was in force when it ended mid-month', () => {
    // Line in force until Mar 20 under version 1 (floor 0.9, 1000), none after: still charged under version 1.
    const items = penaltiesFor({ ...month, ratesOn: (day) => (day <= '2026-03-20' ? version1 : undefined) });
    expect(items.find((i) => i.rule === 'FILL_RATE_FLOOR')).toMatchObject({ agreementVersion: 1, amount: 1000 });
  });

  it('applies each version’s allowance to the stockouts begun under it, counting the month’s stockouts in order', () => {
    // Version 2 from Mar 4 allows 2: stockout 2 (Mar 5) is within it.
    const lenient = penaltiesFor({
      ...month,
      ratesOn: (day) => (day < '2026-03-04' ? version1 : { ...version2, allowedStockoutsPerMonth: 2 }),
    });
    expect(lenient.find((i) => i.rule === 'STOCKOUTS_BEYOND_ALLOWANCE')).toBeUndefined();
    // None allowed in either version: stockout 1 under version 1, stockout 2 under version 2 (penalty 300 there).
    const strict = penaltiesFor({
      ...month,
      ratesOn: (day) =>
        day < '2026-03-04'
          ? { ...version1, allowedStockoutsPerMonth: 0 }
          : { ...version2, allowedStockoutsPerMonth: 0, penaltyPerStockout: 300 },
    });
    expect(strict.filter((i) => i.rule === 'STOCKOUTS_BEYOND_ALLOWANCE').map((i) => [i.agreementVersion, i.quantity, i.amount])).toEqual([
      [1, 1, 500],
      [2, 1, 300],
    ]);
  });

  it('refuses a period that is not a month', () => {
    expect(() => penaltiesFor({ ...month, period: '2026-W10' })).toThrow('penalty periods are months YYYY-MM (got 2026-W10)');
  });
});

describe('amounts to the cent', () => {
  it('rounds the exact product half away from zero', () => {
    // 0.145 as written is exactly half a cent above 0.14: 0.15 (binary 0.145 is 0.14499999...).
    expect(centsOf(0.145, 1)).toBe(15);
    expect(centsOf(-0.145, 1)).toBe(-15);
    expect(centsOf(2.675, 1)).toBe(268);
    // 3 x 0.005 = 0.015 -> 0.02; 7 x 0.0049 = 0.0343 -> 0.03.
    expect(centsOf(3, 0.005)).toBe(2);
    expect(centsOf(7, 0.0049)).toBe(3);
    expect(centsOf(1.5, 1e-7)).toBe(0);
    expect(centsOf(2, 1e21)).toBe(2e23);
    expect(moneyWords(190417, 'EUR')).toBe('1904.17 EUR');
    expect(moneyWords(-5, 'EUR')).toBe('-0.05 EUR');
  });
});
