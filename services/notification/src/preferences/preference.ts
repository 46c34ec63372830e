import { Agreement, DEFAULT_COMMUNICATION_HOURS } from '@smi/agreements';
import { Preference } from '../alerts/alert-deliveries';
import { ALERT_TOPICS, AlertTopic } from '../alerts/alert-rules';
import { DELIVERY_CHANNELS, DeliveryChannel } from '../deliveries/delivery';

export const PREFERENCE_MODES = ['immediate', 'digest'] as const;

/** A party's preferences as the API shows them: its own, or the defaults its agreements give. */
export interface PreferenceView extends Preference {
  partyId: string;
  /** Hours between digests: the agreements' communication frequency. */
  digestEveryHours: number;
  /** `agreement` until the party sets its own. */
  source: 'party' | 'agreement';
}

type Communication = NonNullable<Agreement['communication']>;

/**
 * The communication terms that speak for a party over all its agreements: alerts at once if any
 * of them asks for that, and the shortest interval any of them sets (none when none sets terms).
 */
export function communicationOf(agreements: readonly Agreement[]): Communication | undefined {
  const terms = agreements.flatMap((a) => (a.communication ? [a.communication] : []));
  if (terms.length === 0) return undefined;
  return { digestEveryHours: Math.min(...terms.map((t) => t.digestEveryHours)), immediateAlerts: terms.some((t) => t.immediateAlerts) };
}

/**
 * What a party gets before it says otherwise: every rule, at once unless its agreement's
 * communication terms ask for digests only (`immediateAlerts: false` in every one), on its webhook, else by e-mail.
 */
export function defaultPreference(party: { webhookUrl?: string; email?: string }, agreements: readonly Agreement[]): Preference {
  const communication = communicationOf(agreements);
  return {
    rules: null,
    channel: !party.webhookUrl && party.email ? 'EMAIL' : 'WEBHOOK',
    mode: communication && !communication.immediateAlerts ? 'digest' : 'immediate',
  };
}

/** How often a party's digest goes out: its agreement's communication frequency (a day when none says). */
export const digestEveryHoursOf = (agreements: readonly Agreement[]): number =>
  communicationOf(agreements)?.digestEveryHours ?? DEFAULT_COMMUNICATION_HOURS;

export type PreferenceParse = { kind: 'ok'; preference: Preference } | { kind: 'invalid'; field: string; problem: string };

/** A PUT body: `{ rules?: AlertTopic[] | null, channel: 'WEBHOOK' | 'EMAIL', mode: 'immediate' | 'digest' }`; a problem names its field. */
export function parsePreference(body: unknown, party: { webhookUrl?: string; email?: string }): PreferenceParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { kind: 'invalid', field: 'body', problem: 'must be a JSON object' };
  const raw = body as Record<string, unknown>;
  const unknownField = Object.keys(raw).find((k) => !['rules', 'channel', 'mode'].includes(k));
  if (unknownField) return { kind: 'invalid', field: unknownField, problem: 'is not a preference (rules, channel, mode)' };
  let rules: AlertTopic[] | null = null;
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!Array.isArray(raw.rules) || raw.rules.length === 0)
      return { kind: 'invalid', field: 'rules', problem: 'must be a non-empty list of alert topics, or null for all' };
    const unknownRule = raw.rules.find((r) => typeof r !== 'string' || !(ALERT_TOPICS as readonly string[]).includes(r));
    if (unknownRule !== undefined)
      return { kind: 'invalid', field: 'rules', problem: `must hold only ${ALERT_TOPICS.join(', ')} (got ${JSON.stringify(unknownRule)})` };
    rules = [...new Set(raw.rules as AlertTopic[])];
  }
  if (typeof raw.channel !== 'string' || !(DELIVERY_CHANNELS as readonly string[]).includes(raw.channel))
    return { kind: 'invalid', field: 'channel', problem: `must be one of ${DELIVERY_CHANNELS.join(', ')}` };
  const channel = raw.channel as DeliveryChannel;
  if (channel === 'WEBHOOK' && !party.webhookUrl)
    return { kind: 'invalid', field: 'channel', problem: 'WEBHOOK needs a webhookUrl for the party in the parties file' };
  if (channel === 'EMAIL' && !party.email)
    return { kind: 'invalid', field: 'channel', problem: 'EMAIL needs an email for the party in the parties file' };
  if (typeof raw.mode !== 'string' || !(PREFERENCE_MODES as readonly string[]).includes(raw.mode))
    return { kind: 'invalid', field: 'mode', problem: `must be one of ${PREFERENCE_MODES.join(', ')}` };
  return { kind: 'ok', preference: { rules, channel, mode: raw.mode as Preference['mode'] } };
}
