import { readFileSync } from 'node:fs';

/**
 * "Now" for the few things that need it: sweeps (approval expiry, stale feeds, closing a period)
 * and REST commands that carry no time of their own. Every other business date comes from the
 * events (a movement's occurredAt, a dispatch's time), so a replay of last year, or the demo's
 * compressed calendar, decides the same as living through it. Inject it; never call `new Date()`
 * for a business date.
 */
export abstract class BusinessClock {
  abstract now(): Date;
}

/** The wall clock: production. */
export class SystemClock extends BusinessClock {
  now(): Date {
    return new Date();
  }
}

/** How long a read of the clock file is reused: sweeps ask often, the calendar moves in steps. */
const FILE_CLOCK_CACHE_MS = 100;

/**
 * A clock another process drives through a file holding one ISO 8601 moment (`SMI_CLOCK_FILE`):
 * the demo's simulated calendar, and end-to-end tests of sweeps. Until the file exists, or if it
 * holds no valid moment, it falls back to the wall clock and says why once. Once it has read a
 * moment, a read that finds none (a writer caught between truncating and writing) keeps the last
 * one: a clock months behind the wall clock must not leap to it for a read and close those months.
 */
export class FileClock extends BusinessClock {
  private cached?: { at: number; now: Date };
  private lastRead?: Date;
  private warned = false;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    super();
  }

  now(): Date {
    const wall = Date.now();
    if (this.cached && wall - this.cached.at < FILE_CLOCK_CACHE_MS) return new Date(this.cached.now);
    const now = this.read() ?? this.lastRead ?? new Date(wall);
    this.cached = { at: wall, now };
    return new Date(now);
  }

  private read(): Date | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch (error) {
      return this.fallBack(`cannot read ${this.path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const at = new Date(text);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) return this.fallBack(`${this.path} holds no ISO 8601 moment`);
    this.warned = false;
    this.lastRead = at;
    return at;
  }

  private fallBack(why: string): undefined {
    if (!this.warned)
      this.warn(`business clock: ${why}; using ${this.lastRead ? 'the last moment it held' : 'the wall clock'} until it does`);
    this.warned = true;
    return undefined;
  }
}

/** A clock a test sets and moves by hand. */
export class SettableClock extends BusinessClock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date): void {
    this.current = new Date(at);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The clock a service runs on: the file named by SMI_CLOCK_FILE when set, else the wall clock. */
export function businessClockFrom(env: NodeJS.ProcessEnv, warn?: (message: string) => void): BusinessClock {
  const file = env.SMI_CLOCK_FILE;
  return file ? new FileClock(file, warn) : new SystemClock();
}
