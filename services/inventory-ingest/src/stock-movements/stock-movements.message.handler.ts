import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockMovement, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { RecordStockMovements } from './record-stock-movements.use-case';

/**
 * Stock movements from Kafka (buyer systems, and this service's REST API): recorded a batch at a
 * time. Event ids are the buyer's: the inbox keeps them per buyer and channel.
 */
@Controller()
export class StockMovementsMessageHandler {
  constructor(private readonly recordMovements: RecordStockMovements) {}

  @ConsumeEvents(topics.stockMovements, { scopeOf: (movement) => movement.buyerId })
  onStockMovements(@Payload() movements: Inbound<StockMovement>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordMovements.execute(movements, tx);
  }
}
