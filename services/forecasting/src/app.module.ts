import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { ConsumptionHistory1764028800201 } from '../migrations/1764028800201-consumption-history';
import { DemandForecasts1764028800202 } from '../migrations/1764028800202-demand-forecasts';
import { DemandPatterns1764028800203 } from '../migrations/1764028800203-demand-patterns';
import { ForecastSelection1764028800204 } from '../migrations/1764028800204-forecast-selection';
import { FittedParameters1764028800205 } from '../migrations/1764028800205-fitted-parameters';
import { ConsumptionSeries1764028800210 } from '../migrations/1764028800210-consumption-series';
import { BuyerForecastReceipt1764028800220 } from '../migrations/1764028800220-buyer-forecast-receipt';
import { BuyerForecastPerBuyer1764028800221 } from '../migrations/1764028800221-buyer-forecast-per-buyer';
import { BackfilledConsumption1765200000200 } from '../migrations/1765200000200-backfilled-consumption';
import { TakeBuyerForecasts } from './buyer-forecasts/take-buyer-forecasts.use-case';
import { BuyerForecastsMessageHandler } from './buyer-forecasts/buyer-forecasts.message.handler';
import { BuyerForecastRepository } from './buyer-forecasts/buyer-forecast.repository';
import { BuyerForecastsHttpController } from './buyer-forecasts/buyer-forecasts.http.controller';
import { BackfillConsumption } from './consumption-backfill/backfill-consumption.use-case';
import { BackfilledHistoryRepository } from './consumption-backfill/backfilled-history.repository';
import { ConsumptionHistoryFilesHttpController } from './consumption-backfill/consumption-history-files.http.controller';
import { ConsumptionHistoryHttpController } from './consumption-backfill/consumption-history.http.controller';
import { ConsumptionDayRow } from './consumption-history/consumption-day.entity';
import { ConsumptionHistoryRepository } from './consumption-history/consumption-history.repository';
import { RecordConsumption } from './consumption-history/record-consumption.use-case';
import { StockLevelsMessageHandler } from './consumption-history/stock-levels.message.handler';
import { DemandForecastRow } from './demand-forecasts/demand-forecast.entity';
import { DemandForecastRepository } from './demand-forecasts/demand-forecast.repository';
import { RecomputeForecast } from './demand-forecasts/recompute-forecast.use-case';
import { ForecastsHttpController } from './demand-forecasts/forecasts.http.controller';
import { ForecastAccuracyHttpController } from './forecast-accuracy/forecast-accuracy.http.controller';
import { ForecastAccuracyRepository } from './forecast-accuracy/forecast-accuracy.repository';
import { ForecastRun } from './forecast-runs/forecast-run.sweep';
import { ForecastRunsHttpController } from './forecast-runs/forecast-runs.http.controller';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'forecasting',
      entities: [ConsumptionDayRow, DemandForecastRow],
      migrations: [
        ConsumptionHistory1764028800201,
        DemandForecasts1764028800202,
        DemandPatterns1764028800203,
        ForecastSelection1764028800204,
        FittedParameters1764028800205,
        ConsumptionSeries1764028800210,
        BuyerForecastReceipt1764028800220,
        BuyerForecastPerBuyer1764028800221,
        BackfilledConsumption1765200000200,
      ],
    }),
  ],
  controllers: [
    StockLevelsMessageHandler,
    BuyerForecastsMessageHandler,
    ForecastsHttpController,
    BuyerForecastsHttpController,
    ForecastAccuracyHttpController,
    ForecastRunsHttpController,
    ConsumptionHistoryHttpController,
    ConsumptionHistoryFilesHttpController,
  ],
  providers: [
    RecordConsumption,
    ConsumptionHistoryRepository,
    DemandForecastRepository,
    RecomputeForecast,
    ForecastAccuracyRepository,
    BuyerForecastRepository,
    TakeBuyerForecasts,
    ForecastRun,
    BackfilledHistoryRepository,
    BackfillConsumption,
  ],
})
export class AppModule {}
