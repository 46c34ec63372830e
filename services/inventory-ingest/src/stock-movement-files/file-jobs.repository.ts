import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BatchProgress, FileJob, FileJobStatus } from './file-job';
import { RowRejection } from './file-rows';

const JOB_COLUMNS = `job_id, buyer_id, file_kind, file_format, date_format, file_name, status, content_sha256,
  total_bytes::float8 AS total_bytes, last_row, bytes_done::float8 AS bytes_done, accepted, repeats, rejected, failure, created_at, finished_at`;

/** Uploaded files' jobs, their stored bytes and their rejected rows. */
@Injectable()
export class FileJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(job: Pick<FileJob, 'jobId' | 'buyerId' | 'fileKind' | 'fileFormat' | 'dateFormat' | 'fileName'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO stock_movement_file_jobs (job_id, buyer_id, file_kind, file_format, date_format, file_name, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'receiving')`,
      [job.jobId, job.buyerId, job.fileKind, job.fileFormat, job.dateFormat, job.fileName],
    );
  }

  async addChunk(jobId: string, chunk: number, data: Buffer): Promise<void> {
    await this.dataSource.query(`INSERT INTO stock_movement_file_chunks (job_id, chunk, data) VALUES ($1, $2, $3)`, [jobId, chunk, data]);
  }

  async chunk(jobId: string, chunk: number): Promise<Buffer | undefined> {
    const rows: Array<{ data: Buffer }> = await this.dataSource.query(
      `SELECT data FROM stock_movement_file_chunks WHERE job_id = $1 AND chunk = $2`,
      [jobId, chunk],
    );
    return rows[0]?.data;
  }

  /**
   * The file has arrived whole: its hash and size are kept and it waits to be read, unless the buyer
   * sent the same file before: then this upload is dropped and the first job is the answer.
   */
  async received(jobId: string, buyerId: string, sha256: string, totalBytes: number): Promise<{ jobId: string; repeat: boolean }> {
    for (;;) {
      const first = await this.firstWithContent(buyerId, sha256);
      if (first) {
        await this.discard(jobId);
        return { jobId: first, repeat: true };
      }
      try {
        await this.dataSource.query(
          `UPDATE stock_movement_file_jobs SET content_sha256 = $2, total_bytes = $3, status = 'queued', updated_at = now() WHERE job_id = $1`,
          [jobId, sha256, totalBytes],
        );
        return { jobId, repeat: false };
      } catch (error) {
        // The same file finished arriving in another request at the same moment: that one is the first.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
  }

  private async firstWithContent(buyerId: string, sha256: string): Promise<string | undefined> {
    const rows: Array<{ job_id: string }> = await this.dataSource.query(
      `SELECT job_id FROM stock_movement_file_jobs WHERE buyer_id = $1 AND content_sha256 = $2`,
      [buyerId, sha256],
    );
    return rows[0]?.job_id;
  }

  /** Forgets an upload that is refused or a repeat (its chunks go with it). */
  async discard(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM stock_movement_file_jobs WHERE job_id = $1`, [jobId]);
  }

  /** Forgets uploads whose bytes stopped arriving long ago (the request died with its instance): the client never had a job id. */
  async discardAbandoned(olderThanMs: number): Promise<number> {
    // TypeORM answers an UPDATE or DELETE with [rows, affected].
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM stock_movement_file_jobs WHERE status = 'receiving' AND updated_at < now() - $1 * interval '1 millisecond'`,
      [olderThanMs],
    );
    return deleted;
  }

  /**
   * Takes the lease of a job to read: the one named, or else the oldest queued or running job whose
   * lease has run out (its instance stopped). Locked rows are skipped, so two instances never take the same one.
   */
  async lease(
    owner: string,
    leaseMs: number,
    besides: readonly string[],
    jobId?: string,
  ): Promise<{ job: FileJob; lease: string } | undefined> {
    const [rows]: [Array<Record<string, unknown>>, number] = await this.dataSource.query(
      `UPDATE stock_movement_file_jobs j SET status = 'running', lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond', updated_at = now()
       WHERE j.job_id = (
         SELECT job_id FROM stock_movement_file_jobs
         WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now()) AND ($3::text IS NULL OR job_id = $3) AND job_id <> ALL($4::text[])
         ORDER BY created_at
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING ${JOB_COLUMNS}`,
      [owner, leaseMs, jobId ?? null, besides],
    );
    return rows[0] ? { job: jobOf(rows[0]), lease: owner } : undefined;
  }

  /**
   * Commits a batch's progress and rejections in the batch's unit of work, and renews the lease. False
   * when the lease is no longer this instance's (another took the job over): the batch must not commit.
   */
  async checkpoint(manager: EntityManager, jobId: string, owner: string, leaseMs: number, progress: BatchProgress): Promise<boolean> {
    const updated: [unknown[], number] = await manager.query(
      `UPDATE stock_movement_file_jobs SET last_row = $3, bytes_done = $4, accepted = accepted + $5, repeats = repeats + $6,
         rejected = rejected + $7, lease_until = now() + $8 * interval '1 millisecond', updated_at = now()
       WHERE job_id = $1 AND lease_owner = $2`,
      [jobId, owner, progress.lastRow, progress.bytesDone, progress.accepted, progress.repeats, progress.rejected, leaseMs],
    );
    if (updated[1] === 0) return false;
    await this.addRejections(manager, jobId, progress.rejections);
    return true;
  }

  private async addRejections(manager: EntityManager, jobId: string, rejections: readonly RowRejection[]): Promise<void> {
    if (rejections.length === 0) return;
    await manager.query(
      `INSERT INTO stock_movement_file_rejections (job_id, row_number, column_name, value, reason)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT DO NOTHING`,
      [
        jobId,
        rejections.map((r) => r.row),
        rejections.map((r) => r.column),
        rejections.map((r) => r.value),
        rejections.map((r) => r.reason),
      ],
    );
  }

  /** Lets the job go before its lease runs out (the instance is stopping): another instance takes it up at its next sweep. */
  async release(jobId: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE stock_movement_file_jobs SET lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE job_id = $1 AND lease_owner = $2`,
      [jobId, owner],
    );
  }

  /** The job is over (done, or failed with the reason): its stored bytes are no longer needed. */
  async finish(
    jobId: string,
    owner: string,
    status: Extract<FileJobStatus, 'done' | 'failed'>,
    failure: string | null = null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, updated]: [unknown[], number] = await manager.query(
        `UPDATE stock_movement_file_jobs SET status = $3, failure = $4, bytes_done = CASE WHEN $3 = 'done' THEN total_bytes ELSE bytes_done END,
           lease_owner = NULL, lease_until = NULL, finished_at = now(), updated_at = now()
         WHERE job_id = $1 AND lease_owner = $2`,
        [jobId, owner, status, failure],
      );
      if (updated > 0) await manager.query(`DELETE FROM stock_movement_file_chunks WHERE job_id = $1`, [jobId]);
    });
  }

  async find(jobId: string): Promise<FileJob | undefined> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM stock_movement_file_jobs WHERE job_id = $1`,
      [jobId],
    );
    return rows[0] ? jobOf(rows[0]) : undefined;
  }

  /** Rejections in row order, a page at a time: those after `afterRow`, at most `limit`. */
  async rejections(jobId: string, afterRow: number, limit: number): Promise<RowRejection[]> {
    const rows: Array<{ row_number: number; column_name: string; value: string; reason: string }> = await this.dataSource.query(
      `SELECT row_number, column_name, value, reason FROM stock_movement_file_rejections
       WHERE job_id = $1 AND row_number > $2 ORDER BY row_number, column_name LIMIT $3`,
      [jobId, afterRow, limit],
    );
    return rows.map((r) => ({ row: r.row_number, column: r.column_name, value: r.value, reason: r.reason }));
  }
}

function jobOf(row: Record<string, unknown>): FileJob {
  return {
    jobId: row.job_id as string,
    buyerId: row.buyer_id as string,
    fileKind: row.file_kind as FileJob['fileKind'],
    fileFormat: row.file_format as FileJob['fileFormat'],
    dateFormat: row.date_format as FileJob['dateFormat'],
    fileName: (row.file_name as string | null) ?? null,
    status: row.status as FileJobStatus,
    contentSha256: (row.content_sha256 as string | null) ?? null,
    totalBytes: row.total_bytes as number,
    lastRow: row.last_row as number,
    bytesDone: row.bytes_done as number,
    accepted: row.accepted as number,
    repeats: row.repeats as number,
    rejected: row.rejected as number,
    failure: (row.failure as string | null) ?? null,
    createdAt: row.created_at as Date,
    finishedAt: (row.finished_at as Date | null) ?? null,
  };
}
