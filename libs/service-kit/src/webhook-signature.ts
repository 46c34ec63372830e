import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-smi-signature';

/** How old a signed timestamp a receiver should accept by default: five minutes, as most webhook senders use. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 of `${timestamp}.${body}` with the party's secret, hex. The timestamp is signed with the body, so it cannot be swapped. */
export function webhookSignatureOf(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The header value for a body sent at `at`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${webhookSignatureOf(secret, timestamp, body)}`;
}

export type WebhookVerification = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * What a receiver runs on each webhook: the signature must be the HMAC of the raw body as
 * received with the party's secret, and the signed timestamp no further than `toleranceSeconds`
 * from `now`, so a delivery captured and sent again later is refused (a replay).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): WebhookVerification {
  if (!header) return { valid: false, reason: `no ${WEBHOOK_SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    parts.set(name, [...(parts.get(name) ?? []), part.slice(at + 1).trim()]);
  }
  const t = parts.get('t')?.[0];
  if (!t || !/^\d{1,12}$/.test(t)) return { valid: false, reason: 'no timestamp (t=<unix seconds>) in the signature header' };
  const timestamp = Number(t);
  const signatures = parts.get('v1') ?? [];
  if (signatures.length === 0) return { valid: false, reason: 'no v1 signature in the signature header' };
  const expected = Buffer.from(webhookSignatureOf(secret, timestamp, body), 'hex');
  // Several v1 values let a sender sign with the old and the new secret while one is rotated.
  const matches = signatures.some((s) => /^[0-9a-f]{64}$/i.test(s) && timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!matches) return { valid: false, reason: 'signature does not match the body' };
  const ageSeconds = Math.abs(now.getTime() / 1000 - timestamp);
  if (ageSeconds > toleranceSeconds)
    return { valid: false, reason: `timestamp is ${Math.round(ageSeconds)} s away from now, beyond the ${toleranceSeconds} s tolerated` };
  return { valid: true, timestamp };
}
