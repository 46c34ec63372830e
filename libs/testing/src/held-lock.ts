import { Client } from 'pg';
import { AppName, ServiceProcess } from './service-process';
import { queryDatabase } from './test-database';

/**
 * A lock the test holds in a transaction of its own, so that a sweep needing it stops mid-way with
 * its own transaction open: the test can then kill the instance whose sweep waits on it, release
 * the lock, and see what the other instances make of the work the dead one had claimed.
 */
export class HeldLock {
  private constructor(
    private readonly databaseUrl: string,
    private readonly client: Client,
    private readonly backendPid: number,
  ) {}

  /** Opens a transaction and runs `sql` in it (a `LOCK TABLE` or a `SELECT ... FOR UPDATE`), holding what it locks. */
  static async take(databaseUrl: string, sql: string, params: unknown[] = []): Promise<HeldLock> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await client.query('BEGIN');
      await client.query(sql, params);
      return new HeldLock(databaseUrl, client, rows[0].pid);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  /**
   * Of these instances, those with a statement waiting on this lock now (their connections name
   * them, see openServiceDatabase). Read on another connection: a transaction sees one snapshot of
   * pg_stat_activity.
   */
  async waiting<P extends ServiceProcess<AppName>>(instances: readonly P[]): Promise<P[]> {
    const rows = await queryDatabase<{ application_name: string }>(
      this.databaseUrl,
      'SELECT application_name FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))',
      [this.backendPid],
    );
    return instances.filter((instance) =>
      rows.some((row) => row.application_name.startsWith(`smi-${instance.name}/${instance.child.pid}@`)),
    );
  }

  /** Ends the transaction: whatever waited on the lock goes on. */
  async release(): Promise<void> {
    await this.client.query('COMMIT');
    await this.client.end();
  }
}
