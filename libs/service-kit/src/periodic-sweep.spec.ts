import { Logger } from '@nestjs/common';
import { SettableClock } from './business-clock';
import { PeriodicSweep } from './periodic-sweep';

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
});
