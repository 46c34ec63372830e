import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agreement, AgreementBook } from './agreement';

export const DEFAULT_AGREEMENTS_FILE = resolve(__dirname, '../../../deploy/seed/agreements.json');

/** Reads the agreements file (SMI_AGREEMENTS_FILE, else the demo seed); refuses an invalid one, naming each problem. */
export function loadAgreementBook(file = process.env.SMI_AGREEMENTS_FILE ?? DEFAULT_AGREEMENTS_FILE): AgreementBook {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { agreements: Agreement[] };
  return new AgreementBook(parsed.agreements);
}
