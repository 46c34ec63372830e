import { Agreement, AgreementLine, AgreementVersion } from './agreement';
import { versionProblems } from './agreement-problems';

/** The agreement line in force for a buyer's site x item, with its agreement and the version it comes from. */
export interface AgreementLineInForce {
  agreement: Agreement;
  line: AgreementLine;
  /** The agreement version the line was taken from; an order records it. */
  version: number;
}

interface KeptVersion {
  version: AgreementVersion;
  effectiveFromMs: number;
  lines: Map<string, AgreementLine>;
}

/**
 * Every version of every agreement a service has heard of (the seed file, then
 * the agreements topic), answering which terms were in force at a moment.
 * Versions may arrive more than once and out of order; each lands once, in its place.
 */
export class AgreementBook {
  /** Per agreement, its versions by ascending version number. */
  private readonly histories = new Map<string, KeptVersion[]>();
  /** Per buyer site x item, the agreements that ever had a line for it. */
  private readonly byLine = new Map<string, Set<string>>();
  private latestActive?: Agreement[];

  constructor(versions: readonly AgreementVersion[] = []) {
    const problems = versions.flatMap((v) => versionProblems(v));
    if (problems.length > 0) throw new Error(`invalid agreements:\n  ${problems.join('\n  ')}`);
    for (const version of versions) this.add(version);
  }

  /**
   * Takes in a version: false when this agreement already has this version
   * number (a redelivery, or the seed file's copy), true when it was added.
   * Throws, naming each problem, for an invalid version.
   */
  apply(version: AgreementVersion): boolean {
    const problems = versionProblems(version);
    if (problems.length > 0) throw new Error(`invalid agreement version:\n  ${problems.join('\n  ')}`);
    return this.add(version);
  }

  private add(version: AgreementVersion): boolean {
    const { agreement } = version;
    const history = this.histories.get(agreement.agreementId) ?? [];
    if (history.some((kept) => kept.version.version === version.version)) return false;
    const lines = new Map(agreement.lines.map((line) => [siteItemKey(line.siteId, line.itemId), line]));
    history.push({ version, effectiveFromMs: Date.parse(version.effectiveFrom), lines });
    history.sort((a, b) => a.version.version - b.version.version);
    this.histories.set(agreement.agreementId, history);
    for (const line of agreement.lines) {
      const key = lineKey(agreement.buyerId, line.siteId, line.itemId);
      this.byLine.set(key, (this.byLine.get(key) ?? new Set()).add(agreement.agreementId));
    }
    this.latestActive = undefined;
    return true;
  }

  /**
   * The line covering this buyer site x item at a moment: from the agreement
   * version in force then (the highest version effective by then), unless that
   * version retired the agreement or the day is outside its validity.
   */
  lineFor(buyerId: string, siteId: string, itemId: string, on: Date): AgreementLineInForce | undefined {
    const day = on.toISOString().slice(0, 10);
    for (const agreementId of this.byLine.get(lineKey(buyerId, siteId, itemId)) ?? []) {
      const kept = this.keptInForce(agreementId, on.getTime());
      if (!kept || kept.version.status === 'retired') continue;
      const { agreement } = kept.version;
      const line = kept.lines.get(siteItemKey(siteId, itemId));
      if (line && agreement.buyerId === buyerId && agreement.validFrom <= day && day <= agreement.validTo) {
        return { agreement, line, version: kept.version.version };
      }
    }
    return undefined;
  }

  /** The version of an agreement in force at a moment (retired or not), if any was effective by then. */
  versionInForce(agreementId: string, on: Date): AgreementVersion | undefined {
    return this.keptInForce(agreementId, on.getTime())?.version;
  }

  /** The id of every agreement heard of, retired ones included (their months in force still close), sorted. */
  get agreementIds(): string[] {
    return [...this.histories.keys()].sort();
  }

  /** Every version of an agreement, oldest first. */
  history(agreementId: string): AgreementVersion[] {
    return (this.histories.get(agreementId) ?? []).map((kept) => kept.version);
  }

  /** The newest version of an agreement, whatever its status. */
  latest(agreementId: string): AgreementVersion | undefined {
    return this.histories.get(agreementId)?.at(-1)?.version;
  }

  /** Each agreement as its newest version has it, leaving out retired ones. */
  get agreements(): readonly Agreement[] {
    this.latestActive ??= [...this.histories.keys()]
      .sort()
      .map((id) => this.latest(id)!)
      .filter((latest) => latest.status === 'active')
      .map((latest) => latest.agreement);
    return this.latestActive;
  }

  agreement(agreementId: string): Agreement | undefined {
    const latest = this.latest(agreementId);
    return latest?.status === 'active' ? latest.agreement : undefined;
  }

  /** Agreements a party is one of the two sides of. */
  agreementsOf(partyId: string): Agreement[] {
    return this.agreements.filter((a) => a.buyerId === partyId || a.supplierId === partyId);
  }

  /**
   * What a party's agreements cover: the buyers involved, and whether a given
   * buyer site x item is on one of its lines. A supplier sees a buyer's stock
   * only where it has agreed to replenish it.
   */
  coverageOf(partyId: string): { buyerIds: string[]; covers: (row: { buyerId: string; siteId: string; itemId: string }) => boolean } {
    const agreements = this.agreementsOf(partyId);
    const lines = new Set(agreements.flatMap((a) => a.lines.map((l) => lineKey(a.buyerId, l.siteId, l.itemId))));
    return {
      buyerIds: [...new Set(agreements.map((a) => a.buyerId))],
      covers: (row) => lines.has(lineKey(row.buyerId, row.siteId, row.itemId)),
    };
  }

  private keptInForce(agreementId: string, at: number): KeptVersion | undefined {
    return this.histories.get(agreementId)?.findLast((kept) => kept.effectiveFromMs <= at);
  }
}

const siteItemKey = (siteId: string, itemId: string) => `${siteId}|${itemId}`;
const lineKey = (buyerId: string, siteId: string, itemId: string) => `${buyerId}|${siteId}|${itemId}`;
