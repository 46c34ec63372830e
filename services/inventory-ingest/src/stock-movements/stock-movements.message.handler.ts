import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { inboundTopics, StockMovement, topics } from '@smi/contracts';
import { ConsumeEvents, fromTheirOwnBuyer, Inbound, Rejection, Transaction } from '@smi/messaging';
import { RecordStockMovements } from './record-stock-movements.use-case';

/**
 * Stock movements from Kafka, recorded a batch at a time: buyer systems write their own topic
 * (`smi.in.<buyerId>.stock-movements.v1`), and a movement naming another buyer is refused; this
 * service's REST API writes the internal topic, after checking the caller. Event ids are the
 * buyer's: the inbox keeps them per buyer and channel.
 */
@Controller()
export class StockMovementsMessageHandler {
  constructor(private readonly recordMovements: RecordStockMovements) {}

  @ConsumeEvents(topics.stockMovements, { scopeOf: (movement) => movement.buyerId })
  onStockMovements(@Payload() movements: Inbound<StockMovement>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordMovements.execute(movements, tx);
  }

  @ConsumeEvents(inboundTopics.stockMovements, { scopeOf: (movement) => movement.buyerId })
  async onBuyerStockMovements(@Payload() movements: Inbound<StockMovement>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    const { accepted, rejected } = fromTheirOwnBuyer(movements, inboundTopics.stockMovements);
    if (accepted.length === 0) return rejected;
    return [...rejected, ...(await this.recordMovements.execute(accepted, tx))];
  }
}
