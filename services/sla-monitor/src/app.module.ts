import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { Sla1764028800005 } from '../migrations/1764028800005-sla';
import { BreachesHttpController } from './breaches/breaches.http.controller';
import { SlaBreachRow } from './breaches/sla-breach.entity';
import { SlaBreachRepository } from './breaches/sla-breach.repository';
import { KpisHttpController } from './kpis/kpis.http.controller';
import { StockoutWatchRow } from './stockouts/stockout-watch.entity';
import { StockoutWatchRepository } from './stockouts/stockout-watch.repository';
import { WatchStockoutsMessageHandler } from './stockouts/watch-stockouts.message.handler';
import { WatchStockouts } from './stockouts/watch-stockouts.use-case';

@Module({
  imports: [
    ServiceKitModule.forService({ service: 'sla-monitor', entities: [StockoutWatchRow, SlaBreachRow], migrations: [Sla1764028800005] }),
  ],
  controllers: [WatchStockoutsMessageHandler, BreachesHttpController, KpisHttpController],
  providers: [StockoutWatchRepository, SlaBreachRepository, WatchStockouts],
})
export class AppModule {}
