import { signWebhook, verifyWebhookSignature, webhookSignatureOf } from './webhook-signature';

const secret = 'whsec_demo_acme';
const body = '{"notificationId":"evt-1:acme-motors","topic":"STOCKOUT"}';
const sentAt = new Date('2026-11-21T10:00:00Z');

describe('webhook signatures', () => {
  it('signs `${timestamp}.${body}` with HMAC-SHA256, the known vector', () => {
    // Computed apart from this code: printf '%s' '1795255200.<body>' | openssl dgst -sha256 -hmac whsec_demo_acme
    const vector = '3dc5eb743cfe094604eebca149b7033e0292c1757632459fc2516f220bc354b8';
    expect(webhookSignatureOf(secret, 1795255200, body)).toBe(vector);
    expect(signWebhook(secret, body, sentAt)).toBe(`t=1795255200,v1=${vector}`);
  });

  it('accepts a fresh signature of the body as received', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhookSignature(secret, header, body, new Date(sentAt.getTime() + 30_000), 300)).toEqual({
      valid: true,
      timestamp: 1795255200,
    });
  });

  it('refuses a changed body, another secret, or a changed timestamp', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhookSignature(secret, header, body.replace('STOCKOUT', 'PENALTY'), sentAt, 300)).toEqual({
      valid: false,
      reason: 'signature does not match the body',
    });
    expect(verifyWebhookSignature('another', header, body, sentAt, 300).valid).toBe(false);
    const moved = header.replace('t=1795255200', 't=1795255260');
    expect(verifyWebhookSignature(secret, moved, body, sentAt, 300)).toMatchObject({
      valid: false,
      reason: 'signature does not match the body',
    });
  });

  it('refuses a replay: a genuine delivery sent again after the tolerance', () => {
    const header = signWebhook(secret, body, sentAt);
    expect(verifyWebhookSignature(secret, header, body, new Date(sentAt.getTime() + 301_000), 300)).toEqual({
      valid: false,
      reason: 'timestamp is 301 s away from now, beyond the 300 s tolerated',
    });
  });

  it('says what is missing from a malformed header', () => {
    expect(verifyWebhookSignature(secret, undefined, body, sentAt)).toEqual({ valid: false, reason: 'no x-smi-signature header' });
    expect(verifyWebhookSignature(secret, 'v1=abc', body, sentAt)).toMatchObject({ reason: /no timestamp/ });
    expect(verifyWebhookSignature(secret, 't=1795255200', body, sentAt)).toMatchObject({ reason: /no v1 signature/ });
    expect(verifyWebhookSignature(secret, 't=1795255200,v1=zz', body, sentAt)).toMatchObject({
      reason: 'signature does not match the body',
    });
  });

  it('accepts any of several v1 signatures, so a secret can be rotated', () => {
    const header = `${signWebhook(secret, body, sentAt)},v1=${webhookSignatureOf('old-secret', 1795255200, body)}`;
    expect(verifyWebhookSignature('old-secret', header, body, sentAt).valid).toBe(true);
  });
});
