import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Shipment, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { RecordDispatches } from './record-dispatches.use-case';

/**
 * Shipments, a batch at a time: what each order's advance shipping notice says was dispatched.
 * Keeping the largest dispatched quantity per order makes a repeat harmless, so no inbox row is
 * written per event.
 */
@Controller()
export class ShipmentMessageHandler {
  constructor(private readonly recordDispatches: RecordDispatches) {}

  @ConsumeEvents(topics.shipments, { deduplication: 'handler' })
  onShipments(@Payload() shipments: Inbound<Shipment>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordDispatches.execute(shipments, tx);
  }
}
