interface Bucket {
  tokens: number;
  at: number;
}

/** Whether a request may go ahead, and if not, how many seconds until it may. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per caller: `perMinute` requests a minute, refilled continuously, with a burst of as
 * many. Kept in memory per service instance: a limit per instance is what protects that instance.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Buckets kept before full ones are forgotten, so many one-off callers cannot grow the map forever. */
    private readonly maxBuckets = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(caller: string): RateDecision {
    if (this.perMinute === 0) return { allowed: true };
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (!this.buckets.has(caller)) {
      if (this.buckets.size >= this.maxBuckets) this.forgetFull(now);
      this.buckets.set(caller, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** A bucket that has refilled is the same as no bucket. */
  private forgetFull(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(caller);
    }
  }
}
