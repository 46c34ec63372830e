import { Agreement, AgreementLine, AgreementVersion } from './agreement';

/** A sound one-line agreement for 2026, for tests to break or build on. */
export const agreementFixture = (overrides: Partial<Agreement> = {}, line: Partial<AgreementLine> = {}): Agreement => ({
  agreementId: 'A1',
  buyerId: 'B',
  supplierId: 'S',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 100 },
  lines: [{ siteId: 'site', itemId: 'item', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5, ...line }],
  ...overrides,
});

/** A version of an agreement, by default version 1 effective from its first valid day. */
export const versionFixture = (agreement: Agreement, overrides: Partial<AgreementVersion> = {}): AgreementVersion => ({
  agreement,
  version: 1,
  effectiveFrom: `${agreement.validFrom}T00:00:00.000Z`,
  status: 'active',
  changedBy: 'S',
  changedAt: '2025-12-01T09:00:00.000Z',
  changeReason: 'signed',
  ...overrides,
});
