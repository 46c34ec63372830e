import { AvroCodec, topics } from '@smi/contracts';
import fc from 'fast-check';
import {
  Agreement,
  AgreementLine,
  AgreementVersion,
  REPLENISHMENT_POLICIES,
  SERVICE_LEVEL_MEASURES,
  TUNABLE_LINE_TERMS,
  WEEKDAYS,
} from './agreement';
import { agreementVersionEvent, agreementVersionOf, canonicalAgreement } from './agreement-event';
import { agreementFixture, versionFixture } from './agreement.fixtures';

const text = fc.string({ minLength: 1, maxLength: 12 });
const amount = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
const int32 = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const instant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Lines in canonical form: a term is either given with a value the event can tell from its default, or absent. */
const line: fc.Arbitrary<AgreementLine> = fc.record(
  {
    siteId: text,
    itemId: text,
    unit: text,
    levelsIn: fc.constant('days-of-supply' as const),
    forecastPeriod: fc.constant('week' as const),
    minimum: amount,
    maximum: amount,
    reorderPoint: amount,
    serviceLevel: fc.record({ measure: fc.constantFrom(...SERVICE_LEVEL_MEASURES), target: amount }),
    safetyStock: fc.oneof(
      fc.record({ method: fc.constant('fixed' as const), quantity: amount }),
      fc.record({ method: fc.constant('days-of-cover' as const), days: amount }),
      fc.constant({ method: 'service-level' as const }),
    ),
    policy: fc.constantFrom(...REPLENISHMENT_POLICIES.filter((p) => p !== 'min-max')),
    fixedOrderQuantity: amount,
    reviewPeriodDays: amount,
    deliveryWeekdays: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1 }),
    leadTimeDays: amount,
    leadTimeStdDevDays: amount,
    minimumOrderQuantity: amount,
    packMultiple: amount,
    maximumLot: amount,
    unitPrice: amount,
    approval: fc.record(
      { maxQuantity: amount, maxValue: amount, vetoWindowHours: amount, expiresAfterHours: amount },
      { requiredKeys: ['vetoWindowHours', 'expiresAfterHours'] },
    ),
    emergency: fc.record({ allowed: fc.boolean(), leadTimeDays: amount }),
    penalties: fc
      .record(
        { perStockoutDay: amount, perLateDelivery: amount, perShortDelivery: amount, fillRateFloor: amount, perFillRateShortfall: amount },
        { requiredKeys: [] },
      )
      .filter((p) => Object.keys(p).length > 0),
  },
  { requiredKeys: ['siteId', 'itemId', 'unit', 'minimum', 'maximum', 'leadTimeDays', 'packMultiple'] },
);

const agreement: fc.Arbitrary<Agreement> = fc.record(
  {
    agreementId: text,
    buyerId: text,
    supplierId: text,
    currency: text,
    validFrom: text,
    validTo: text,
    penalties: fc.record({ allowedStockoutsPerMonth: int32, penaltyPerStockout: amount }),
    communication: fc.record({ digestEveryHours: int32, immediateAlerts: fc.boolean() }),
    contacts: fc.array(
      fc.record({ partyId: text, name: text, role: text, email: text, phone: text }, { requiredKeys: ['partyId', 'name', 'role'] }),
      { minLength: 1, maxLength: 3 },
    ),
    lines: fc.array(line, { minLength: 1, maxLength: 4 }),
    tunableAlone: fc.array(
      fc.record({
        by: fc.constantFrom('buyer' as const, 'supplier' as const),
        term: fc.constantFrom(...TUNABLE_LINE_TERMS),
        min: amount,
        max: amount,
      }),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['agreementId', 'buyerId', 'supplierId', 'currency', 'validFrom', 'validTo', 'penalties', 'lines'] },
);

const version: fc.Arbitrary<AgreementVersion> = fc.record({
  agreement,
  version: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  effectiveFrom: instant,
  status: fc.constantFrom('active' as const, 'retired' as const),
  changedBy: text,
  changedAt: instant,
  changeReason: text,
});

describe('agreement versions on the agreements topic', () => {
  const codec = new AvroCodec();

  it('read back exactly as written, through the Avro schema', async () => {
    await fc.assert(
      fc.asyncProperty(version, async (written) => {
        const bytes = await codec.encode(topics.agreements, agreementVersionEvent(written));
        expect(agreementVersionOf(await codec.decode(topics.agreements, bytes))).toEqual(written);
      }),
      { numRuns: 300 },
    );
  });

  it('carry the event id agreementId/v<version>, keyed by agreement', () => {
    const event = agreementVersionEvent(versionFixture(agreementFixture(), { version: 3, status: 'retired' }));
    expect(event).toMatchObject({
      eventId: 'A1/v3',
      agreementId: 'A1',
      version: 3,
      status: 'RETIRED',
      effectiveFrom: new Date('2026-01-01T00:00:00Z'),
    });
    expect(topics.agreements.keyOf(event)).toBe('A1');
  });

  it('leave out terms written with their default value, which mean the same as no term', () => {
    const explicit = agreementFixture(
      { contacts: [] },
      { policy: 'min-max', levelsIn: 'units', deliveryWeekdays: [], emergency: { allowed: false, leadTimeDays: 1 }, penalties: {} },
    );
    expect(canonicalAgreement(explicit)).toEqual(agreementFixture({}, { emergency: { allowed: false, leadTimeDays: 1 } }));
    expect(Object.keys(canonicalAgreement(explicit).lines[0])).not.toContain('policy');
  });
});
