import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { StockPositions1764028800301 } from '../migrations/1764028800301-stock-positions';
import { Orders1764028800302 } from '../migrations/1764028800302-orders';
import { AgreementVersions1764028800310 } from '../migrations/1764028800310-agreement-versions';
import { ImportAgreementSeed } from './agreements/import-agreement-seed.use-case';
import { BuyerFeedRepository } from './buyer-feeds/buyer-feed.repository';
import { RecordAgreementChanges } from './agreements/record-agreement-changes.use-case';
import { AgreementVersionRow } from './agreements/agreement-version.entity';
import { AgreementVersionsRepository } from './agreements/agreement-versions.repository';
import { AgreementsHttpController } from './agreements/agreements.http.controller';
import { AgreementProposalRow } from './agreements/agreement-proposal.entity';
import { AgreementProposalsRepository } from './agreements/agreement-proposals.repository';
import { AgreementProposals1764028800360 } from '../migrations/1764028800360-agreement-proposals';
import { DemandOutlooks1764028800330 } from '../migrations/1764028800330-demand-outlooks';
import { ReviewMoments1764028800331 } from '../migrations/1764028800331-review-moments';
import { DemandForecastMessageHandler } from './demand-outlooks/demand-forecast.message.handler';
import { DemandOutlookRow } from './demand-outlooks/demand-outlook.entity';
import { DemandOutlookRepository } from './demand-outlooks/demand-outlook.repository';
import { KeepDemandOutlooks } from './demand-outlooks/keep-demand-outlooks.use-case';
import { DecideReplenishment } from './ordering/decide-replenishment.use-case';
import { OnOrderRepository } from './ordering/on-order.repository';
import { OrderLifecycle1764028800320 } from '../migrations/1764028800320-order-lifecycle';
import { OrderExpirySweep } from './orders/order-expiry.sweep';
import { TakeOrderActions } from './orders/take-order-actions.use-case';
import { OrderHistoryRow } from './orders/order-history.entity';
import { OrderRow } from './orders/order.entity';
import { OrdersHttpController } from './orders/orders.http.controller';
import { OrdersRepository } from './orders/orders.repository';
import { StockProjectionsHttpController } from './stock-projections/stock-projections.http.controller';
import { StockLevelMessageHandler } from './stock-levels/stock-level.message.handler';
import { StockPositionRow } from './stock-positions/stock-position.entity';
import { StockPositionRepository } from './stock-positions/stock-position.repository';
import { WhatIfHttpController } from './simulation/what-if.http.controller';
import { SupplierCapacity1764028800340 } from '../migrations/1764028800340-supplier-capacity';
import { ForecastError1764028800350 } from '../migrations/1764028800350-forecast-error';
import { OrderValueWidth1764028800390 } from '../migrations/1764028800390-order-value-width';
import { PartialReceiptsAndBuyerFeeds1797000000000 } from '../migrations/1797000000000-partial-receipts-and-buyer-feeds';
import { ShortShipments1797100000000 } from '../migrations/1797100000000-short-shipments';
import { OrderTrace1797200000000 } from '../migrations/1797200000000-order-trace';
import { RecordDispatches } from './shipments/record-dispatches.use-case';
import { ShipmentMessageHandler } from './shipments/shipment.message.handler';
import { AllocateCapacity } from './supplier-capacity/allocate-capacity.use-case';
import { CapacityAllocationSweep } from './supplier-capacity/capacity-allocation.sweep';
import { CapacityRequestRow, SupplierCapacityRow } from './supplier-capacity/supplier-capacity.entity';
import { SupplierCapacityHttpController } from './supplier-capacity/supplier-capacity.http.controller';
import { SupplierCapacityRepository } from './supplier-capacity/supplier-capacity.repository';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'replenishment',
      entities: [
        StockPositionRow,
        AgreementVersionRow,
        AgreementProposalRow,
        OrderRow,
        OrderHistoryRow,
        DemandOutlookRow,
        SupplierCapacityRow,
        CapacityRequestRow,
      ],
      migrations: [
        StockPositions1764028800301,
        Orders1764028800302,
        AgreementVersions1764028800310,
        OrderLifecycle1764028800320,
        DemandOutlooks1764028800330,
        ReviewMoments1764028800331,
        SupplierCapacity1764028800340,
        ForecastError1764028800350,
        AgreementProposals1764028800360,
        OrderValueWidth1764028800390,
        PartialReceiptsAndBuyerFeeds1797000000000,
        ShortShipments1797100000000,
        OrderTrace1797200000000,
      ],
    }),
  ],
  controllers: [
    StockLevelMessageHandler,
    DemandForecastMessageHandler,
    ShipmentMessageHandler,
    OrdersHttpController,
    AgreementsHttpController,
    StockProjectionsHttpController,
    WhatIfHttpController,
    SupplierCapacityHttpController,
  ],
  providers: [
    StockPositionRepository,
    AgreementVersionsRepository,
    AgreementProposalsRepository,
    RecordAgreementChanges,
    ImportAgreementSeed,
    OrdersRepository,
    TakeOrderActions,
    OrderExpirySweep,
    DemandOutlookRepository,
    SupplierCapacityRepository,
    AllocateCapacity,
    CapacityAllocationSweep,
    OnOrderRepository,
    BuyerFeedRepository,
    DecideReplenishment,
    KeepDemandOutlooks,
    RecordDispatches,
  ],
})
export class AppModule {}
