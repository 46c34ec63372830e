import { Logger } from '@nestjs/common';
import { SettableClock } from './business-clock';
import { PeriodicSweep, ScheduledSweep } from './periodic-sweep';

describe('periodic sweep', () => {
  it('sweeps at the clock it is given, so a simulated calendar or a replay sweeps in business time', async () => {
    const clock = new SettableClock(new Date('2025-02-28T23:00:00Z'));
    const sweptAt: Date[] = [];
    const sweep = new PeriodicSweep(
      new Logger('test'),
      'testing',
      60_000,
      async (now) => {
        sweptAt.push(now);
        return 1;
      },
      () => clock.now(),
    );
    await sweep.once();
    clock.advance(2 * 60 * 60 * 1000);
    await sweep.once();
    await sweep.once(new Date('2025-01-01T00:00:00Z')); // a caller that names its moment
    expect(sweptAt).toEqual([new Date('2025-02-28T23:00:00Z'), new Date('2025-03-01T01:00:00Z'), new Date('2025-01-01T00:00:00Z')]);
  });

  it('starts once however often it is asked, so stopping it stops every tick', async () => {
    jest.useFakeTimers();
    try {
      let sweeps = 0;
      const sweep = new PeriodicSweep(
        new Logger('test'),
        'testing',
        1000,
        async () => ++sweeps,
        () => new Date(),
      );
      sweep.start();
      sweep.start(); // a hybrid Nest app calls the bootstrap hook twice
      await jest.advanceTimersByTimeAsync(1000);
      expect(sweeps).toBe(1);
      await sweep.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(sweeps).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  describe('as a Nest provider', () => {
    /** A sweep that notes when it ran, on a clock the test moves. */
    class NotingSweep extends ScheduledSweep {
      readonly sweptAt: Date[] = [];

      constructor(clock: SettableClock) {
        super('noting', 1000, clock);
      }

      protected override async sweepAt(now: Date): Promise<number> {
        this.sweptAt.push(now);
        return 1;
      }
    }

    it('ticks on the business clock from bootstrap until shutdown, once per interval however often Nest bootstraps it', async () => {
      jest.useFakeTimers();
      try {
        const clock = new SettableClock(new Date('2025-03-31T23:59:00Z'));
        const sweep = new NotingSweep(clock);
        sweep.onApplicationBootstrap();
        sweep.onApplicationBootstrap(); // a hybrid Nest app (HTTP and Kafka) calls the hook twice
        clock.advance(60_000);
        await jest.advanceTimersByTimeAsync(1000);
        await sweep.beforeApplicationShutdown();
        await jest.advanceTimersByTimeAsync(5000);
        expect(sweep.sweptAt).toEqual([new Date('2025-04-01T00:00:00Z')]);
      } finally {
        jest.useRealTimers();
      }
    });

    it('sweeps once on demand, at the clock or at a moment the caller names', async () => {
      const sweep = new NotingSweep(new SettableClock(new Date('2025-02-28T23:00:00Z')));
      expect(await sweep.once()).toBe(1);
      expect(await sweep.once(new Date('2025-01-01T00:00:00Z'))).toBe(1);
      expect(sweep.sweptAt).toEqual([new Date('2025-02-28T23:00:00Z'), new Date('2025-01-01T00:00:00Z')]);
    });
  });
});
