import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock } from '@smi/service-kit';
import { RecordStockMovements } from '../stock-movements/record-stock-movements.use-case';
import { MovementIntake } from '../stock-movements/movement-intake.adapter';
import { FileJob } from './file-job';
import { FileJobsRepository } from './file-jobs.repository';
import { CellValue, columnsOf, columnOfField, ColumnPositions, judgeRows, rejectionOfRefusal, RowRejection, shown } from './file-rows';
import { rowsOfStoredFile, UnreadableFileError } from './stored-file.adapter';

/** Rows taken in per unit of work: one produce of at most this many movements, and one checkpoint. */
export const ROWS_PER_BATCH = 1000;

/** The lease on a job was taken over by another instance (this one stalled past it): it stops, the other goes on. */
class LeaseLost extends Error {}

/**
 * Reads an uploaded file a batch of rows at a time, from the row after its last checkpoint: judges the
 * rows by the movement rules and the projection's refusals (an uncovered site x item, another unit),
 * takes the accepted ones into the inbox and onto the stock-movements topic (channel 'file'), and
 * commits the rejections and the checkpoint in the same unit of work. A job stopped half way (its
 * instance killed) is read again from its checkpoint: rows before it are skipped, and a batch produced
 * but not committed is produced again under the same event ids, which the consumer's inbox takes once.
 */
@Injectable()
export class ReadStockMovementFile {
  private readonly logger = new Logger(ReadStockMovementFile.name);

  constructor(
    private readonly jobs: FileJobsRepository,
    private readonly recordMovements: RecordStockMovements,
    private readonly intake: MovementIntake,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  /** Reads the job to its end, unless `stopping` says to stop between batches; its lease, held by `owner`, is renewed at each batch. */
  async execute(job: FileJob, owner: string, leaseMs: number, stopping: () => boolean): Promise<void> {
    try {
      const finished = await this.readFrom(job, owner, leaseMs, stopping);
      if (finished) await this.jobs.finish(job.jobId, owner, 'done');
      else await this.jobs.release(job.jobId, owner);
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.logger.warn(`file job ${job.jobId}: another instance took it over; this one stops`);
        return;
      }
      if (error instanceof UnreadableFileError) {
        await this.jobs.finish(job.jobId, owner, 'failed', `file ${error.message}`);
        return;
      }
      throw error;
    }
  }

  private async readFrom(job: FileJob, owner: string, leaseMs: number, stopping: () => boolean): Promise<boolean> {
    let positions: ColumnPositions | undefined;
    let batch: Array<{ row: number; cells: CellValue[] }> = [];
    let bytesRead = 0;
    for await (const read of rowsOfStoredFile(this.jobs, job.jobId, job.fileFormat)) {
      bytesRead = read.bytesRead;
      if (!positions) {
        const { positions: found, missing } = columnsOf(job.fileKind, read.cells);
        if (missing.length > 0) throw new UnreadableFileError(`lacks the column(s) ${missing.join(', ')} in its header row`);
        positions = found;
        continue;
      }
      if (read.row <= job.lastRow) continue; // committed before the job stopped
      batch.push(read);
      if (batch.length < ROWS_PER_BATCH) continue;
      await this.takeBatch(job, owner, leaseMs, positions, batch, bytesRead);
      batch = [];
      if (stopping()) return false;
    }
    if (!positions) throw new UnreadableFileError('holds no header row');
    if (batch.length > 0) await this.takeBatch(job, owner, leaseMs, positions, batch, bytesRead);
    return true;
  }

  private async takeBatch(
    job: FileJob,
    owner: string,
    leaseMs: number,
    positions: ColumnPositions,
    rows: Array<{ row: number; cells: CellValue[] }>,
    bytesRead: number,
  ): Promise<void> {
    const now = this.clock.now();
    const judged = judgeRows(rows, {
      kind: job.fileKind,
      buyerId: job.buyerId,
      dateFormat: job.dateFormat,
      positions,
      fileHash: job.contentSha256 ?? '',
      now,
    });
    const rejections: RowRejection[] = [...judged.rejections];
    const refused = new Set<number>();
    for (const { index, reason } of await this.recordMovements.refusals(
      judged.movements.map((m) => m.movement),
      now,
    )) {
      const { row, cells } = judged.movements[index];
      refused.add(index);
      rejections.push(rejectionOfRefusal(job.fileKind, row, cells, positions, reason));
    }
    const taking = judged.movements.filter((_, i) => !refused.has(i));
    await this.unitOfWork.run(async (tx) => {
      const movements = taking.map((m) => m.movement);
      const outcomes = await this.intake.claim(tx, movements, 'file');
      // Taken in only once the broker holds them: the unit of work commits after the produce.
      await this.intake.produce(
        movements.filter((_, i) => outcomes[i] === 'fresh'),
        'file',
      );
      const idColumn = columnOfField(job.fileKind, 'eventId');
      taking.forEach(({ row, cells, movement }, i) => {
        if (outcomes[i] !== 'conflict') return;
        const at = positions.get(idColumn);
        rejections.push({
          row,
          column: idColumn,
          value: shown(at === undefined ? movement.eventId : cells[at]),
          reason: 'was used before for another movement: a movement id names one movement',
        });
      });
      const conflicts = outcomes.filter((o) => o === 'conflict').length;
      const kept = await this.jobs.checkpoint(tx.manager, job.jobId, owner, leaseMs, {
        lastRow: rows[rows.length - 1].row,
        bytesDone: bytesRead,
        accepted: outcomes.filter((o) => o !== 'conflict').length,
        repeats: outcomes.filter((o) => o === 'repeat').length,
        rejected: judged.rejectedRows + refused.size + conflicts,
        rejections,
      });
      if (!kept) throw new LeaseLost();
    });
  }
}
