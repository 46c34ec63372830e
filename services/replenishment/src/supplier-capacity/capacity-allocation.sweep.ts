import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock, ScheduledSweep, sweepMsFrom } from '@smi/service-kit';
import { AllocateCapacity } from './allocate-capacity.use-case';
import { SupplierCapacityRepository } from './supplier-capacity.repository';

/** Capacity periods allocated per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 50;

/**
 * Milliseconds between capacity allocations: SMI_CAPACITY_ALLOCATION_MS,
 * default 60 s. Requests that wait are pooled for up to this long, so the most
 * urgent of them is served first rather than whichever came first.
 */
export const allocationSweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_CAPACITY_ALLOCATION_MS', 60_000);

/**
 * Every sweep interval, allocates each capacity period with requests waiting
 * (AllocateCapacity), one unit of work per period: a period is the unit its
 * lock and its share are decided in.
 */
@Injectable()
export class CapacityAllocationSweep extends ScheduledSweep {
  constructor(
    private readonly capacities: SupplierCapacityRepository,
    private readonly allocate: AllocateCapacity,
    private readonly unitOfWork: UnitOfWork,
    clock: BusinessClock,
  ) {
    super('allocating supplier capacity to waiting orders', allocationSweepMsFrom(process.env), clock);
  }

  /**
   * Allocates now, without waiting for the sweep: every period with waiting
   * requests, or only one supplier's, at the business clock's now. Returns how many orders it placed.
   */
  async allocateNow(supplierId?: string, now = this.clock.now()): Promise<number> {
    return this.allocateWaiting(now, supplierId);
  }

  protected override sweepAt(now: Date): Promise<number> {
    return this.allocateWaiting(now);
  }

  private async allocateWaiting(now: Date, supplierId?: string): Promise<number> {
    let placed = 0;
    for (const group of await this.capacities.groupsWaiting(SWEEP_BATCH, supplierId))
      placed += await this.unitOfWork.run((tx) => this.allocate.execute(group, tx, now));
    return placed;
  }
}
