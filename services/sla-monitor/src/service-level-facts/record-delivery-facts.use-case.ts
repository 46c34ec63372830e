import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { ForecastAccuracy, ReplenishmentOrder, Shipment } from '@smi/contracts';
import { Inbound, Transaction } from '@smi/messaging';
import { accuraciesOf, orderedLinesOf, shippedLinesOf } from './delivery-facts';
import { DeliveryFactsRepository } from './delivery-facts.repository';
import { TouchedPeriodRepository } from './touched-period.repository';

/** Keeps each released order line (and withdraws one rejected after release), and marks the months it touches. */
@Injectable()
export class RecordOrderLines {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly facts: DeliveryFactsRepository,
    private readonly touched: TouchedPeriodRepository,
  ) {}

  async execute(records: readonly Inbound<ReplenishmentOrder>[], tx: Transaction): Promise<void> {
    const { released, withdrawn, touches } = orderedLinesOf(
      records.map((r) => r.event),
      (order) => this.agreedLeadTimeDays(order),
    );
    await this.facts.saveOrdered(tx.manager, released);
    await this.facts.withdraw(tx.manager, withdrawn);
    await this.touched.touchAll(tx.manager, touches);
  }

  /** The lead time of the agreement version the order was decided under, else of the line in force when it was decided. */
  private agreedLeadTimeDays(order: ReplenishmentOrder): number {
    const version = this.agreements.history(order.agreementId).find((v) => v.version === order.agreementVersion);
    const line =
      version?.agreement.lines.find((l) => l.siteId === order.siteId && l.itemId === order.itemId) ??
      this.agreements.lineFor(order.buyerId, order.siteId, order.itemId, order.decidedAt)?.line;
    // An order under terms this service never heard of is judged by its own promise.
    return line?.leadTimeDays ?? (order.expectedDeliveryAt.getTime() - order.decidedAt.getTime()) / 86_400_000;
  }
}

/** Keeps what each shipment last said about its order lines, and marks the months they touch. */
@Injectable()
export class RecordShippedLines {
  constructor(
    private readonly facts: DeliveryFactsRepository,
    private readonly touched: TouchedPeriodRepository,
  ) {}

  async execute(records: readonly Inbound<Shipment>[], tx: Transaction): Promise<void> {
    const { shipped, touches } = shippedLinesOf(records.map((r) => r.event));
    await this.facts.saveShipped(tx.manager, shipped);
    await this.touched.touchAll(tx.manager, touches);
  }
}

/** Keeps the latest forecast accuracy per site x item (or agreement) and period scored. */
@Injectable()
export class RecordForecastAccuracy {
  constructor(
    private readonly facts: DeliveryFactsRepository,
    private readonly touched: TouchedPeriodRepository,
  ) {}

  async execute(records: readonly Inbound<ForecastAccuracy>[], tx: Transaction): Promise<void> {
    const { kept, touches } = accuraciesOf(records.map((r) => r.event));
    await this.facts.saveAccuracies(tx.manager, kept);
    await this.touched.touchAll(tx.manager, touches);
  }
}
