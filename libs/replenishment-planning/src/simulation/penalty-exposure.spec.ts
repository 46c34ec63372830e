import type { AgreementLine } from '@smi/agreements';
import { lineDaysFromLevels, penaltiesFor, periodOf, type LevelFact, type LinePenaltyRates } from '@smi/service-levels';
import { DAY_MS } from '../calendar/delivery-calendar';
import { simulateWhatIf, type WhatIfResult } from './what-if-simulator';
import type { WhatIfInput } from './what-if-input';

// The demo's coolant line: 30 L a day against min 50 / max 200 and a 5-day lead time runs out
// again and again. It carries no penalties of its own; its agreement allows 1 stockout a month
// and charges 500 EUR for each beyond.
const coolant: AgreementLine = {
  siteId: 'plant-turin',
  itemId: 'coolant-c5l',
  unit: 'L',
  minimum: 50,
  maximum: 200,
  leadTimeDays: 5,
  packMultiple: 20,
};
const agreementPenalties = { allowedStockoutsPerMonth: 1, penaltyPerStockout: 500 };
const demo: WhatIfInput = {
  line: coolant,
  demand: Array(90).fill(30),
  bucketDays: 1,
  validFrom: '2026-01-01',
  initialOnHand: 200,
  agreementPenalties,
};

/**
 * The live monitor's view of a replay: the stock levels the buyer's books would have sent (each
 * day the receipts due, then the day's consumption, at the day's first moment; demand owed is
 * negative stock), read by lineDaysFromLevels as sla-monitor reads them. The replay knows its
 * demand exactly, so each day's demand and met are the replay's (the monitor estimates demand
 * lost while out of stock; that estimate is the one thing the two cannot share).
 */
function liveDays(input: WhatIfInput, result: WhatIfResult, month: string) {
  const start = Date.parse(`${input.validFrom}T00:00:00Z`);
  const levels: LevelFact[] = [];
  let onHand = input.initialOnHand ?? input.line.maximum;
  const add = (day: number, movementKind: 'RECEIPT' | 'CONSUMPTION', quantity: number) => {
    onHand = Math.round((onHand + (movementKind === 'RECEIPT' ? quantity : -quantity)) * 1e6) / 1e6;
    levels.push({
      eventId: `lvl-${levels.length + 1}`,
      sequence: levels.length + 1,
      asOf: new Date(start + day * DAY_MS),
      onHand,
      movementKind,
      movementQuantity: quantity,
    });
  };
  result.buckets.forEach((bucket, day) => {
    // An order arrives on the first day that starts at or after it is due.
    const due = result.orderLog.filter((order) => Math.ceil((Date.parse(order.dueAt) - start) / DAY_MS) === day);
    if (due.length > 0)
      add(
        day,
        'RECEIPT',
        due.reduce((sum, order) => sum + order.quantity, 0),
      );
    if (bucket.demand > 0) add(day, 'CONSUMPTION', bucket.demand);
  });
  const exact = new Map(result.buckets.map((bucket) => [bucket.start, bucket]));
  return lineDaysFromLevels(
    { from: input.validFrom!, openingOnHand: input.initialOnHand ?? input.line.maximum, levels },
    periodOf(month),
  ).map((day) => ({ ...day, demand: exact.get(day.day)?.demand ?? 0, metFromStock: exact.get(day.day)?.metFromStock ?? 0 }));
}

const amountsByRule = (items: { rule: string; amountCents: number }[]) => {
  const cents: Record<string, number> = {};
  for (const item of items) cents[item.rule] = (cents[item.rule] ?? 0) + item.amountCents;
  return Object.fromEntries(Object.entries(cents).map(([rule, sum]) => [rule, sum / 100]));
};

describe('penalty exposure of a what-if, priced by the live monitor’s rules', () => {
  it('charges the demo’s coolant line for the stockouts beyond the agreement’s allowance, as the monitor does', () => {
    const result = simulateWhatIf(demo);
    const monthly = result.penaltyExposure.penalties;
    // Each month: (stockouts begun - 1 allowed) x 500 EUR; before, the what-if priced only the line's own terms: 0.
    expect(monthly.length).toBeGreaterThan(0);
    for (const penalty of monthly) {
      expect(penalty).toMatchObject({ rule: 'STOCKOUTS_BEYOND_ALLOWANCE', rate: 500, amount: penalty.quantity * 500, currency: 'EUR' });
    }
    expect(result.penaltyExposure.stockoutsBeyondAllowance).toBe(monthly.reduce((sum, p) => sum + p.amount, 0));
    expect(result.penaltyExposure.total).toBe(result.penaltyExposure.stockoutsBeyondAllowance);
    expect(result.penaltyExposure.total).toBeGreaterThan(0);
    // Without the agreement's terms only the line's own count, and it has none.
    expect(simulateWhatIf({ ...demo, agreementPenalties: undefined }).penaltyExposure.total).toBe(0);
  });

  it('equals what the live monitor charges on the same days, rule by rule, to the cent', () => {
    const penalties = { perStockoutDay: 37.335, fillRateFloor: 0.97, perFillRateShortfall: 1234.565 };
    const input: WhatIfInput = {
      ...demo,
      line: { ...coolant, penalties },
      // Uneven demand over three months, so months differ.
      demand: Array.from({ length: 90 }, (_, day) => [30, 12, 45, 0, 28, 61, 7][day % 7]),
      agreementVersion: 4,
    };
    const result = simulateWhatIf(input);
    const rates: LinePenaltyRates = { agreementVersion: 4, currency: 'EUR', ...penalties, ...agreementPenalties };
    const live = ['2026-01', '2026-02', '2026-03'].flatMap((month) =>
      penaltiesFor({ period: month, days: liveDays(input, result, month), deliveries: [], ratesOn: () => rates }),
    );
    const exposure = result.penaltyExposure;
    expect(live.length).toBeGreaterThan(0);
    const byRule = amountsByRule(live);
    expect({
      stockoutDays: exposure.stockoutDays,
      fillRateShortfalls: exposure.fillRateShortfalls,
      stockoutsBeyondAllowance: exposure.stockoutsBeyondAllowance,
    }).toEqual({
      stockoutDays: byRule.STOCKOUT_DAYS ?? 0,
      fillRateShortfalls: byRule.FILL_RATE_FLOOR ?? 0,
      stockoutsBeyondAllowance: byRule.STOCKOUTS_BEYOND_ALLOWANCE ?? 0,
    });
    expect(exposure.penalties).toEqual(live.map(({ evidence: _e, amountCents: _c, ...item }) => item));
    expect(exposure.total).toBe(live.reduce((sum, item) => sum + item.amountCents, 0) / 100);
    // Every rule was at work here: the days, the floor and the allowance.
    expect(Object.keys(byRule).sort()).toEqual(['FILL_RATE_FLOOR', 'STOCKOUTS_BEYOND_ALLOWANCE', 'STOCKOUT_DAYS']);
    expect(result.stockoutDays).toBe(live.filter((i) => i.rule === 'STOCKOUT_DAYS').reduce((sum, i) => sum + i.quantity, 0));
  });
});
