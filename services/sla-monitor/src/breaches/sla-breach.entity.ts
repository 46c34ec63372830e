import { decimalColumn } from '@smi/persistence';
import { BreachKind } from '@smi/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'sla_breaches' })
export class SlaBreachRow {
  @PrimaryColumn({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ type: 'text' }) kind!: BreachKind;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ type: 'text' }) period!: string;
  @Column({ name: 'stockouts_in_period', type: 'integer' }) stockoutsInPeriod!: number;
  @Column({ name: 'allowed_stockouts_per_period', type: 'integer' }) allowedStockoutsPerPeriod!: number;
  @Column({ name: 'penalty_amount', ...decimalColumn }) penaltyAmount!: number;
  @Column({ type: 'text' }) currency!: string;
  @Column({ name: 'stock_level_event_id', type: 'text' }) stockLevelEventId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}
