import { Agreement, AgreementLine } from './agreement';
import { agreementFixture, versionFixture } from './agreement.fixtures';
import { agreementProblems, versionProblems } from './agreement-problems';

const lineProblems = (line: Partial<AgreementLine> | Record<string, unknown>) =>
  agreementProblems(agreementFixture({}, line as Partial<AgreementLine>));

describe('agreement validation', () => {
  it('accepts a sound agreement, and one using every term', () => {
    expect(agreementProblems(agreementFixture())).toEqual([]);
    const full = agreementFixture(
      {
        communication: { digestEveryHours: 24, immediateAlerts: true },
        contacts: [{ partyId: 'B', name: 'Ann', role: 'planner', email: 'ann@b.example', phone: '+33 1' }],
      },
      {
        levelsIn: 'days-of-supply',
        forecastPeriod: 'week',
        reorderPoint: 20,
        serviceLevel: { measure: 'fill-rate', target: 0.98 },
        safetyStock: { method: 'service-level' },
        policy: 'periodic-min-max',
        reviewPeriodDays: 7,
        deliveryWeekdays: ['MON', 'THU'],
        leadTimeStdDevDays: 0.5,
        minimumOrderQuantity: 10,
        maximumLot: 100,
        unitPrice: 3.5,
        approval: { maxQuantity: 60, maxValue: 200, vetoWindowHours: 4, expiresAfterHours: 48 },
        emergency: { allowed: true, leadTimeDays: 1 },
        penalties: { perStockoutDay: 50, perLateDelivery: 20, perShortDelivery: 10, fillRateFloor: 0.9, perFillRateShortfall: 300 },
      },
    );
    expect(agreementProblems(full)).toEqual([]);
  });

  it('names the field and the rule for each problem', () => {
    const bad = agreementFixture();
    bad.lines[0].maximum = 5;
    bad.lines[0].packMultiple = 0;
    bad.lines[0].leadTimeDays = -1;
    expect(agreementProblems(bad)).toEqual([
      'A1: lines[0].maximum must be >= minimum',
      'A1: lines[0].leadTimeDays must be >= 0',
      'A1: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept',
    ]);
  });

  it('refuses the same site x item twice in one agreement', () => {
    const bad = agreementFixture();
    bad.lines.push({ ...bad.lines[0] });
    expect(agreementProblems(bad)).toEqual(['A1: lines[1] repeats site site x item item']);
  });

  it.each<[string, Partial<AgreementLine> | Record<string, unknown>, string]>([
    [
      'a service-level target of 1',
      { serviceLevel: { measure: 'fill-rate', target: 1 } },
      'lines[0].serviceLevel.target must be between 0 and 1 exclusive',
    ],
    [
      'an unknown service-level measure',
      { serviceLevel: { measure: 'uptime', target: 0.9 } },
      'lines[0].serviceLevel.measure must be one of cycle-service-level, fill-rate',
    ],
    ['a zero minimum order quantity', { minimumOrderQuantity: 0 }, 'lines[0].minimumOrderQuantity must be > 0'],
    [
      'a maximum lot below the minimum order quantity',
      { minimumOrderQuantity: 20, maximumLot: 10 },
      'lines[0].maximumLot must be >= minimumOrderQuantity',
    ],
    ['a maximum lot below one pack', { maximumLot: 3 }, 'lines[0].maximumLot must be >= packMultiple'],
    [
      'an unknown policy',
      { policy: 'just-in-time' },
      'lines[0].policy must be one of min-max, order-up-to, periodic-min-max, fixed-quantity',
    ],
    [
      'fixed-quantity without a quantity',
      { policy: 'fixed-quantity' },
      'lines[0].fixedOrderQuantity is required for policy fixed-quantity',
    ],
    [
      'a fixed quantity under another policy',
      { fixedOrderQuantity: 30 },
      'lines[0].fixedOrderQuantity applies only to policy fixed-quantity',
    ],
    [
      'a periodic policy without a rhythm',
      { policy: 'order-up-to' },
      'lines[0].reviewPeriodDays or deliveryWeekdays is required for periodic policies (policy is order-up-to)',
    ],
    ['an unknown weekday', { deliveryWeekdays: ['MON', 'FUNDAY'] }, 'lines[0].deliveryWeekdays[1] must be one of MON..SUN'],
    ['a weekday twice', { deliveryWeekdays: ['MON', 'MON'] }, 'lines[0].deliveryWeekdays must not repeat a day'],
    [
      'a negative veto window',
      { approval: { vetoWindowHours: -1, expiresAfterHours: 24 } },
      'lines[0].approval.vetoWindowHours must be >= 0',
    ],
    [
      'an approval value limit without a price',
      { approval: { maxValue: 100, vetoWindowHours: 0, expiresAfterHours: 24 } },
      'lines[0].approval.maxValue needs unitPrice on the line',
    ],
    [
      'an emergency lead time no shorter than the regular one',
      { emergency: { allowed: true, leadTimeDays: 2 } },
      'lines[0].emergency.leadTimeDays must be < leadTimeDays',
    ],
    ['a reorder point above the maximum', { reorderPoint: 60 }, 'lines[0].reorderPoint must be >= 0 and <= maximum'],
    [
      'a negative safety stock',
      { safetyStock: { method: 'fixed', quantity: -5 } },
      'lines[0].safetyStock.quantity must be >= 0 for method fixed',
    ],
    [
      'service-level safety stock without a target',
      { safetyStock: { method: 'service-level' } },
      'lines[0].serviceLevel is required for safetyStock.method service-level',
    ],
    [
      'a fill-rate floor of 95 (a percentage)',
      { penalties: { fillRateFloor: 95 } },
      'lines[0].penalties.fillRateFloor must be between 0 and 1 exclusive',
    ],
    [
      'a shortfall penalty without a floor',
      { penalties: { perFillRateShortfall: 100 } },
      'lines[0].penalties.fillRateFloor is required with perFillRateShortfall',
    ],
    ['levels in an unknown unit', { levelsIn: 'weeks' }, 'lines[0].levelsIn must be one of units, days-of-supply'],
    ['forecast periods of a month', { forecastPeriod: 'month' }, 'lines[0].forecastPeriod must be one of day, week'],
    ['a misspelt term', { minimun: 10 }, 'lines[0].minimun is not a known field'],
    ['a minimum given as text', { minimum: '10' }, 'lines[0].minimum must be >= 0'],
  ])('refuses %s', (_case, line, problem) => {
    expect(lineProblems(line)).toContain(`A1: ${problem}`);
  });

  it.each<[string, Partial<Agreement> | Record<string, unknown>, string]>([
    ['no lines', { lines: [] }, 'lines must list at least one site x item'],
    ['a day that does not exist', { validTo: '2026-02-30' }, 'validTo must be a date YYYY-MM-DD (got 2026-02-30)'],
    ['validity ending before it begins', { validTo: '2025-12-31' }, 'validTo must not be before validFrom'],
    ['a lower-case currency', { currency: 'eur' }, 'currency must be a 3-letter ISO 4217 code (got eur)'],
    ['a party agreeing with itself', { supplierId: 'B' }, 'supplierId must differ from buyerId'],
    [
      'a fractional stockout allowance',
      { penalties: { allowedStockoutsPerMonth: 1.5, penaltyPerStockout: 0 } },
      'penalties.allowedStockoutsPerMonth must be a whole number >= 0',
    ],
    [
      'a digest every 0 hours',
      { communication: { digestEveryHours: 0, immediateAlerts: false } },
      'communication.digestEveryHours must be a whole number > 0',
    ],
    [
      'a contact of a third party',
      { contacts: [{ partyId: 'X', name: 'Xavier', role: 'sales' }] },
      'contacts[0].partyId must be the buyer or the supplier',
    ],
    ['an unknown top-level field', { valdTo: '2026-12-31' }, 'valdTo is not a known field'],
  ])('refuses %s', (_case, overrides, problem) => {
    expect(agreementProblems(agreementFixture(overrides as Partial<Agreement>))).toContain(`A1: ${problem}`);
  });

  it('answers anything that is not an agreement with problems, not an exception', () => {
    expect(agreementProblems(null as unknown as Agreement)).toEqual(['agreement: must be an object']);
    expect(agreementProblems({ agreementId: 'A9', lines: 'none' } as unknown as Agreement)).toContain(
      'A9: lines must list at least one site x item',
    );
  });
});

