import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Sla1764028800005 } from '../migrations/1764028800005-sla';
import { ServiceLevelFacts1797000000000 } from '../migrations/1797000000000-service-level-facts';
import { Penalties1797500000000 } from '../migrations/1797500000000-penalties';
import { BreachesHttpController } from './breaches/breaches.http.controller';
import { SlaBreachRow } from './breaches/sla-breach.entity';
import { SlaBreachRepository } from './breaches/sla-breach.repository';
import { DisputesHttpController } from './disputes/disputes.http.controller';
import { DisputesRepository } from './disputes/disputes.repository';
import { TakeDisputeSteps } from './disputes/take-dispute-steps.use-case';
import { KpisHttpController } from './kpis/kpis.http.controller';
import { MeasureKpis } from './kpis/measure-kpis.use-case';
import { ComputePenaltyMonth } from './penalties/compute-penalty-month.use-case';
import { PenaltiesHttpController } from './penalties/penalties.http.controller';
import { PenaltiesRepository } from './penalties/penalties.repository';
import { PeriodCloseSweep } from './penalties/period-close.sweep';
import { ReadScorecard } from './scorecards/read-scorecard.use-case';
import { ScorecardHttpController } from './scorecards/scorecard.http.controller';
import { DeliveryFactsRepository } from './service-level-facts/delivery-facts.repository';
import { RecordForecastAccuracy, RecordOrderLines, RecordShippedLines } from './service-level-facts/record-delivery-facts.use-case';
import { ServiceLevelFactsRepository } from './service-level-facts/service-level-facts.repository';
import { ServiceLevelFactsMessageHandler } from './service-level-facts/service-level-facts.message.handler';
import { StockLevelHistoryRepository } from './service-level-facts/stock-level-history.repository';
import { TouchedPeriodRepository } from './service-level-facts/touched-period.repository';
import { StockoutWatchRow } from './stockouts/stockout-watch.entity';
import { StockoutWatchRepository } from './stockouts/stockout-watch.repository';
import { WatchStockoutsMessageHandler } from './stockouts/watch-stockouts.message.handler';
import { WatchStockouts } from './stockouts/watch-stockouts.use-case';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'sla-monitor',
      entities: [StockoutWatchRow, SlaBreachRow],
      migrations: [Sla1764028800005, ServiceLevelFacts1797000000000, Penalties1797500000000],
    }),
  ],
  controllers: [
    WatchStockoutsMessageHandler,
    BreachesHttpController,
    KpisHttpController,
    ServiceLevelFactsMessageHandler,
    PenaltiesHttpController,
    DisputesHttpController,
    ScorecardHttpController,
  ],
  providers: [
    StockoutWatchRepository,
    SlaBreachRepository,
    WatchStockouts,
    StockLevelHistoryRepository,
    TouchedPeriodRepository,
    DeliveryFactsRepository,
    RecordOrderLines,
    RecordShippedLines,
    RecordForecastAccuracy,
    ServiceLevelFactsRepository,
    MeasureKpis,
    ReadScorecard,
    PenaltiesRepository,
    DisputesRepository,
    ComputePenaltyMonth,
    TakeDisputeSteps,
    PeriodCloseSweep,
  ],
})
export class AppModule {}
