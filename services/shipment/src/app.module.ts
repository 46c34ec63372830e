import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Shipments1764028800004 } from '../migrations/1764028800004-shipments';
import { ShipmentCancellation1764028800005 } from '../migrations/1764028800005-shipment-cancellation';
import { ConsolidatedShipments1764028800006 } from '../migrations/1764028800006-consolidated-shipments';
import { BookGoodsReceipts } from './goods-receipt/book-goods-receipts.use-case';
import { GoodsReceiptBookingMessageHandler } from './goods-receipt/goods-receipt-booking.message.handler';
import { GoodsReceiptRepository } from './goods-receipt/goods-receipt.repository';
import { UnmatchedReceiptsHttpController } from './goods-receipt/unmatched-receipts.http.controller';
import { PlanShipments } from './shipments/plan-shipments.use-case';
import { RecordShipmentUpdates } from './shipments/record-shipment-updates.use-case';
import { ShipmentPlanningMessageHandler } from './shipments/shipment-planning.message.handler';
import { ShipmentUpdatesMessageHandler } from './shipments/shipment-updates.message.handler';
import { ShipmentRepository } from './shipments/shipment.repository';
import { ShipmentsHttpController } from './shipments/shipments.http.controller';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'shipment',
      migrations: [Shipments1764028800004, ShipmentCancellation1764028800005, ConsolidatedShipments1764028800006],
    }),
  ],
  controllers: [
    ShipmentPlanningMessageHandler,
    GoodsReceiptBookingMessageHandler,
    ShipmentUpdatesMessageHandler,
    ShipmentsHttpController,
    UnmatchedReceiptsHttpController,
  ],
  providers: [ShipmentRepository, GoodsReceiptRepository, PlanShipments, BookGoodsReceipts, RecordShipmentUpdates],
})
export class AppModule {}
