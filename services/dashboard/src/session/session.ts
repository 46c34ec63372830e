import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What the session cookie holds. Before login it holds only the CSRF token the login form must send back;
 * after login also the party's id and its API key, with which the dashboard calls the services for it.
 */
export interface Session {
  csrfToken: string;
  /** Milliseconds since the epoch after which the cookie is worth nothing. */
  expiresAt: number;
  partyId?: string;
  apiKey?: string;
}

export const SESSION_HOURS = 8;
const HOUR_MS = 3_600_000;

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');

export const anonymousSession = (now: number): Session => ({ csrfToken: newCsrfToken(), expiresAt: now + SESSION_HOURS * HOUR_MS });

/** A fresh token on login, so a token seen before login is worth nothing after it. */
export const signedInSession = (partyId: string, apiKey: string, now: number): Session => ({
  ...anonymousSession(now),
  partyId,
  apiKey,
});

/** Compares in constant time, so the token cannot be guessed a character at a time. */
export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Seals a session into a cookie value with AES-256-GCM under a key derived from the server's secret: the
 * browser can neither read the API key in it nor change anything without the seal breaking.
 */
export class SessionSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('SMI_DASHBOARD_SECRET must be at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'smi-dashboard', 'session cookie v1', 32));
  }

  seal(session: Session): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(session), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The session, or undefined when the value was not sealed with this secret, was altered, or has expired. */
  unseal(value: string, now: number): Session | undefined {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length < 29) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      const session = JSON.parse(text) as Session;
      return typeof session.expiresAt === 'number' && session.expiresAt > now && typeof session.csrfToken === 'string'
        ? session
        : undefined;
    } catch {
      return undefined;
    }
  }
}

export const SESSION_COOKIE = 'smi_session';

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure over https. */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
