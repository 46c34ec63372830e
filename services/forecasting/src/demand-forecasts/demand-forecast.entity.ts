import { DemandForecast } from '@smi/contracts';
import { decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'demand_forecast' })
export class DemandForecastRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'event_id', type: 'text' }) eventId!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text' }) method!: string;
  @Column({ name: 'period_days', type: 'integer' }) periodDays!: number;
  @Column({ name: 'demand_per_period', ...decimalColumn }) demandPerPeriod!: number;
  @Column({ name: 'standard_deviation_per_period', ...decimalColumn })
  standardDeviationPerPeriod!: number;
  @Column({ name: 'periods_observed', type: 'integer' }) periodsObserved!: number;
  @Column({ name: 'generated_at', type: 'timestamptz' }) generatedAt!: Date;
  @Column({ name: 'based_on_movement_id', type: 'text' }) basedOnMovementId!: string;
  @Column({ name: 'demand_class', type: 'text' }) demandClass!: string;
  @Column({ name: 'recent_demand', type: 'jsonb' }) recentDemand!: number[];
  @Column({ name: 'agreement_id', type: 'text', nullable: true }) agreementId!: string | null;
  @Column({ name: 'first_period_start', type: 'text', nullable: true }) firstPeriodStart!: string | null;
  @Column({ name: 'horizon_demand', type: 'jsonb' }) horizonDemand!: number[];
  @Column({ name: 'censored_periods', type: 'integer' }) censoredPeriods!: number;
  @Column({ name: 'method_score', type: 'double precision', nullable: true }) methodScore!: number | null;
  @Column({ name: 'runner_up_method', type: 'text', nullable: true }) runnerUpMethod!: string | null;
  @Column({ name: 'runner_up_score', type: 'double precision', nullable: true }) runnerUpScore!: number | null;
  @Column({ name: 'method_scores', type: 'jsonb' }) methodScores!: DemandForecast['methodScores'];
  @Column({ name: 'lead_time_periods', type: 'integer' }) leadTimePeriods!: number;
  @Column({ name: 'lead_time_error_variance', type: 'double precision', nullable: true }) leadTimeErrorVariance!: number | null;
  /** Of the periods the forecast was made from, those holding history the buyer backfilled (not part of the event). */
  @Column({ name: 'backfilled_periods', type: 'integer', default: 0 }) backfilledPeriods!: number;
}
