/**
 * The demo's simulated calendar. The services read "now" from the clock file (SMI_CLOCK_FILE,
 * see libs/service-kit business-clock.ts); the feed moves it forward as the simulated days pass,
 * and stamps every movement and logistics report with the simulated moment, never the wall clock.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const SIMULATED_DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar's first day when the clock file holds nothing yet: the demo agreements start then. */
export const FIRST_DEMO_DAY = '2026-01-01';

export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
export const monthOf = (at: Date | string): string => (typeof at === 'string' ? at : at.toISOString()).slice(0, 7);
export const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * SIMULATED_DAY_MS));
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / SIMULATED_DAY_MS);
/** A moment of a simulated day, `hour` in UTC (fractions allowed). */
export const momentOf = (day: string, hour: number): Date => new Date(Date.parse(`${day}T00:00:00Z`) + hour * 60 * 60 * 1000);

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Where a run's calendar begins: the first day of the month after the latest moment already in
 * the clock file, so a second run continues the calendar instead of rewriting history; else the
 * first demo day. (deploy/demo.sh writes the moment just before the first demo day before the
 * services start, so their sweeps never run on the wall clock.)
 */
export function calendarStartFrom(clockFile: string): string {
  let text = '';
  try {
    text = readFileSync(clockFile, 'utf8').trim();
  } catch {
    return FIRST_DEMO_DAY;
  }
  const latest = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(latest.getTime())) return FIRST_DEMO_DAY;
  return dayOf(new Date(Date.UTC(latest.getUTCFullYear(), latest.getUTCMonth() + 1, 1)));
}

/** The clock the services read: one ISO moment, replaced whole (temp file + rename) so a reader never sees half a write. */
export class SimulatedClock {
  private current?: Date;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  get now(): Date {
    if (!this.current) throw new Error('the simulated clock has not been set yet');
    return new Date(this.current);
  }

  /** Moves the calendar to `at`; never backwards, since the services already acted on the later moment. */
  set(at: Date): void {
    if (this.current && at.getTime() <= this.current.getTime()) return;
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${at.toISOString()}\n`);
    renameSync(temporary, this.path);
    this.current = new Date(at);
  }
}
