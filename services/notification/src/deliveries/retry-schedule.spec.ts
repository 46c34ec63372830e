import { outcomeOfAttempt, retryDelayMs, RetryPolicy, retryPolicyFromEnv } from './retry-schedule';

const policy: RetryPolicy = { baseMs: 1000, capMs: 5 * 60 * 1000, maxAttempts: 8 };
const now = new Date('2026-11-21T10:00:00Z');

describe('retry schedule', () => {
  it('doubles the wait after each failure, starting from the base', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('never waits longer than five minutes', () => {
    expect(retryDelayMs(9, policy)).toBe(256_000);
    expect(retryDelayMs(10, policy)).toBe(300_000);
    expect(retryDelayMs(1000, policy)).toBe(300_000);
  });

  it('marks a delivery delivered when the webhook acknowledged it, clearing the last error', () => {
    expect(outcomeOfAttempt(3, { ok: true }, now, policy)).toEqual({ status: 'delivered', attempts: 3, lastError: null, completedAt: now });
  });

  it('schedules the next attempt after a failure, keeping why it failed', () => {
    expect(outcomeOfAttempt(2, { ok: false, error: 'HTTP 500' }, now, policy)).toEqual({
      status: 'pending',
      attempts: 2,
      lastError: 'HTTP 500',
      nextAttemptAt: new Date('2026-11-21T10:00:02Z'),
    });
  });

  it('gives up once the last allowed attempt failed', () => {
    expect(outcomeOfAttempt(7, { ok: false, error: 'timed out' }, now, policy).status).toBe('pending');
    expect(outcomeOfAttempt(8, { ok: false, error: 'timed out' }, now, policy)).toEqual({
      status: 'failed',
      attempts: 8,
      lastError: 'timed out',
      completedAt: now,
    });
  });

  it('gives up at once when no retry can help', () => {
    expect(outcomeOfAttempt(1, { ok: false, error: 'no webhook secret', permanent: true }, now, policy)).toEqual({
      status: 'failed',
      attempts: 1,
      lastError: 'no webhook secret',
      completedAt: now,
    });
  });

  it('gives up after one failure when only one attempt is allowed', () => {
    expect(outcomeOfAttempt(1, { ok: false, error: 'HTTP 404' }, now, { ...policy, maxAttempts: 1 }).status).toBe('failed');
  });
});

describe('retry policy from the environment', () => {
  it('defaults to a one-second base and eight attempts, capped at five minutes', () => {
    expect(retryPolicyFromEnv({})).toEqual({ baseMs: 1000, capMs: 300_000, maxAttempts: 8 });
  });

  it('takes the base and the attempts from NOTIFICATION_RETRY_BASE_MS and NOTIFICATION_MAX_ATTEMPTS', () => {
    expect(retryPolicyFromEnv({ NOTIFICATION_RETRY_BASE_MS: '100', NOTIFICATION_MAX_ATTEMPTS: '3' })).toEqual({
      baseMs: 100,
      capMs: 300_000,
      maxAttempts: 3,
    });
  });

  it.each([
    ['NOTIFICATION_RETRY_BASE_MS', 'soon'],
    ['NOTIFICATION_RETRY_BASE_MS', '-5'],
    ['NOTIFICATION_MAX_ATTEMPTS', '0'],
    ['NOTIFICATION_MAX_ATTEMPTS', '2.5'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => retryPolicyFromEnv({ [name]: value })).toThrow(new RegExp(`^${name} must be a whole number of at least 1`));
  });
});
