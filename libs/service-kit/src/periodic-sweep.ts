import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BusinessClock } from './business-clock';

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

/**
 * A Nest provider that sweeps every interval on the business clock: the interval starts with the
 * application and stops, waiting for a sweep under way, before it shuts down. A subclass says what
 * one sweep does (`sweepAt`) and calls `super(...)` with the clock it is given, so the clock is
 * there before the first sweep can read it.
 */
export abstract class ScheduledSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Named after the subclass, so its lines read as they did before it shared this class. */
  protected readonly logger: Logger;
  private readonly sweep: PeriodicSweep;

  constructor(
    what: string,
    intervalMs: number,
    protected readonly clock: BusinessClock,
  ) {
    this.logger = new Logger(new.target.name);
    this.sweep = new PeriodicSweep(
      this.logger,
      what,
      intervalMs,
      (now) => this.sweepAt(now),
      () => this.clock.now(),
    );
  }

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  /** One sweep at `now` (the clock's, unless a caller names a moment); returns how many things it moved (0 for a skipped tick). */
  once(now?: Date): Promise<number> {
    return this.sweep.once(now);
  }

  /** What one sweep does at `now`; returns how many things it moved. */
  protected abstract sweepAt(now: Date): Promise<number>;
}
