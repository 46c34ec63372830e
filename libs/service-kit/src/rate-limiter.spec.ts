import { RateLimiter } from './rate-limiter';

describe('rate limiter', () => {
  it('lets a burst of the whole minute through, then refuses saying when to come back, and refills with time', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('acme').allowed)).toEqual([true, true, true]);
    expect(limiter.take('acme')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    // Another caller has a bucket of its own.
    expect(limiter.take('globex').allowed).toBe(true);
    now = 20_000;
    expect(limiter.take('acme').allowed).toBe(true);
    expect(limiter.take('acme').allowed).toBe(false);
  });

  it('is off at 0 requests a minute', () => {
    const limiter = new RateLimiter(0);
    expect(Array.from({ length: 1000 }, () => limiter.take('acme').allowed).every(Boolean)).toBe(true);
  });

  it('forgets refilled buckets when it holds too many, so one-off callers cannot grow it without end', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now, 2);
    limiter.take('a');
    limiter.take('b');
    now = 60_000;
    limiter.take('c');
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});
