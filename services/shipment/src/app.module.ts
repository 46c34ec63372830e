import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Shipments1764028800004 } from '../migrations/1764028800004-shipments';
import { ShipmentCancellation1764028800005 } from '../migrations/1764028800005-shipment-cancellation';
import { BookGoodsReceipts } from './goods-receipt/book-goods-receipts.use-case';
import { GoodsReceiptBookingMessageHandler } from './goods-receipt/goods-receipt-booking.message.handler';
import { UnmatchedGoodsReceiptRow } from './goods-receipt/unmatched-goods-receipt.entity';
import { UnmatchedGoodsReceiptRepository } from './goods-receipt/unmatched-goods-receipt.repository';
import { PlanShipments } from './shipments/plan-shipments.use-case';
import { RecordLogisticsReports } from './shipments/record-logistics-reports.use-case';
import { ShipmentRow } from './shipments/shipment.entity';
import { ShipmentPlanningMessageHandler } from './shipments/shipment-planning.message.handler';
import { ShipmentRepository } from './shipments/shipment.repository';
import { ShipmentsHttpController } from './shipments/shipments.http.controller';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'shipment',
      entities: [ShipmentRow, UnmatchedGoodsReceiptRow],
      migrations: [Shipments1764028800004, ShipmentCancellation1764028800005],
    }),
  ],
  controllers: [ShipmentPlanningMessageHandler, GoodsReceiptBookingMessageHandler, ShipmentsHttpController],
  providers: [ShipmentRepository, UnmatchedGoodsReceiptRepository, PlanShipments, BookGoodsReceipts, RecordLogisticsReports],
})
export class AppModule {}
