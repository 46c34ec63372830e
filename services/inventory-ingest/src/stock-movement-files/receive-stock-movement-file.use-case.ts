import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { FileJob } from './file-job';
import { FileJobsRepository } from './file-jobs.repository';
import { FileSettingsRepository } from './file-settings.repository';
import { columnsOf, DateFormat, FileKind } from './file-rows';
import { rowsOfStoredFile, UnreadableFileError } from './stored-file.adapter';
import { IncomingFile, UploadRefused } from './upload.adapter';

/** Bytes per stored chunk: the most of a file held in memory while it arrives. */
export const CHUNK_BYTES = 1024 * 1024;

/** The largest file taken, in bytes: SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES, 256 MiB by default. */
export function fileLimitBytesFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES?.trim();
  if (!raw) return 256 * 1024 * 1024;
  const limit = Number(raw);
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error(`SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES must be a whole number of bytes (got ${raw})`);
  return limit;
}

export interface FileReceived {
  jobId: string;
  /** The buyer sent this very file before: the answer is that first upload's job, and nothing more is done. */
  repeat: boolean;
}

/**
 * Stores an uploaded file in Postgres as it arrives (1 MiB chunks), hashing it on the way, so a job
 * can be read, and resumed, by any instance. Before the job is queued: an empty file, one over the
 * limit, or one whose header row lacks a column is refused and forgotten; the same file from the same
 * buyer again is answered with the first job. Dates are read in the format the upload names, else the
 * buyer's configured one (PUT /stock-movement-files/settings), else ISO 8601.
 */
@Injectable()
export class ReceiveStockMovementFile {
  constructor(
    private readonly jobs: FileJobsRepository,
    private readonly settings: FileSettingsRepository,
  ) {}

  async execute(
    buyerId: string,
    file: IncomingFile,
    settings: { kind: FileKind; dateFormat?: DateFormat },
    limitBytes: number,
  ): Promise<FileReceived> {
    const jobId = randomUUID();
    const job: Pick<FileJob, 'jobId' | 'buyerId' | 'fileKind' | 'fileFormat' | 'dateFormat' | 'fileName'> = {
      jobId,
      buyerId,
      fileKind: settings.kind,
      fileFormat: file.format,
      dateFormat: settings.dateFormat ?? (await this.settings.dateFormatOf(buyerId)) ?? 'ISO',
      fileName: file.fileName?.slice(0, 200) ?? null,
    };
    await this.jobs.create(job);
    try {
      const { bytes, sha256 } = await this.store(jobId, file.bytes, limitBytes);
      if (bytes === 0) throw new UploadRefused(400, 'file is empty');
      await this.checkHeader(job);
      return await this.jobs.received(jobId, buyerId, sha256, bytes);
    } catch (error) {
      await this.jobs.discard(jobId);
      if (error instanceof UnreadableFileError) throw new UploadRefused(400, `file ${error.message}`);
      throw error;
    }
  }

  private async store(jobId: string, incoming: AsyncIterable<Buffer>, limitBytes: number): Promise<{ bytes: number; sha256: string }> {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let chunk = 0;
    const flush = async (data: Buffer) => {
      await this.jobs.addChunk(jobId, chunk++, data);
    };
    for await (const piece of incoming) {
      total += piece.length;
      if (total > limitBytes) throw new UploadRefused(413, `file is larger than ${limitBytes} bytes (SMI_STOCK_MOVEMENT_FILE_LIMIT_BYTES)`);
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      while (pendingBytes >= CHUNK_BYTES) {
        const joined = Buffer.concat(pending);
        await flush(joined.subarray(0, CHUNK_BYTES));
        const rest = joined.subarray(CHUNK_BYTES);
        pending = rest.length > 0 ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    }
    if (pendingBytes > 0) await flush(Buffer.concat(pending));
    return { bytes: total, sha256: hash.digest('hex') };
  }

  /** Reads the header row only, so a file lacking a column is refused now, naming it, rather than failing later. */
  private async checkHeader(job: Pick<FileJob, 'jobId' | 'fileKind' | 'fileFormat'>): Promise<void> {
    for await (const { cells } of rowsOfStoredFile(this.jobs, job.jobId, job.fileFormat)) {
      const { missing, repeated } = columnsOf(job.fileKind, cells);
      if (missing.length > 0) {
        throw new UploadRefused(400, `the header row lacks the column(s) ${missing.join(', ')} of a ${job.fileKind} file`);
      }
      if (repeated.length > 0) throw new UploadRefused(400, `the header row names the column(s) ${repeated.join(', ')} twice`);
      return;
    }
    throw new UploadRefused(400, 'file holds no header row');
  }
}
