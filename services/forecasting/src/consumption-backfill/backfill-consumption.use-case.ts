import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { siteItemKeyOf } from '@smi/contracts';
import { canonicalHashOf, Transaction } from '@smi/messaging';
import { dayNumberOf, dayText, periodStartOf } from '../consumption-history/calendar-days';
import { ConsumptionHistoryRepository } from '../consumption-history/consumption-history.repository';
import type { SiteItem } from '../consumption-history/levels-recorded';
import { RecomputeForecast } from '../demand-forecasts/recompute-forecast.use-case';
import {
  agreementRefusals,
  daysOfSeries,
  mergeBackfill,
  type BackfilledDay,
  type SentSeries,
  type SeriesRefusal,
} from './backfilled-history';
import { BackfilledHistoryRepository } from './backfilled-history.repository';

/** What taking a backfill did. */
export interface BackfillTaken {
  seriesTaken: number;
  daysWritten: number;
  daysUnchanged: number;
  liveDaysKept: number;
  /** The forecast events published (one per series whose history changed and has a closed period). */
  forecasts: string[];
}

export type BackfillOutcome =
  { kind: 'refused'; refusals: SeriesRefusal[] } | { kind: 'taken'; refusals: SeriesRefusal[]; taken: BackfillTaken };

/**
 * Takes a buyer's consumption history (REST JSON or a file) into the daily table, in the caller's unit of
 * work: the series judged against the agreements in force and the units kept; every series locked (as the
 * live feed and the batch run lock them), what the table holds read at once, merged by mergeBackfill,
 * written set-based; then each series whose history changed is forecast again from its closed periods, the
 * DemandForecast in the same outbox, so the first forecast after a backfill stands on it. A series refused
 * is all-or-nothing for a request ('whole') or left out for a file ('each', its rows reported).
 */
@Injectable()
export class BackfillConsumption {
  constructor(
    private readonly history: ConsumptionHistoryRepository,
    private readonly backfilled: BackfilledHistoryRepository,
    private readonly recomputation: RecomputeForecast,
    private readonly agreements: AgreementBook,
  ) {}

  async execute(
    tx: Transaction,
    buyerId: string,
    series: readonly SentSeries[],
    now: Date,
    refusing: 'whole' | 'each',
  ): Promise<BackfillOutcome> {
    const keyOf = (s: SentSeries): SiteItem => ({ buyerId, siteId: s.siteId, itemId: s.itemId });
    const keys = uniqueKeys(series.map(keyOf));
    await this.history.lockAll(tx.manager, keys);
    const kept = await this.history.seriesOf(tx.manager, keys);
    const refusals = agreementRefusals(
      buyerId,
      series,
      (siteId, itemId) => this.agreements.lineFor(buyerId, siteId, itemId, now),
      new Map([...kept].map(([key, state]) => [key, state.unit])),
    );
    if (refusals.length > 0 && refusing === 'whole') return { kind: 'refused', refusals };
    const refused = new Set(refusals.map((r) => r.index));
    const taken = series.filter((_, i) => !refused.has(i));
    const sent = taken.flatMap((s) => daysOfSeries(buyerId, s));
    const decision = mergeBackfill(await this.backfilled.keptDays(tx.manager, spansOf(sent)), sent);
    // One per series: a file sends a series row by row.
    const units = new Map(taken.map((s) => [siteItemKeyOf(keyOf(s)), { key: keyOf(s), unit: s.unit }]));
    await this.backfilled.keepUnits(tx.manager, [...units.values()]);
    await this.backfilled.write(tx.manager, decision.writes);
    const forecasts = await this.forecastChanged(tx, decision.changed, decision.writes, now);
    return {
      kind: 'taken',
      refusals,
      taken: {
        seriesTaken: uniqueKeys(taken.map(keyOf)).length,
        daysWritten: decision.writes.length,
        daysUnchanged: decision.unchanged,
        liveDaysKept: decision.liveKept,
        forecasts,
      },
    };
  }

  /**
   * Forecasts each changed series again from the periods closed by business `now`, as the batch run would
   * at its next period, but now. The event id names the history written, so the same change cannot publish
   * twice under two ids, and a resend (nothing written) publishes nothing.
   */
  private async forecastChanged(
    tx: Transaction,
    changed: readonly SiteItem[],
    writes: readonly BackfilledDay[],
    now: Date,
  ): Promise<string[]> {
    const today = dayNumberOf(now);
    const writtenOf = new Map<string, BackfilledDay[]>();
    for (const day of writes) {
      const list = writtenOf.get(siteItemKeyOf(day.key));
      if (list) list.push(day);
      else writtenOf.set(siteItemKeyOf(day.key), [day]);
    }
    const made: string[] = [];
    for (const key of changed) {
      const written = writtenOf.get(siteItemKeyOf(key)) ?? [];
      const line = this.recomputation.settingsOf(key, now);
      const throughDay = periodStartOf(today, line.settings.periodDays) - 1;
      // Only days of the open period: nothing closed to forecast from; the period's close forecasts it.
      if (written.every((d) => d.day > throughDay)) continue;
      const hash = canonicalHashOf(written.map((d) => [d.day, d.quantity, d.stockedOut])).slice(0, 16);
      const forecast = await this.recomputation.recompute(tx, key, {
        throughDay,
        openPeriod: false,
        eventId: `consumption-backfill/${siteItemKeyOf(key)}/${dayText(throughDay)}/${hash}/demand-forecast`,
        basedOnMovementId: '',
        unit: written[0].unit,
        now,
        line,
      });
      made.push(forecast.eventId);
    }
    return made;
  }
}

function uniqueKeys(keys: readonly SiteItem[]): SiteItem[] {
  return [...new Map(keys.map((k) => [siteItemKeyOf(k), k])).values()];
}

/** Each series' first and last day sent: the span of the table to read. */
function spansOf(days: readonly BackfilledDay[]): Array<{ key: SiteItem; fromDay: number; toDay: number }> {
  const spans = new Map<string, { key: SiteItem; fromDay: number; toDay: number }>();
  for (const { key, day } of days) {
    const span = spans.get(siteItemKeyOf(key));
    if (!span) spans.set(siteItemKeyOf(key), { key, fromDay: day, toDay: day });
    else {
      span.fromDay = Math.min(span.fromDay, day);
      span.toDay = Math.max(span.toDay, day);
    }
  }
  return [...spans.values()];
}
