import { Injectable } from '@nestjs/common';
import { ShipmentUpdate } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { GoodsReceiptRepository } from '../goods-receipt/goods-receipt.repository';
import { ProduceSupplierDocuments } from '../supplier-documents/produce-supplier-documents.use-case';
import { dispatchDocumentsOf } from '../supplier-documents/supplier-documents';
import { describeReportProblems, LogisticsReport, recordLogisticsReports, reportProblems, ReportOutcome } from './logistics-reports';
import { announceShipment } from './plan-shipments.use-case';
import { ShipmentRepository } from './shipment.repository';

/**
 * Records the supplier's logistics reports (dispatched with the advance shipping notice, delayed,
 * delivered), from Kafka or REST alike: holds the buyer sites of the shipments they name (a
 * shipment that leaves takes the receipts kept unmatched there), locks the shipments and those
 * receipts in one statement each, lets the shipments decide, and writes the changed ones with
 * their events. A REST call is a batch of one; a report that changes nothing comes back with why.
 */
@Injectable()
export class RecordShipmentUpdates {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly receipts: GoodsReceiptRepository,
    private readonly supplierDocuments: ProduceSupplierDocuments,
  ) {}

  /**
   * Reports read from suppliers' own topics (their supplier already checked against the topic):
   * one breaking a rule, or that the shipment refuses (unknown, another supplier's, out of order),
   * comes back as a rejection with the reason; the others are applied.
   */
  async fromSuppliers(records: readonly Inbound<ShipmentUpdate>[], tx: Transaction): Promise<Rejection[]> {
    const rejections: Rejection[] = [];
    const valid: Array<Inbound<ShipmentUpdate>> = [];
    for (const record of records) {
      const problems = reportProblems(record.event);
      if (problems.length > 0) rejections.push({ record, reason: describeReportProblems(problems) });
      else valid.push(record);
    }
    const reports = valid.map((record) => ({
      update: record.event,
      reportedBy: { kind: 'supplier' as const, id: record.event.supplierId },
    }));
    const outcomes = await this.execute(reports, tx, valid);
    outcomes.forEach((outcome, i) => {
      if (outcome.kind !== 'moved') rejections.push({ record: valid[i], reason: outcome.reason });
    });
    return rejections;
  }

  async execute(reports: readonly LogisticsReport[], tx: Transaction, causes?: readonly Inbound<unknown>[]): Promise<ReportOutcome[]> {
    const shipmentIds = [...new Set(reports.map((r) => r.update.shipmentId))];
    const sites = await this.shipments.sitesOf(tx.manager, shipmentIds);
    await this.shipments.lockKeys(
      tx.manager,
      sites.map((s) => `site:${s.buyerId}|${s.siteId}`),
    );
    const current = await this.shipments.lockAll(tx.manager, { shipmentIds });
    const dispatching = reports.some((r) => r.update.kind === 'DISPATCHED');
    const kept = dispatching ? await this.receipts.lockKept(tx.manager, { unreferencedAt: sites }) : [];
    const recorded = recordLogisticsReports(current, reports, kept);
    await this.shipments.saveAll(tx.manager, recorded.changed);
    const used = recorded.outcomes.flatMap((outcome) =>
      outcome.kind === 'moved'
        ? outcome.receiptsUsed.map((stockLevelEventId) => ({ stockLevelEventId, shipmentId: outcome.shipment.shipmentId }))
        : [],
    );
    await this.receipts.matchAll(tx.manager, used);
    for (const [index, outcome] of recorded.outcomes.entries())
      if (outcome.kind === 'moved') for (const event of outcome.events) await announceShipment(tx, event, causes?.[index]);
    // A shipment that left goes to its buyer's EDI gateway as an 856 and a DESADV.
    await this.supplierDocuments.execute(
      tx,
      recorded.outcomes.flatMap((outcome, index) =>
        outcome.kind === 'moved' && reports[index].update.kind === 'DISPATCHED'
          ? dispatchDocumentsOf(outcome.shipment).map((draft) => ({ draft, cause: causes?.[index] }))
          : [],
      ),
    );
    return recorded.outcomes;
  }
}
