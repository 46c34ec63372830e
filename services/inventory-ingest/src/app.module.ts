import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@smi/service-kit';
import { OnHand1764028800001 } from '../migrations/1764028800001-on-hand';
import { StockMovementFiles1765200000100 } from '../migrations/1765200000100-stock-movement-files';
import { EdiInterchanges1765200000400 } from '../migrations/1765200000400-edi-interchanges';
import { BuyerFileSettings1765200000500 } from '../migrations/1765200000500-buyer-file-settings';
import { CrossReferenceRepository } from './edi-cross-references/cross-reference.repository';
import { EdiCrossReferencesHttpController } from './edi-cross-references/edi-cross-references.http.controller';
import { EdiInterchangesHttpController } from './edi-interchanges/edi-interchanges.http.controller';
import { KeptInterchangeRepository } from './edi-interchanges/kept-interchange.repository';
import { ReceiveInterchange } from './edi-interchanges/receive-interchange.use-case';
import { OnHandRow } from './on-hand/on-hand.entity';
import { OnHandRepository } from './on-hand/on-hand.repository';
import { StockLevelsHttpController } from './on-hand/stock-levels.http.controller';
import { SchemaRegistryHttpController } from './schema-registry/schema-registry.http.controller';
import { MovementIntake } from './stock-movements/movement-intake.adapter';
import { RecordStockMovements } from './stock-movements/record-stock-movements.use-case';
import { StockMovementsMessageHandler } from './stock-movements/stock-movements.message.handler';
import { StockMovementsHttpController } from './stock-movements/stock-movements.http.controller';
import { StockMovementFilesModule } from './stock-movement-files/stock-movement-files.module';

@Module({
  imports: [
    ServiceKitModule.forService({
      service: 'inventory-ingest',
      entities: [OnHandRow],
      migrations: [OnHand1764028800001, StockMovementFiles1765200000100, EdiInterchanges1765200000400, BuyerFileSettings1765200000500],
    }),
    StockMovementFilesModule,
  ],
  controllers: [
    StockMovementsMessageHandler,
    StockMovementsHttpController,
    StockLevelsHttpController,
    SchemaRegistryHttpController,
    EdiInterchangesHttpController,
    EdiCrossReferencesHttpController,
  ],
  providers: [
    OnHandRepository,
    RecordStockMovements,
    MovementIntake,
    CrossReferenceRepository,
    KeptInterchangeRepository,
    ReceiveInterchange,
  ],
})
export class AppModule {}
