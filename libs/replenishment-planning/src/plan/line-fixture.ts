import type { AgreementLine } from '@smi/agreements';

/** An agreement line for tests: brake pads at Lyon, min 40 / max 120, 4 days lead time, packs of 10. */
export const brakePadLine = (overrides: Partial<AgreementLine> = {}): AgreementLine => ({
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  unit: 'each',
  minimum: 40,
  maximum: 120,
  leadTimeDays: 4,
  packMultiple: 10,
  ...overrides,
});
