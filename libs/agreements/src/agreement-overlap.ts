import { AgreementVersion } from './agreement';

/** The days (YYYY-MM-DD, inclusive) one version of an agreement governs its lines. */
export interface GoverningSpan {
  version: AgreementVersion;
  from: string;
  to: string;
}

const dayOf = (time: number): string => new Date(time).toISOString().slice(0, 10);

/**
 * When each version of one agreement governs: from its effectiveFrom until a
 * later version takes over, within the agreement's validity. A retired version
 * governs nothing; a version overtaken before it began never governed. A day a
 * version takes over in mid-day counts for both, so a check built on these
 * spans errs towards refusing.
 */
export function governingSpans(history: readonly AgreementVersion[]): GoverningSpan[] {
  const versions = [...history].sort((a, b) => a.version - b.version);
  return versions.flatMap((version, i) => {
    if (version.status === 'retired') return [];
    const start = Date.parse(version.effectiveFrom);
    const end = Math.min(...versions.slice(i + 1).map((later) => Date.parse(later.effectiveFrom)));
    if (end <= start) return [];
    const from = maxOf(dayOf(start), version.agreement.validFrom);
    const to = end === Infinity ? version.agreement.validTo : minOf(dayOf(end - 1), version.agreement.validTo);
    return from <= to ? [{ version, from, to }] : [];
  });
}

/**
 * The same buyer site x item may be on one agreement at a time, or two
 * suppliers would both replenish it. The candidate is the newest version of its
 * agreement (it governs from its effectiveFrom to validTo); others are every
 * version of the other agreements. One problem per line and agreement it collides with.
 */
export function overlappingLines(candidate: AgreementVersion, others: readonly AgreementVersion[]): string[] {
  const agreement = candidate.agreement;
  const [own] = governingSpans([candidate]);
  if (!own) return [];
  const histories = new Map<string, AgreementVersion[]>();
  for (const other of others) {
    const id = other.agreement.agreementId;
    if (id !== agreement.agreementId) histories.set(id, [...(histories.get(id) ?? []), other]);
  }
  const problems: string[] = [];
  for (const [otherId, history] of [...histories].sort(([a], [b]) => a.localeCompare(b))) {
    const spans = governingSpans(history).filter(
      (span) => span.version.agreement.buyerId === agreement.buyerId && span.from <= own.to && own.from <= span.to,
    );
    agreement.lines.forEach((line, i) => {
      const clash = spans.find((span) => span.version.agreement.lines.some((l) => l.siteId === line.siteId && l.itemId === line.itemId));
      if (!clash) return;
      problems.push(
        `${agreement.agreementId}: lines[${i}] (site ${line.siteId} x item ${line.itemId}) overlaps agreement ${otherId} ` +
          `(version ${clash.version.version}, in force ${clash.from} to ${clash.to})`,
      );
    });
  }
  return problems;
}

const maxOf = (a: string, b: string) => (a > b ? a : b);
const minOf = (a: string, b: string) => (a < b ? a : b);
