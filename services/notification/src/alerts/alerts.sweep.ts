import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock, ScheduledSweep, sweepMsFrom } from '@smi/service-kit';
import { SendDigests } from '../digests/send-digests.use-case';
import { RaiseDueAlerts } from './raise-due-alerts.use-case';

/** Milliseconds between sweeps: SMI_NOTIFICATION_SWEEP_MS, default 60 s (tests shorten it). */
export const alertSweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_NOTIFICATION_SWEEP_MS', 60_000);

/**
 * Every interval, on the business clock: raises the alerts time brings (approval deadlines near,
 * late shipments, silent feeds), then sends the digests due; each in a unit of work of its own.
 */
@Injectable()
export class AlertsSweep extends ScheduledSweep {
  constructor(
    private readonly raiseDue: RaiseDueAlerts,
    private readonly sendDigests: SendDigests,
    private readonly unitOfWork: UnitOfWork,
    clock: BusinessClock,
  ) {
    super('raising due alerts and sending digests', alertSweepMsFrom(process.env), clock);
  }

  protected override async sweepAt(now: Date): Promise<number> {
    const raised = await this.unitOfWork.run((tx) => this.raiseDue.execute(now, tx));
    const digests = await this.unitOfWork.run((tx) => this.sendDigests.execute(now, tx));
    if (raised + digests > 0) this.logger.log(`at ${now.toISOString()}: ${raised} alert(s) raised, ${digests} digest(s) sent`);
    return raised + digests;
  }
}
