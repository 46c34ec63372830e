import { Column, Entity, PrimaryColumn } from 'typeorm';

/** numeric comes back from pg as a string; quantities are numbers in the domain. */
export const decimal = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'consumption_day' })
export class ConsumptionDayRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  /** YYYY-MM-DD (UTC); TypeORM hands a date column over as that string. */
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6, transformer: decimal }) quantity!: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
