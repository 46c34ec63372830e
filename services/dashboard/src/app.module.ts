import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { PartyDirectory } from '@smi/service-kit';
import { AssetsController } from './assets/assets.controller';
import { LoginController } from './login/login.controller';
import { PlatformApi } from './platform/platform-api.adapter';
import { SessionSeal } from './session/session';
import { SessionMiddleware, sessionSealFromEnv } from './session/session.middleware';
import { StockController } from './stock/stock.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { ShipmentsController } from './shipments/shipments.controller';
import { ServiceLevelsController } from './service-levels/service-levels.controller';
import { PositionsController } from './positions/positions.controller';
import { DispatchController } from './dispatch/dispatch.controller';
import { CapacityController } from './capacity/capacity.controller';
import { ForecastsController } from './forecasts/forecasts.controller';
import { PenaltiesController } from './penalties/penalties.controller';
import { WhatIfController } from './what-if/what-if.controller';
import { OperationsController } from './operations/operations.controller';

/**
 * The dashboard: pages for buyers, suppliers and operators, rendered on the server from the services' HTTP APIs
 * (called with the signed-in party's key). It keeps no data: no broker, no database. A page is a feature folder
 * with its controller listed here and its entry in layout/navigation.ts.
 */
@Module({
  controllers: [
    LoginController,
    AssetsController,
    // Buyer pages.
    StockController,
    ApprovalsController,
    ShipmentsController,
    ServiceLevelsController,
    // Supplier pages.
    PositionsController,
    DispatchController,
    CapacityController,
    ForecastsController,
    PenaltiesController,
    // Buyer and supplier pages.
    WhatIfController,
    // Operator pages.
    OperationsController,
  ],
  providers: [
    PlatformApi,
    { provide: SessionSeal, useFactory: sessionSealFromEnv },
    { provide: PartyDirectory, useFactory: () => PartyDirectory.fromFile() },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SessionMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
