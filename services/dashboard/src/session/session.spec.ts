import { anonymousSession, cookieValue, sameToken, sessionCookie, SessionSeal, signedInSession } from './session';

const SECRET = 'a test secret that is long enough for the seal';
const now = Date.parse('2026-03-02T08:00:00Z');

describe('session cookie', () => {
  const seal = new SessionSeal(SECRET);

  it('gives back the session it sealed, without showing the API key', () => {
    const session = signedInSession('acme-motors', 'demo-acme-key', now);
    const value = seal.seal(session);
    expect(value).not.toContain('demo-acme-key');
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('acme');
    expect(seal.unseal(value, now + 1000)).toEqual(session);
  });

  it('is worth nothing once expired, altered, or sealed under another secret', () => {
    const value = seal.seal(signedInSession('acme-motors', 'demo-acme-key', now));
    expect(seal.unseal(value, now + 9 * 3_600_000)).toBeUndefined();
    const bytes = Buffer.from(value, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(seal.unseal(bytes.toString('base64url'), now)).toBeUndefined();
    expect(new SessionSeal(`${SECRET}, another`).unseal(value, now)).toBeUndefined();
    expect(seal.unseal('garbage', now)).toBeUndefined();
  });

  it('gets a new CSRF token at login', () => {
    expect(signedInSession('a', 'k', now).csrfToken).not.toBe(anonymousSession(now).csrfToken);
  });

  it('refuses a short secret', () => {
    expect(() => new SessionSeal('short')).toThrow(/at least 32/);
  });

  it('compares CSRF tokens exactly', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abc', 'abd')).toBe(false);
    expect(sameToken('abc', 'ab')).toBe(false);
    expect(sameToken('abc', undefined)).toBe(false);
  });

  it('reads and writes the cookie with its protections', () => {
    expect(cookieValue('a=1; smi_session=xyz; b=2', 'smi_session')).toBe('xyz');
    expect(cookieValue(undefined, 'smi_session')).toBeUndefined();
    expect(sessionCookie('v', { secure: true, maxAgeSeconds: 60 })).toBe(
      'smi_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure',
    );
    expect(sessionCookie('v', { secure: false, maxAgeSeconds: 0 })).not.toContain('Secure');
  });
});
