import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Shipments1764028800004 } from '../migrations/1764028800004-shipments';
import { ShipmentCancellation1764028800005 } from '../migrations/1764028800005-shipment-cancellation';
import { GoodsReceiptMessageHandler } from './goods-receipt/goods-receipt.message.handler';
import { UnmatchedGoodsReceiptRow } from './goods-receipt/unmatched-goods-receipt.entity';
import { UnmatchedGoodsReceiptRepository } from './goods-receipt/unmatched-goods-receipt.repository';
import { ReplenishmentOrderMessageHandler } from './shipments/replenishment-order.message.handler';
import { ShipmentRow } from './shipments/shipment.entity';
import { ShipmentRepository } from './shipments/shipment.repository';
import { ShipmentsHttpController } from './shipments/shipments.http.controller';

@Module({
  imports: [ServiceKitModule.forService({ service: 'shipment', entities: [ShipmentRow, UnmatchedGoodsReceiptRow], migrations: [Shipments1764028800004, ShipmentCancellation1764028800005] })],
  controllers: [ReplenishmentOrderMessageHandler, GoodsReceiptMessageHandler, ShipmentsHttpController],
  providers: [ShipmentRepository, UnmatchedGoodsReceiptRepository],
})
export class AppModule {}
