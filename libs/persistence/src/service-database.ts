import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { QueryErrorLogger } from './query-error-logger';

export interface ServiceDatabaseOptions {
  /** Owning service; its tables live in a Postgres schema of the same name (dashes become underscores). */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  url?: string;
  /** Pool size per service instance. */
  poolSize?: number;
}

export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (for example postgres://smi:smi@localhost:15432/smi)');
  return url;
}

export const schemaNameOf = (service: string): string => service.replace(/-/g, '_');

/**
 * Opens the service's own schema and brings it to the latest migration.
 * Each service owns one schema and never reads another's: they share only
 * the database server, so each can be moved to its own later.
 */
export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<DataSource> {
  const url = options.url ?? databaseUrlFromEnv();
  const schema = schemaNameOf(options.service);
  await ensureSchema(url, schema);
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    // Run below, one instance at a time.
    migrationsRun: false,
    // Migrations only: synchronize would silently change production tables.
    synchronize: false,
    // Failed statements only, without their parameters (QueryErrorLogger says why).
    logging: ['error'],
    logger: new QueryErrorLogger(options.service),
    // search_path makes unqualified SQL in migrations and repositories land in the service's schema.
    extra: { max: options.poolSize ?? 10, options: `-c search_path=${schema}` },
    // Which instance each connection is (pg_stat_activity): several instances of a service share the database.
    applicationName: `smi-${options.service}/${process.pid}@${hostname()}`,
  });
  await dataSource.initialize();
  try {
    await migrateOneInstanceAtATime(dataSource, schema);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Brings the schema to the latest migration while holding a lock of the schema's: instances of a
 * service starting together would otherwise each create the same tables, and all but one fail.
 * The others wait, then find nothing left to run. A session lock, released if the process dies.
 */
async function migrateOneInstanceAtATime(dataSource: DataSource, schema: string): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext(current_schema()), hashtext($1))', [`${schema} migrations`]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext(current_schema()), hashtext($1))', [`${schema} migrations`]);
    }
  } finally {
    await lock.release();
  }
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two services starting together can race on CREATE SCHEMA; the loser sees a duplicate.
    if ((error as { code?: string }).code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
