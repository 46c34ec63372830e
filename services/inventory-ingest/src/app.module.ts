import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { OnHand1764028800001 } from '../migrations/1764028800001-on-hand';
import { StockMovementFiles1765200000100 } from '../migrations/1765200000100-stock-movement-files';
import { OnHandRow } from './on-hand/on-hand.entity';
import { OnHandRepository } from './on-hand/on-hand.repository';
import { StockLevelsHttpController } from './on-hand/stock-levels.http.controller';
import { SchemaRegistryHttpController } from './schema-registry/schema-registry.http.controller';
import { RecordStockMovements } from './stock-movements/record-stock-movements.use-case';
import { StockMovementsMessageHandler } from './stock-movements/stock-movements.message.handler';
import { StockMovementsHttpController } from './stock-movements/stock-movements.http.controller';
import { TakeInMovements } from './stock-movements/take-in-movements.use-case';
import { StockMovementFilesModule } from './stock-movement-files/stock-movement-files.module';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'inventory-ingest',
      entities: [OnHandRow],
      migrations: [OnHand1764028800001, StockMovementFiles1765200000100],
    }),
    StockMovementFilesModule,
  ],
  controllers: [StockMovementsMessageHandler, StockMovementsHttpController, StockLevelsHttpController, SchemaRegistryHttpController],
  providers: [OnHandRepository, RecordStockMovements, TakeInMovements],
})
export class AppModule {}
