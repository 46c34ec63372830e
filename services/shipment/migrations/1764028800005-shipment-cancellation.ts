import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShipmentCancellation1764028800005 implements MigrationInterface {
  name = 'ShipmentCancellation1764028800005';

  async up(runner: QueryRunner): Promise<void> {
    // A buyer's veto of a released order cancels its shipment while it is still PLANNED.
    await runner.query('ALTER TABLE shipments DROP CONSTRAINT shipments_status_check');
    await runner.query(
      `ALTER TABLE shipments ADD CONSTRAINT shipments_status_check CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED', 'CANCELLED'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM shipments WHERE status = 'CANCELLED'`);
    await runner.query('ALTER TABLE shipments DROP CONSTRAINT shipments_status_check');
    await runner.query(
      `ALTER TABLE shipments ADD CONSTRAINT shipments_status_check CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED'))`,
    );
  }
}
