import { Module } from '@nestjs/common';
import { OnHandRepository } from '../on-hand/on-hand.repository';
import { RecordStockMovements } from '../stock-movements/record-stock-movements.use-case';
import { MovementIntake } from '../stock-movements/movement-intake.adapter';
import { FileJobsRepository } from './file-jobs.repository';
import { FileSettingsRepository } from './file-settings.repository';
import { ReadStockMovementFile } from './read-stock-movement-file.use-case';
import { ReceiveStockMovementFile } from './receive-stock-movement-file.use-case';
import { StockMovementFilesHttpController } from './stock-movement-files.http.controller';
import { StockMovementFilesSweep } from './stock-movement-files.sweep';

/**
 * Uploaded files of stock movements: judged by the stock movements' own use cases (RecordStockMovements'
 * refusals) and taken in as REST movements are (MovementIntake), all stateless beside the database.
 */
@Module({
  controllers: [StockMovementFilesHttpController],
  providers: [
    OnHandRepository,
    RecordStockMovements,
    MovementIntake,
    FileJobsRepository,
    FileSettingsRepository,
    ReceiveStockMovementFile,
    ReadStockMovementFile,
    StockMovementFilesSweep,
  ],
})
export class StockMovementFilesModule {}
