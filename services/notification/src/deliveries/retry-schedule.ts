/** How often and how patiently a failing webhook is tried again. */
export interface RetryPolicy {
  /** Wait after the first failed attempt; each further failure doubles it. */
  baseMs: number;
  /** No wait is longer than this, however many failures came before. */
  capMs: number;
  /** Attempts in all (the first included) before the delivery is given up. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_BASE_MS = 1000;
export const DEFAULT_MAX_ATTEMPTS = 8;
export const RETRY_CAP_MS = 5 * 60 * 1000;

/** Reads NOTIFICATION_RETRY_BASE_MS and NOTIFICATION_MAX_ATTEMPTS; a bad value stops the service at boot, naming the variable. */
export function retryPolicyFromEnv(env: NodeJS.ProcessEnv): RetryPolicy {
  return {
    baseMs: positiveInteger(env, 'NOTIFICATION_RETRY_BASE_MS', DEFAULT_RETRY_BASE_MS),
    capMs: RETRY_CAP_MS,
    maxAttempts: positiveInteger(env, 'NOTIFICATION_MAX_ATTEMPTS', DEFAULT_MAX_ATTEMPTS),
  };
}

/** The wait after the n-th failed attempt: base, 2 x base, 4 x base, ... never above the cap. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, failedAttempts - 1), policy.capMs);
}

/** `permanent`: no retry can help (the party has no secret to sign with, no mail server is configured). */
export type AttemptResult = { ok: true } | { ok: false; error: string; permanent?: boolean };

export type AttemptOutcome =
  | { status: 'delivered'; attempts: number; lastError: null; completedAt: Date }
  | { status: 'failed'; attempts: number; lastError: string; completedAt: Date }
  | { status: 'pending'; attempts: number; lastError: string; nextAttemptAt: Date };

/**
 * Where a delivery stands after an attempt: delivered on success; otherwise
 * tried again after the backoff, or given up once maxAttempts were made (at once when no retry can help).
 * `attempts` counts the attempt just made.
 */
export function outcomeOfAttempt(attempts: number, result: AttemptResult, now: Date, policy: RetryPolicy): AttemptOutcome {
  if (result.ok) return { status: 'delivered', attempts, lastError: null, completedAt: now };
  if (attempts >= policy.maxAttempts || result.permanent) return { status: 'failed', attempts, lastError: result.error, completedAt: now };
  return { status: 'pending', attempts, lastError: result.error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)) };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}")`);
  return value;
}
