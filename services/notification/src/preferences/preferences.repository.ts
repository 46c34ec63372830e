import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Preference } from '../alerts/alert-deliveries';
import { AlertTopic } from '../alerts/alert-rules';
import { DeliveryChannel } from '../deliveries/delivery';

/** The preferences parties set themselves; a party without a row takes its agreements' defaults. */
@Injectable()
export class PreferencesRepository {
  async ofParties(manager: EntityManager, partyIds: readonly string[]): Promise<Map<string, Preference>> {
    if (partyIds.length === 0) return new Map();
    const rows: Array<{ party_id: string; rules: AlertTopic[] | null; channel: DeliveryChannel; mode: Preference['mode'] }> =
      await manager.query(`SELECT party_id, rules, channel, mode FROM notification_preferences WHERE party_id = ANY($1)`, [partyIds]);
    return new Map(rows.map((r) => [r.party_id, { rules: r.rules, channel: r.channel, mode: r.mode }]));
  }

  async save(manager: EntityManager, partyId: string, preference: Preference, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification_preferences (party_id, rules, channel, mode, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (party_id) DO UPDATE SET rules = EXCLUDED.rules, channel = EXCLUDED.channel, mode = EXCLUDED.mode, updated_at = EXCLUDED.updated_at`,
      [partyId, preference.rules, preference.channel, preference.mode, at],
    );
  }
}