describe('agreement version validation', () => {
  it('wants a reason, a changer and one spelling of each timestamp', () => {
    const version = versionFixture(agreementFixture(), { version: 2, changeReason: '', changedBy: '', effectiveFrom: '2026-07-01' });
    expect(versionProblems(version)).toEqual([
      'A1 v2: effectiveFrom must be an ISO-8601 UTC timestamp like 2026-07-01T00:00:00.000Z (got 2026-07-01)',
      'A1 v2: changedBy is required',
      'A1 v2: changeReason is required',
    ]);
  });

  it("includes the agreement's own problems", () => {
    expect(versionProblems(versionFixture(agreementFixture({}, { packMultiple: 0 })))).toEqual([
      'A1: lines[0].packMultiple must be at least 0.000001, the smallest quantity kept',
    ]);
  });
});

describe('agreement bounds (bounds.ts)', () => {
  it.each([
    ['a lead time of 1e308 days', { leadTimeDays: 1e308 }, 'lines[0].leadTimeDays must be at most 365 (got 1e+308)'],
    ['a lead time of 2^53+1 days', { leadTimeDays: 2 ** 53 + 1 }, 'lines[0].leadTimeDays must be at most 365 (got 9007199254740992)'],
    ['a lead time of 3e9 days', { leadTimeDays: 3e9 }, 'lines[0].leadTimeDays must be at most 365 (got 3000000000)'],
    ['a review period beyond a year', { policy: 'order-up-to', reviewPeriodDays: 366 }, 'lines[0].reviewPeriodDays must be at most 365'],
    ['a maximum of 1e12', { maximum: 1e12 }, 'lines[0].maximum must be at most 1,000,000,000 (got 1000000000000)'],
    ['a pack of 1e10', { packMultiple: 1e10 }, 'lines[0].packMultiple must be at most 1,000,000,000'],
    ['a unit price of 1e12', { unitPrice: 1e12 }, 'lines[0].unitPrice must be at most 1,000,000,000'],
    ['a stockout-day penalty of 1e12', { penalties: { perStockoutDay: 1e12 } }, 'lines[0].penalties.perStockoutDay must be at most'],
    ['levels of 400 days of supply', { levelsIn: 'days-of-supply', maximum: 400 }, 'lines[0].maximum must be at most 365'],
    ['an emergency lead time of 1e9 days', { emergency: { allowed: true, leadTimeDays: 1e9 } }, 'lines[0].emergency.leadTimeDays must be'],
    [
      'a veto window of 1e9 hours',
      { approval: { vetoWindowHours: 1e9, expiresAfterHours: 1 } },
      'lines[0].approval.vetoWindowHours must be at most 8,760',
    ],
    ['a NUL byte in an item id', { itemId: 'part\u0000' }, 'lines[0].itemId must not contain control characters'],
    ['half a surrogate pair in a site id', { siteId: 'plant-\ud800' }, 'lines[0].siteId must be valid Unicode'],
    ['a pack multiple of 7e-323', { packMultiple: 7e-323 }, 'lines[0].packMultiple must be at least 0.000001'],
    ['a unit longer than 32 characters', { unit: 'U'.repeat(33) }, 'lines[0].unit must be at most 32 characters (got 33)'],
  ])('refuses %s', (_case, line, problem) => {
    expect(lineProblems(line).some((found) => found.startsWith(`A1: ${problem}`))).toBe(true);
  });

  it('refuses a penalty of 1e12 per stockout, a newline in a buyer id and more lines than a record carries', () => {
    const problems = agreementProblems(
      agreementFixture({
        buyerId: 'B\nforged log line',
        penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 1e12 },
      }),
    );
    expect(problems).toContain('A1: penalties.penaltyPerStockout must be at most 1,000,000,000 (got 1000000000000)');
    expect(problems).toContain('A1: buyerId must not contain control characters');
    const line = agreementFixture().lines[0];
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...line, itemId: `item-${i}` }));
    expect(agreementProblems(agreementFixture({ lines: many }))).toEqual(['A1: lines must list at most 1000 site x items (got 1001)']);
  });

  it('accepts every term at its bound', () => {
    const atBounds = agreementFixture(
      { penalties: { allowedStockoutsPerMonth: 1000, penaltyPerStockout: 1e9 } },
      { leadTimeDays: 365, minimum: 0, maximum: 1e9, packMultiple: 1e9, unitPrice: 1e9, penalties: { perStockoutDay: 1e9 } },
    );
    expect(agreementProblems(atBounds)).toEqual([]);
  });
});
