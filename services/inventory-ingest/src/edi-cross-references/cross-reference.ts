import { AgreementLine, textProblem } from '@smi/agreements';

/** A buyer's own EDI codes for one of its agreed site x items: what its 852 or INVRPT lines name. */
export interface CrossReference {
  buyerId: string;
  /** The buyer's location code (852 N1/LIN location, INVRPT LOC): one of its sites. */
  locationCode: string;
  /** The buyer's item code (852 LIN, INVRPT LIN/PIA). */
  itemCode: string;
  siteId: string;
  itemId: string;
  /** The unit the buyer's EDI sends (PCE, CS, ...) when it is not the agreement line's own; its quantities are in the line's unit. */
  ediUnit: string | null;
}

export interface EntryProblem {
  field: string;
  problem: string;
}

export const MAX_CROSS_REFERENCES_PER_REQUEST = 5000;

const TEXTS = [
  ['locationCode', 'id'],
  ['itemCode', 'id'],
  ['siteId', 'id'],
  ['itemId', 'id'],
] as const;

/** The shape of a PUT body's entries: each field named as `entries[i].field`. Pure. */
export function crossReferenceShapeProblems(entries: readonly unknown[]): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const at = `entries[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push({ field: at, problem: 'must be an object' });
      return;
    }
    const raw = entry as Record<string, unknown>;
    for (const [field, kind] of TEXTS) {
      const problem = textProblem(raw[field], kind);
      if (problem) problems.push({ field: `${at}.${field}`, problem });
    }
    if (raw.ediUnit !== undefined && raw.ediUnit !== null) {
      const problem = textProblem(raw.ediUnit, 'unit');
      if (problem) problems.push({ field: `${at}.ediUnit`, problem });
    }
    const codes = `${String(raw.locationCode)}\u0000${String(raw.itemCode)}`;
    const first = seen.get(codes);
    if (first !== undefined) problems.push({ field: at, problem: `names the same locationCode and itemCode as entries[${first}]` });
    else seen.set(codes, i);
  });
  return problems;
}

/**
 * Entries whose site x item is on none of the buyer's agreement lines, or whose EDI unit is given
 * while the line's own unit is what the EDI would send anyway. `lineOf` finds the buyer's agreed line. Pure.
 */
export function crossReferenceTermsProblems(
  entries: readonly CrossReference[],
  lineOf: (siteId: string, itemId: string) => AgreementLine | undefined,
): EntryProblem[] {
  const problems: EntryProblem[] = [];
  entries.forEach((entry, i) => {
    if (!lineOf(entry.siteId, entry.itemId))
      problems.push({
        field: `entries[${i}]`,
        problem: `site ${entry.siteId} x item ${entry.itemId} is on none of ${entry.buyerId}'s agreement lines`,
      });
  });
  return problems;
}

/** A PUT body's entries as cross-references of the caller (after crossReferenceShapeProblems found none). */
export const crossReferencesOf = (buyerId: string, entries: readonly unknown[]): CrossReference[] =>
  entries.map((entry) => {
    const raw = entry as Record<string, string | null | undefined>;
    return {
      buyerId,
      locationCode: raw.locationCode!,
      itemCode: raw.itemCode!,
      siteId: raw.siteId!,
      itemId: raw.itemId!,
      ediUnit: raw.ediUnit ?? null,
    };
  });

/** The key a report line is looked up by. */
export const codesKeyOf = (ref: { buyerId: string; locationCode: string; itemCode: string }): string =>
  `${ref.buyerId}\u0000${ref.locationCode}\u0000${ref.itemCode}`;
