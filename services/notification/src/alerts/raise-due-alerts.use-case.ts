import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { Transaction } from '@smi/messaging';
import { AlertStateRepository } from './alert-state.repository';
import { approvalReminders } from './approval-watch';
import { silentFeeds } from './feed-watch';
import { RouteAlerts } from './route-alerts.use-case';
import { lateShipments } from './shipment-watch';
import { feedPartiesOf } from './watch-stock-levels.use-case';

/** Rows a sweep takes of each kind at most; the rest wait for the next one. */
const SWEEP_BATCH = 500;

/**
 * What time alone brings, at `now` on the business clock: approval deadlines drawing near, shipments
 * past their promised delivery, feeds gone silent. Each is raised once: its row is marked in the
 * same unit of work as the alerts are recorded. Returns how many alerts were raised.
 */
@Injectable()
export class RaiseDueAlerts {
  constructor(
    private readonly state: AlertStateRepository,
    private readonly agreements: AgreementBook,
    private readonly route: RouteAlerts,
  ) {}

  async execute(now: Date, tx: Transaction): Promise<number> {
    const approvals = approvalReminders(await this.state.approvalsToRemind(tx.manager, now, SWEEP_BATCH), now);
    const shipments = lateShipments(await this.state.overdueShipments(tx.manager, now, SWEEP_BATCH), now);
    const feeds = silentFeeds([...(await this.state.feedStates(tx.manager)).values()], now, (buyerId) =>
      feedPartiesOf(this.agreements, buyerId),
    );
    await this.state.markReminded(tx.manager, approvals.reminded);
    await this.state.markLate(tx.manager, shipments.late);
    await this.state.saveFeedStates(tx.manager, feeds.states);
    const alerts = [...approvals.alerts, ...shipments.alerts, ...feeds.alerts];
    await this.route.execute(alerts, tx);
    return alerts.length;
  }
}
