import { numericAsNumber } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'stockout_watch' })
export class StockoutWatchRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'last_sequence', type: 'bigint', transformer: numericAsNumber }) lastSequence!: number;
  @Column({ name: 'stocked_out', type: 'boolean' }) stockedOut!: boolean;
  @Column({ name: 'last_level_event_id', type: 'text' }) lastLevelEventId!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
