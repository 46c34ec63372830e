import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Who calls the API: a buyer, a supplier, or an operator of the platform. */
export interface Party {
  id: string;
  kind: 'buyer' | 'supplier' | 'operator';
  name: string;
  /** Where alerts for this party are posted, if it wants them. */
  webhookUrl?: string;
  /** Where alerts and digests are mailed, if it wants them by e-mail. */
  email?: string;
}

interface PartyRecord extends Party {
  /** sha256 of the party's API key, hex; the key itself is never stored. */
  apiKeySha256: string;
  /** The secret its webhooks are signed with (HMAC-SHA256); a webhook is never sent unsigned. */
  webhookSecret?: string;
}

export const DEFAULT_PARTIES_FILE = resolve(__dirname, '../../../deploy/seed/parties.json');

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Parties known to the platform and the hashes of their API keys. */
export class PartyDirectory {
  private readonly byKeyHash: Map<string, Party>;
  private readonly byId: Map<string, Party>;
  /** Kept apart from the parties, so a secret never travels with a request's party. */
  private readonly webhookSecrets: Map<string, string>;

  constructor(records: PartyRecord[]) {
    const problems = records.flatMap(recordProblems);
    if (problems.length > 0) throw new Error(`invalid parties file:\n  ${problems.join('\n  ')}`);
    this.byKeyHash = new Map(records.map(({ apiKeySha256, webhookSecret: _secret, ...party }) => [apiKeySha256, party]));
    this.byId = new Map(records.map(({ apiKeySha256: _hash, webhookSecret: _secret, ...party }) => [party.id, party]));
    this.webhookSecrets = new Map(records.filter((r) => r.webhookSecret).map((r) => [r.id, r.webhookSecret!]));
  }

  static fromFile(file = process.env.SMI_PARTIES_FILE ?? DEFAULT_PARTIES_FILE): PartyDirectory {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { parties: PartyRecord[] };
    return new PartyDirectory(parsed.parties);
  }

  partyForKey(apiKey: string): Party | undefined {
    return this.byKeyHash.get(sha256Hex(apiKey));
  }

  party(id: string): Party | undefined {
    return this.byId.get(id);
  }

  /** The secret a party's webhooks are signed with; undefined when it has none (its webhooks are then not sent). */
  webhookSecretOf(id: string): string | undefined {
    return this.webhookSecrets.get(id);
  }

  /** Every party (each buyer and supplier has Kafka topics of its own, see platformTopicSpecs). */
  all(): Party[] {
    return [...this.byId.values()];
  }
}

/** Optional texts, when present, must say something: an empty secret would sign with nothing. */
function recordProblems(record: PartyRecord): string[] {
  return (['webhookUrl', 'webhookSecret', 'email'] as const)
    .filter((field) => record[field] !== undefined && (typeof record[field] !== 'string' || record[field].trim() === ''))
    .map((field) => `party ${record.id}: ${field} must be a non-empty string when given`);
}
