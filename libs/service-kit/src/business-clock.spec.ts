import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessClockFrom, FileClock, SettableClock, SystemClock } from './business-clock';

describe('business clock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'smi-clock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs on the wall clock unless a clock file is named', () => {
    expect(businessClockFrom({})).toBeInstanceOf(SystemClock);
    expect(businessClockFrom({ SMI_CLOCK_FILE: join(dir, 'now') })).toBeInstanceOf(FileClock);
  });

  it('reads the moment another process wrote, and follows it when it moves', async () => {
    const file = join(dir, 'now');
    writeFileSync(file, '2026-03-01T06:00:00.000Z\n');
    const clock = new FileClock(file);
    expect(clock.now().toISOString()).toBe('2026-03-01T06:00:00.000Z');
    writeFileSync(file, '2026-03-02T06:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(clock.now().toISOString()).toBe('2026-03-02T06:00:00.000Z');
  });

  it('falls back to the wall clock, saying why once, while the file is missing or unreadable', () => {
    const warnings: string[] = [];
    const clock = new FileClock(join(dir, 'missing'), (m) => warnings.push(m));
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    writeFileSync(join(dir, 'bad'), 'yesterday');
    expect(Math.abs(new FileClock(join(dir, 'bad'), (m) => warnings.push(m)).now().getTime() - Date.now())).toBeLessThan(1000);
    expect(warnings).toEqual([expect.stringContaining('cannot read'), expect.stringContaining('holds no ISO 8601 moment')]);
  });

  it('keeps the last moment it read when the file is caught empty or torn, and never leaps to the wall clock', async () => {
    const file = join(dir, 'now');
    writeFileSync(file, '2026-03-01T06:00:00.000Z');
    const warnings: string[] = [];
    const clock = new FileClock(file, (m) => warnings.push(m));
    expect(clock.now().toISOString()).toBe('2026-03-01T06:00:00.000Z');
    writeFileSync(file, ''); // a writer between truncating the file and writing the next moment
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(clock.now().toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(warnings).toEqual([expect.stringContaining('using the last moment it held')]);
    writeFileSync(file, '2026-03-02T06:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(clock.now().toISOString()).toBe('2026-03-02T06:00:00.000Z');
  });

  it('is set and moved by hand in tests', () => {
    const clock = new SettableClock(new Date('2026-01-31T23:00:00Z'));
    clock.advance(2 * 3_600_000);
    expect(clock.now().toISOString()).toBe('2026-02-01T01:00:00.000Z');
  });
});
