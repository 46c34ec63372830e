import { Agreement } from '@smi/agreements';
import { Party, sha256Hex } from '@smi/service-kit';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Agreements and parties of a test's own, as files a service reads through
 * SMI_AGREEMENTS_FILE and SMI_PARTIES_FILE, so tests on a shared broker use
 * sites and items nobody else does.
 */
export function writeAgreementsFile(agreements: Agreement[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'smi-agreements-')), 'agreements.json');
  writeFileSync(file, JSON.stringify({ agreements }, null, 2));
  return file;
}

export function writePartiesFile(parties: Array<Party & { apiKey: string }>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'smi-parties-')), 'parties.json');
  const records = parties.map(({ apiKey, ...party }) => ({ ...party, apiKeySha256: sha256Hex(apiKey) }));
  writeFileSync(file, JSON.stringify({ parties: records }, null, 2));
  return file;
}

/** A one-line agreement for a test, valid for all of this and next year. */
export function testAgreement(overrides: Partial<Agreement> & Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId' | 'lines'>): Agreement {
  const year = new Date().getUTCFullYear();
  return {
    currency: 'EUR',
    validFrom: `${year - 1}-01-01`,
    validTo: `${year + 1}-12-31`,
    penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
    ...overrides,
  };
}
