import type { Logger as TypeOrmLogger } from 'typeorm';

/** How much of a failed statement's text is logged: enough to tell which statement it was. */
const STATEMENT_PREFIX_LENGTH = 160;

/**
 * Logs a failed statement as one JSON line: the SQLSTATE, Postgres's message and the start of the
 * statement, never its parameters nor the error's detail (both carry client data: ids, quantities,
 * another party's rows). TypeORM's own logger prints every parameter of a failed query.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  constructor(
    private readonly service: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  logQueryError(error: string | Error, query: string): void {
    const sqlstate = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    this.line('error', typeof error === 'string' ? error : error.message, {
      sqlstate: typeof sqlstate === 'string' ? sqlstate : undefined,
      statement: query.replace(/\s+/g, ' ').trim().slice(0, STATEMENT_PREFIX_LENGTH),
    });
  }

  logMigration(message: string): void {
    this.line('log', message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.line('warn', String(message));
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}

  private line(level: string, message: string, fields: Record<string, unknown> = {}): void {
    this.write(JSON.stringify({ level, pid: process.pid, timestamp: Date.now(), context: `database ${this.service}`, message, ...fields }));
  }
}
