import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock, PeriodicSweep, sweepMsFrom } from '@smi/service-kit';
import { SendDigests } from '../digests/send-digests.use-case';
import { RaiseDueAlerts } from './raise-due-alerts.use-case';

/** Milliseconds between sweeps: SMI_NOTIFICATION_SWEEP_MS, default 60 s (tests shorten it). */
export const alertSweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_NOTIFICATION_SWEEP_MS', 60_000);

/**
 * Every interval, on the business clock: raises the alerts time brings (approval deadlines near,
 * late shipments, silent feeds), then sends the digests due; each in a unit of work of its own.
 */
@Injectable()
export class AlertsSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertsSweep.name);
  private readonly sweep = new PeriodicSweep(
    this.logger,
    'raising due alerts and sending digests',
    alertSweepMsFrom(process.env),
    () => this.once(),
    () => this.clock.now(),
  );

  constructor(
    private readonly raiseDue: RaiseDueAlerts,
    private readonly sendDigests: SendDigests,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  private async once(): Promise<number> {
    const now = this.clock.now();
    const raised = await this.unitOfWork.run((tx) => this.raiseDue.execute(now, tx));
    const digests = await this.unitOfWork.run((tx) => this.sendDigests.execute(now, tx));
    if (raised + digests > 0) this.logger.log(`at ${now.toISOString()}: ${raised} alert(s) raised, ${digests} digest(s) sent`);
    return raised + digests;
  }
}
