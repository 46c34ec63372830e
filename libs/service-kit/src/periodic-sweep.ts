import { Logger } from '@nestjs/common';

/** Milliseconds between sweeps from an environment variable (tests shorten it), or the default. */
export function sweepMsFrom(env: NodeJS.ProcessEnv, variable: string, defaultMs: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return defaultMs;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100) throw new RangeError(`${variable} must be a whole number of milliseconds >= 100 (got ${raw})`);
  return ms;
}

/**
 * Runs a sweep every interval. A tick that finds the last sweep still running
 * skips; a failed sweep is logged and the next one retries; stopping waits for
 * a sweep under way, so it finishes before the database closes.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly sweep: (now: Date) => Promise<number>,
    /** Where "now" comes from: the service's BusinessClock, so a replay or the demo's calendar sweeps in business time. */
    private readonly clock: () => Date,
  ) {}

  /** Starts the interval once: Nest calls bootstrap hooks once per application of a hybrid app (HTTP and Kafka). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.once(), this.intervalMs);
    this.logger.log(`${this.what} every ${this.intervalMs} ms`);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One sweep at `now` (the clock's, unless a caller names a moment); returns how many things it moved (0 for a skipped tick). */
  once(now: Date = this.clock()): Promise<number> {
    if (this.sweeping) return Promise.resolve(0);
    this.sweeping = this.sweep(now)
      .catch((error: Error) => {
        this.logger.error(`${this.what} failed; the next sweep retries: ${error.message}`);
        return 0;
      })
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }
}
