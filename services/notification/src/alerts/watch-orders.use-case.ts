import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { alertsForOrder } from './alert-rules';
import { AlertStateRepository } from './alert-state.repository';
import { approvalsAwaited } from './approval-watch';
import { RecordAlerts } from './record-alerts.use-case';

/**
 * Alerts on a batch of order steps, and keeps the orders awaiting approval under watch (the
 * sweep reminds the buyer as the deadline nears) until they are approved, rejected or expire.
 */
@Injectable()
export class WatchOrders {
  constructor(
    private readonly recordAlerts: RecordAlerts,
    private readonly state: AlertStateRepository,
  ) {}

  async execute(records: readonly Inbound<ReplenishmentOrder>[], tx: Transaction): Promise<Rejection[]> {
    const rejections = await this.recordAlerts.execute(records, alertsForOrder, tx);
    const refused = new Set(rejections.map((r) => r.record));
    const { awaited, settled } = approvalsAwaited(records.filter((r) => !refused.has(r)).map((r) => r.event));
    await this.state.watchApprovals(tx.manager, awaited, settled);
    return rejections;
  }
}
