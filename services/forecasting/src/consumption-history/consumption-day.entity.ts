import { decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'consumption_day' })
export class ConsumptionDayRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  /** YYYY-MM-DD (UTC); TypeORM hands a date column over as that string. */
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column(decimalColumn) quantity!: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
