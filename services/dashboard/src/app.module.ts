import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { PartyDirectory } from '@smi/service-kit';
import { AssetsController } from './assets/assets.controller';
import { LoginController } from './login/login.controller';
import { PlatformApi } from './platform/platform-api.adapter';
import { SessionSeal } from './session/session';
import { SessionMiddleware, sessionSealFromEnv } from './session/session.middleware';
import { StockController } from './stock/stock.controller';
import { OperationsController } from './operations/operations.controller';
import { WhatIfController } from './what-if/what-if.controller';

/**
 * The dashboard: pages for buyers, suppliers and operators, rendered on the server from the services' HTTP APIs
 * (called with the signed-in party's key). It keeps no data: no broker, no database. A page is a feature folder
 * with its controller listed here and its entry in layout/navigation.ts.
 */
@Module({
  controllers: [LoginController, AssetsController, StockController, WhatIfController, OperationsController],
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
