import { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded stock movement files: the job, the file's bytes while it is read (so a job resumes after a crash), and the rows refused. */
export class StockMovementFiles1765200000100 implements MigrationInterface {
  name = 'StockMovementFiles1765200000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE stock_movement_file_jobs (
        job_id text PRIMARY KEY,
        buyer_id text NOT NULL,
        file_kind text NOT NULL,
        file_format text NOT NULL,
        date_format text NOT NULL,
        file_name text,
        status text NOT NULL,
        content_sha256 text,
        total_bytes bigint NOT NULL DEFAULT 0,
        last_row integer NOT NULL DEFAULT 0,
        bytes_done bigint NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        repeats integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        failure text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // The same file twice from one buyer is the same job.
    await runner.query(
      `CREATE UNIQUE INDEX stock_movement_file_jobs_content ON stock_movement_file_jobs (buyer_id, content_sha256) WHERE content_sha256 IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX stock_movement_file_jobs_unfinished ON stock_movement_file_jobs (created_at) WHERE status IN ('receiving', 'queued', 'running')`,
    );
    await runner.query(`
      CREATE TABLE stock_movement_file_chunks (
        job_id text NOT NULL REFERENCES stock_movement_file_jobs (job_id) ON DELETE CASCADE,
        chunk integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (job_id, chunk)
      )`);
    await runner.query(`
      CREATE TABLE stock_movement_file_rejections (
        job_id text NOT NULL REFERENCES stock_movement_file_jobs (job_id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        column_name text NOT NULL,
        value text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (job_id, row_number, column_name)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stock_movement_file_rejections');
    await runner.query('DROP TABLE stock_movement_file_chunks');
    await runner.query('DROP TABLE stock_movement_file_jobs');
  }
}
