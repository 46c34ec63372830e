import { Injectable } from '@nestjs/common';
import { Transaction } from '@smi/messaging';
import { announceShipment } from './plan-shipments.use-case';
import { LogisticsReport, recordLogisticsReports, ReportOutcome } from './logistics-reports';
import { ShipmentRepository } from './shipment.repository';

/**
 * Records the supplier's logistics reports (dispatched, delivered): locks the shipments they
 * name in one statement, lets the shipments decide, and writes the moved ones with their events.
 * A REST call is a batch of one; a report that moves nothing comes back with why.
 */
@Injectable()
export class RecordLogisticsReports {
  constructor(private readonly shipments: ShipmentRepository) {}

  async execute(reports: readonly LogisticsReport[], tx: Transaction, now = new Date()): Promise<ReportOutcome[]> {
    const current = await this.shipments.lockAll(
      tx.manager,
      reports.map((r) => r.shipmentId),
    );
    const recorded = recordLogisticsReports(current, reports, now);
    await this.shipments.saveAll(tx.manager, recorded.changed);
    for (const outcome of recorded.outcomes) if (outcome.kind === 'moved') await announceShipment(tx, outcome.event);
    return recorded.outcomes;
  }
}
