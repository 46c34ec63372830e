import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderTrace1797200000000 implements MigrationInterface {
  name = 'OrderTrace1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    // The W3C trace id of the run that decided the order (null when it was not traced, and for orders decided
    // before this column): GET /orders/{id} names it, so the order's whole story can be opened in the trace viewer.
    await runner.query(`ALTER TABLE orders ADD COLUMN trace_id text NULL CHECK (trace_id ~ '^[0-9a-f]{32}$')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE orders DROP COLUMN trace_id');
  }
}
