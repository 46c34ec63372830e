import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderValueWidth1764028800390 implements MigrationInterface {
  name = 'OrderValueWidth1764028800390';

  async up(runner: QueryRunner): Promise<void> {
    // An order's value is its quantity (bounded like every quantity, below 10^12) times a unit price (at most 10^9):
    // numeric(18, 6) stops at 10^12, so an order the bounds allow could not be stored and was lost.
    await runner.query('ALTER TABLE orders ALTER COLUMN order_value TYPE numeric(30, 6)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE orders ALTER COLUMN order_value TYPE numeric(18, 6)');
  }
}
