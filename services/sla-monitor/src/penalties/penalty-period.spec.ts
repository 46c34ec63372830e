import { Agreement, AgreementVersion } from '@smi/agreements';
import { closeGraceHoursFrom, closeMomentOf, linesInMonth, monthsDue, ratesOnOf } from './penalty-period';

const agreement = (overrides: Partial<Agreement> = {}): Agreement => ({
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-02-10',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
  lines: [
    {
      siteId: 'plant-1',
      itemId: 'coolant',
      unit: 'L',
      minimum: 10,
      maximum: 50,
      leadTimeDays: 2,
      packMultiple: 5,
      penalties: { perStockoutDay: 50 },
    },
  ],
  ...overrides,
});
const version = (v: number, effectiveFrom: string, terms: Agreement, status: AgreementVersion['status'] = 'active'): AgreementVersion => ({
  agreement: terms,
  version: v,
  effectiveFrom,
  status,
  changedBy: 'northwind',
  changedAt: effectiveFrom,
  changeReason: 'test',
});

describe('closing penalty months', () => {
  it('closes month M at the first moment of M+1 plus the grace', () => {
    expect(closeMomentOf('2026-03', 24)).toEqual(new Date('2026-04-02T00:00:00Z'));
    expect(closeMomentOf('2026-12', 6)).toEqual(new Date('2027-01-01T06:00:00Z'));
    expect(closeMomentOf('2026-02', 0)).toEqual(new Date('2026-03-01T00:00:00Z'));
  });

  it('reads the grace from SMI_PERIOD_CLOSE_GRACE_HOURS, 24 by default', () => {
    expect(closeGraceHoursFrom({})).toBe(24);
    expect(closeGraceHoursFrom({ SMI_PERIOD_CLOSE_GRACE_HOURS: '0.5' })).toBe(0.5);
    expect(() => closeGraceHoursFrom({ SMI_PERIOD_CLOSE_GRACE_HOURS: '-1' })).toThrow('SMI_PERIOD_CLOSE_GRACE_HOURS');
  });

  it('finds the months of an agreement whose close moment has come, from its first valid month', () => {
    const history = [version(1, '2026-02-10T00:00:00Z', agreement())];
    // 1 May 23:59 is before April's close (2 May 00:00): February and March only.
    expect(monthsDue(history, new Date('2026-05-01T23:59:59Z'), 24)).toEqual(['2026-02', '2026-03']);
    expect(monthsDue(history, new Date('2026-05-02T00:00:00Z'), 24)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(monthsDue(history, new Date('2026-03-01T23:00:00Z'), 24)).toEqual([]);
  });

  it('closes no month after the agreement retired, nor after its validity', () => {
    const retiredInApril = [version(1, '2026-02-10T00:00:00Z', agreement()), version(2, '2026-04-15T12:00:00Z', agreement(), 'retired')];
    expect(monthsDue(retiredInApril, new Date('2026-09-10T00:00:00Z'), 24)).toEqual(['2026-02', '2026-03', '2026-04']);
    const endsInMarch = [version(1, '2026-02-10T00:00:00Z', agreement({ validTo: '2026-03-31' }))];
    expect(monthsDue(endsInMarch, new Date('2026-09-10T00:00:00Z'), 24)).toEqual(['2026-02', '2026-03']);
  });

  it('covers every line any version had in the month', () => {
    const withSecondLine = agreement({
      lines: [
        ...agreement().lines,
        { siteId: 'plant-2', itemId: 'filter', unit: 'EA', minimum: 1, maximum: 9, leadTimeDays: 3, packMultiple: 1 },
      ],
    });
    const history = [version(1, '2026-02-10T00:00:00Z', agreement()), version(2, '2026-03-20T09:00:00Z', withSecondLine)];
    expect(linesInMonth(history, '2026-02')).toEqual([{ siteId: 'plant-1', itemId: 'coolant' }]);
    expect(linesInMonth(history, '2026-03')).toEqual([
      { siteId: 'plant-1', itemId: 'coolant' },
      { siteId: 'plant-2', itemId: 'filter' },
    ]);
  });

  it('prices each day with the version in force at its end, none where the line was not covered', () => {
    const raised = agreement({
      penalties: { allowedStockoutsPerMonth: 0, penaltyPerStockout: 300 },
      lines: [{ ...agreement().lines[0], penalties: { perStockoutDay: 80, fillRateFloor: 0.9, perFillRateShortfall: 500 } }],
    });
    const history = [
      version(1, '2026-02-10T00:00:00Z', agreement()),
      version(2, '2026-03-20T09:00:00Z', raised),
      version(3, '2026-03-25T00:00:00Z', raised, 'retired'),
    ];
    const ratesOn = ratesOnOf(history, { siteId: 'plant-1', itemId: 'coolant' });
    expect(ratesOn('2026-02-09')).toBeUndefined();
    expect(ratesOn('2026-03-19')).toEqual({
      agreementVersion: 1,
      currency: 'EUR',
      allowedStockoutsPerMonth: 1,
      penaltyPerStockout: 250,
      perStockoutDay: 50,
    });
    // Amended at 09:00 on the 20th: the 20th is priced by version 2.
    expect(ratesOn('2026-03-20')).toEqual({
      agreementVersion: 2,
      currency: 'EUR',
      allowedStockoutsPerMonth: 0,
      penaltyPerStockout: 300,
      perStockoutDay: 80,
      fillRateFloor: 0.9,
      perFillRateShortfall: 500,
    });
    expect(ratesOn('2026-03-24')?.agreementVersion).toBe(2);
    expect(ratesOn('2026-03-25')).toBeUndefined();
    expect(ratesOnOf(history, { siteId: 'plant-9', itemId: 'coolant' })('2026-03-01')).toBeUndefined();
  });
});
