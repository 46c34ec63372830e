import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agreement, AgreementVersion } from './agreement';
import { AgreementBook } from './agreement-book';
import { canonicalAgreement } from './agreement-event';
import { agreementProblems } from './agreement-problems';

export const DEFAULT_AGREEMENTS_FILE = resolve(__dirname, '../../../deploy/seed/agreements.json');

/** Who a version read from the agreements file was changed by. */
export const SEED_FILE_CHANGER = 'seed-file';

/**
 * The agreements file (SMI_AGREEMENTS_FILE, else the demo seed) as version 1 of
 * each agreement, effective from its first valid day. Every service derives the
 * same versions from the same file, so they match the ones replenishment
 * publishes for it. Refuses an invalid file, naming each problem.
 */
export function loadSeedVersions(file = process.env.SMI_AGREEMENTS_FILE ?? DEFAULT_AGREEMENTS_FILE): AgreementVersion[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { agreements?: Agreement[] };
  const agreements = parsed.agreements ?? [];
  const problems = agreements.flatMap((a, i) => agreementProblems(a, `${file} agreements[${i}] ${a?.agreementId ?? ''}`.trim()));
  if (problems.length > 0) throw new Error(`invalid agreements:\n  ${problems.join('\n  ')}`);
  return agreements.map(seedVersionOf);
}

export function seedVersionOf(agreement: Agreement): AgreementVersion {
  const effectiveFrom = `${agreement.validFrom}T00:00:00.000Z`;
  return {
    agreement: canonicalAgreement(agreement),
    version: 1,
    effectiveFrom,
    status: 'active',
    changedBy: SEED_FILE_CHANGER,
    // The file's day, not the reading's time: every service must derive the very same version.
    changedAt: effectiveFrom,
    changeReason: 'loaded from the agreements file',
  };
}

/** A book holding the agreements file's versions only (services add the agreements topic's on top). */
export function loadAgreementBook(file?: string): AgreementBook {
  return new AgreementBook(loadSeedVersions(file));
}
