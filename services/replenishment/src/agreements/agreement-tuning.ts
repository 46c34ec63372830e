import { Agreement, AgreementLine, canonicalAgreement, TUNABLE_LINE_TERMS, TunableTerm } from '@smi/agreements';
import { Caller } from './agreement-access';

/**
 * The agreed rule by which one party changes some terms alone: an agreement may
 * list line terms (`tunableAlone`) that its buyer or its supplier may set
 * within bounds both accepted, for example a supplier's lead time between 2 and
 * 10 days. The list is part of the terms, so it changes only by consent.
 */
export function tunableProblems(agreement: Agreement): string[] {
  const rules: unknown = agreement.tunableAlone;
  const where = `${agreement.agreementId}: tunableAlone`;
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) return [`${where} must be a list of { by, term, min, max }`];
  const seen = new Set<string>();
  return rules.flatMap((rule: Partial<Record<keyof TunableTerm, unknown>>, i) => {
    const at = `${where}[${i}]`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return [`${at} must be an object { by, term, min, max }`];
    const problems = Object.keys(rule)
      .filter((field) => !['by', 'term', 'min', 'max'].includes(field))
      .map((field) => `${at}.${field} is not a known field (by, term, min, max)`);
    if (rule.by !== 'buyer' && rule.by !== 'supplier') problems.push(`${at}.by must be buyer or supplier`);
    if (!(TUNABLE_LINE_TERMS as readonly unknown[]).includes(rule.term))
      problems.push(`${at}.term must be one of ${TUNABLE_LINE_TERMS.join(', ')}`);
    const bounds = [rule.min, rule.max];
    if (!bounds.every((b) => typeof b === 'number' && Number.isFinite(b))) problems.push(`${at}.min and max must be finite numbers`);
    else if ((rule.min as number) > (rule.max as number)) problems.push(`${at}.max must be >= min`);
    const key = `${String(rule.by)}|${String(rule.term)}`;
    if (seen.has(key)) problems.push(`${at} repeats ${String(rule.term)} for the ${String(rule.by)}`);
    seen.add(key);
    return problems;
  });
}

/**
 * Why an amendment takes effect without the other party: it changes only line
 * terms the current version lets its proposer change alone, each to a value
 * within the agreed bounds, on the same lines. Undefined when it needs the other
 * party's acceptance (anything else changed, a value out of bounds, a term removed).
 */
export function tunedAlone(current: Agreement, next: Agreement, by: Caller): string | undefined {
  const rules = (current.tunableAlone ?? []).filter((rule) => rule.by === by.kind);
  if (rules.length === 0 || current.lines.length !== next.lines.length) return undefined;
  const tunable = new Set<string>(rules.map((rule) => rule.term));
  const fixedPart = (agreement: Agreement) =>
    JSON.stringify(
      canonicalAgreement({
        ...agreement,
        lines: agreement.lines.map(
          (line) => Object.fromEntries(Object.entries(line).filter(([term]) => !tunable.has(term))) as AgreementLine,
        ),
      }),
    );
  if (fixedPart(current) !== fixedPart(next)) return undefined;
  const changed: string[] = [];
  for (const [i, line] of next.lines.entries()) {
    for (const rule of rules) {
      const before = current.lines[i][rule.term];
      const after = line[rule.term];
      if (after === before) continue;
      if (typeof after !== 'number' || after < rule.min || after > rule.max) return undefined;
      changed.push(`${rule.term} of ${line.siteId} x ${line.itemId} to ${after} (agreed range ${rule.min}..${rule.max})`);
    }
  }
  if (changed.length === 0) return undefined;
  return `set by the ${by.kind} alone, as the agreement allows: ${changed.join(', ')}`;
}
