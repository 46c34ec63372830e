import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ShipmentUpdate, supplierInboundTopics } from '@smi/contracts';
import { ConsumeEvents, fromTheirOwnSupplier, Inbound, Rejection, Transaction } from '@smi/messaging';
import { RecordShipmentUpdates } from './record-shipment-updates.use-case';

/**
 * Logistics reports from suppliers' systems, each on its own topic
 * (`smi.in.<supplierId>.shipment-updates.v1`, which only that supplier may write): a report naming
 * another supplier is refused, the rest are applied as the REST API applies them. Event ids are the
 * supplier's: the inbox keeps them per supplier and channel.
 */
@Controller()
export class ShipmentUpdatesMessageHandler {
  constructor(private readonly recordUpdates: RecordShipmentUpdates) {}

  @ConsumeEvents(supplierInboundTopics.shipmentUpdates, { scopeOf: (update) => update.supplierId })
  async onSupplierShipmentUpdates(@Payload() updates: Inbound<ShipmentUpdate>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    const { accepted, rejected } = fromTheirOwnSupplier(updates, supplierInboundTopics.shipmentUpdates);
    if (accepted.length === 0) return rejected;
    return [...rejected, ...(await this.recordUpdates.fromSuppliers(accepted, tx))];
  }
}
