import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { StockPositions1764028800301 } from '../migrations/1764028800301-stock-positions';
import { Orders1764028800302 } from '../migrations/1764028800302-orders';
import { OrderRow } from './orders/order.entity';
import { OrdersHttpController } from './orders/orders.http.controller';
import { OrdersRepository } from './orders/orders.repository';
import { StockLevelMessageHandler } from './stock-levels/stock-level.message.handler';
import { StockPositionRow } from './stock-positions/stock-position.entity';
import { StockPositionRepository } from './stock-positions/stock-position.repository';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'replenishment',
      entities: [StockPositionRow, OrderRow],
      migrations: [StockPositions1764028800301, Orders1764028800302],
    }),
  ],
  controllers: [StockLevelMessageHandler, OrdersHttpController],
  providers: [StockPositionRepository, OrdersRepository],
})
export class AppModule {}
