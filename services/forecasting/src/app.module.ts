import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { ConsumptionHistory1764028800201 } from '../migrations/1764028800201-consumption-history';
import { DemandForecasts1764028800202 } from '../migrations/1764028800202-demand-forecasts';
import { DemandPatterns1764028800203 } from '../migrations/1764028800203-demand-patterns';
import { ConsumptionDayRow } from './consumption-history/consumption-day.entity';
import { ConsumptionHistoryRepository } from './consumption-history/consumption-history.repository';
import { StockLevelMessageHandler } from './consumption-history/stock-level.message.handler';
import { DemandForecastRow } from './demand-forecasts/demand-forecast.entity';
import { DemandForecastRepository } from './demand-forecasts/demand-forecast.repository';
import { ForecastsHttpController } from './demand-forecasts/forecasts.http.controller';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'forecasting',
      entities: [ConsumptionDayRow, DemandForecastRow],
      migrations: [ConsumptionHistory1764028800201, DemandForecasts1764028800202, DemandPatterns1764028800203],
    }),
  ],
  controllers: [StockLevelMessageHandler, ForecastsHttpController],
  providers: [ConsumptionHistoryRepository, DemandForecastRepository],
})
export class AppModule {}
