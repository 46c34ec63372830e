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
}

interface PartyRecord extends Party {
  /** sha256 of the party's API key, hex; the key itself is never stored. */
  apiKeySha256: string;
}

export const DEFAULT_PARTIES_FILE = resolve(__dirname, '../../../deploy/seed/parties.json');

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Parties known to the platform and the hashes of their API keys. */
export class PartyDirectory {
  private readonly byKeyHash: Map<string, Party>;
  private readonly byId: Map<string, Party>;

  constructor(records: PartyRecord[]) {
    this.byKeyHash = new Map(records.map(({ apiKeySha256, ...party }) => [apiKeySha256, party]));
    this.byId = new Map(records.map(({ apiKeySha256: _hash, ...party }) => [party.id, party]));
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

  /** Every party (each buyer and supplier has Kafka topics of its own, see platformTopicSpecs). */
  all(): Party[] {
    return [...this.byId.values()];
  }
}
