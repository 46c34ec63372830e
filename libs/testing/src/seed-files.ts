import { Agreement } from '@smi/agreements';
import { uniqueId } from './unique-id';
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

/**
 * A party with a webhook and no secret of its own gets `testWebhookSecretOf(id)`, so every test's
 * webhooks are signed and its receiver can verify them; `webhookSecret: null` leaves it without one.
 */
export function writePartiesFile(parties: Array<Party & { apiKey: string; webhookSecret?: string | null }>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'smi-parties-')), 'parties.json');
  const records = parties.map(({ apiKey, webhookSecret, ...party }) => ({
    ...party,
    ...(webhookSecret === null
      ? {}
      : party.webhookUrl || webhookSecret
        ? { webhookSecret: webhookSecret ?? testWebhookSecretOf(party.id) }
        : {}),
    apiKeySha256: sha256Hex(apiKey),
  }));
  writeFileSync(file, JSON.stringify({ parties: records }, null, 2));
  return file;
}

/** The webhook secret writePartiesFile gives a test party that names none. */
export const testWebhookSecretOf = (partyId: string): string => `test-webhook-secret-${partyId}`;

/** A one-line agreement for a test, valid for all of this and next year. */
export function testAgreement(
  overrides: Partial<Agreement> & Pick<Agreement, 'agreementId' | 'buyerId' | 'supplierId' | 'lines'>,
): Agreement {
  const year = new Date().getUTCFullYear();
  return {
    currency: 'EUR',
    validFrom: `${year - 1}-01-01`,
    validTo: `${year + 1}-12-31`,
    penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
    ...overrides,
  };
}

/** The usual cast of a visibility test: a buyer, its supplier, a supplier with no agreement, and an operator. */
export interface TestParties {
  buyer: string;
  supplier: string;
  otherSupplier: string;
  operator: string;
  keys: { buyer: string; supplier: string; otherSupplier: string; operator: string };
  /** The parties file, for SMI_PARTIES_FILE. */
  file: string;
}

export function writeTestParties(): TestParties {
  const ids = {
    buyer: uniqueId('buyer'),
    supplier: uniqueId('supplier'),
    otherSupplier: uniqueId('supplier'),
    operator: uniqueId('operator'),
  };
  const keys = { buyer: uniqueId('key'), supplier: uniqueId('key'), otherSupplier: uniqueId('key'), operator: uniqueId('key') };
  const file = writePartiesFile([
    { id: ids.buyer, kind: 'buyer', name: 'Test buyer', apiKey: keys.buyer },
    { id: ids.supplier, kind: 'supplier', name: 'Test supplier', apiKey: keys.supplier },
    { id: ids.otherSupplier, kind: 'supplier', name: 'Supplier without agreement', apiKey: keys.otherSupplier },
    { id: ids.operator, kind: 'operator', name: 'Test operator', apiKey: keys.operator },
  ]);
  return { ...ids, keys, file };
}
