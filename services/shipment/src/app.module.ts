import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Shipments1764028800004 } from '../migrations/1764028800004-shipments';
import { ShipmentCancellation1764028800005 } from '../migrations/1764028800005-shipment-cancellation';
import { ConsolidatedShipments1764028800006 } from '../migrations/1764028800006-consolidated-shipments';
import { SupplierDocuments1765200000401 } from '../migrations/1765200000401-supplier-documents';
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
import { ProduceSupplierDocuments } from './supplier-documents/produce-supplier-documents.use-case';
import { SupplierDocumentRepository } from './supplier-documents/supplier-document.repository';
import { SupplierDocumentsHttpController } from './supplier-documents/supplier-documents.http.controller';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'shipment',
      migrations: [
        Shipments1764028800004,
        ShipmentCancellation1764028800005,
        ConsolidatedShipments1764028800006,
        SupplierDocuments1765200000401,
      ],
    }),
  ],
  controllers: [
    ShipmentPlanningMessageHandler,
    GoodsReceiptBookingMessageHandler,
    ShipmentUpdatesMessageHandler,
    ShipmentsHttpController,
    UnmatchedReceiptsHttpController,
    SupplierDocumentsHttpController,
  ],
  providers: [
    ShipmentRepository,
    GoodsReceiptRepository,
    PlanShipments,
    BookGoodsReceipts,
    RecordShipmentUpdates,
    SupplierDocumentRepository,
    ProduceSupplierDocuments,
  ],
})
export class AppModule {}
