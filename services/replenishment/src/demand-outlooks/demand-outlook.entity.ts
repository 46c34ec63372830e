import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest demand forecast per buyer site x item, in demand per day. */
@Entity({ name: 'demand_outlook' })
export class DemandOutlookRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'per_day', type: 'double precision' }) perDay!: number;
  @Column({ name: 'std_dev_per_day', type: 'double precision' }) stdDevPerDay!: number;
  @Column({ type: 'text' }) method!: string;
  @Column({ name: 'generated_at', type: 'timestamptz' }) generatedAt!: Date;
  @Column({ name: 'forecast_event_id', type: 'text' }) forecastEventId!: string;
  @Column({ name: 'demand_class', type: 'text', nullable: true }) demandClass!: string | null;
  /** Demand per bucket, oldest first. */
  @Column({ name: 'history_bucket_days', type: 'integer', nullable: true }) historyBucketDays!: number | null;
  @Column({ name: 'history', type: 'jsonb', nullable: true }) history!: number[] | null;
  /** The forecast's backtest error of demand summed over leadTimeErrorDays days. */
  @Column({ name: 'lead_time_error_variance', type: 'double precision', nullable: true }) leadTimeErrorVariance!: number | null;
  @Column({ name: 'lead_time_error_days', type: 'double precision', nullable: true }) leadTimeErrorDays!: number | null;
}
