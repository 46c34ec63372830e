import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { DemandForecast, ForecastAccuracy, topics } from '@smi/contracts';
import { demandEstimate, demandPeriods, errorScale } from '@smi/forecasting';
import { Outbox, Transaction } from '@smi/messaging';
import { buyerForecastCandidate } from '../buyer-forecasts/buyer-forecast';
import { BuyerForecastRepository } from '../buyer-forecasts/buyer-forecast.repository';
import { backfilledPeriodCount } from '../consumption-backfill/backfilled-history';
import { PERIOD_ANCHOR_DAY, dayText } from '../consumption-history/calendar-days';
import { ConsumptionHistoryRepository, SiteItem } from '../consumption-history/consumption-history.repository';
import { consumptionDays } from '../consumption-history/stock-days';
import {
  ACCURACY_WINDOW_PERIODS,
  agreementAccuracy,
  periodsToScore,
  siteItemAccuracy,
  type Accuracy,
} from '../forecast-accuracy/forecast-accuracy';
import { ForecastAccuracyRepository } from '../forecast-accuracy/forecast-accuracy.repository';
import { demandForecastOf } from './demand-forecast';
import { DemandForecastRepository } from './demand-forecast.repository';
import { MAX_HORIZON_PERIODS, forecastSettingsFor, type ForecastSettings } from './forecast-settings';

export interface Recomputation {
  /** Last day the history takes in: the end of the latest closed period, or the day of a series' first consumption. */
  throughDay: number;
  /** Whether throughDay's period is still open (a series' first forecast, before any period closed). */
  openPeriod: boolean;
  eventId: string;
  basedOnMovementId: string;
  unit: string;
  now: Date;
  /** The line's settings the caller decided by (settingsOf at `now`): the forecast is made by the same ones. */
  line: { settings: ForecastSettings; agreementId: string | null };
}

/**
 * Recomputes one site x item's forecast inside the caller's transaction (the
 * caller holds the series lock): the periods of its agreement line, censored
 * where stock ran out; every method and the buyer's own forecast backtested;
 * the forecast announced and kept as a snapshot; the periods just closed scored
 * against the snapshots made before them, and the accuracy of the site x item
 * and of its agreement announced.
 */
@Injectable()
export class RecomputeForecast {
  constructor(
    private readonly history: ConsumptionHistoryRepository,
    private readonly forecasts: DemandForecastRepository,
    private readonly accuracy: ForecastAccuracyRepository,
    private readonly buyerForecasts: BuyerForecastRepository,
    private readonly agreements: AgreementBook,
  ) {}

  settingsOf(key: SiteItem, at: Date): { settings: ForecastSettings; agreementId: string | null } {
    const inForce = this.agreements.lineFor(key.buyerId, key.siteId, key.itemId, at);
    return { settings: forecastSettingsFor(inForce?.line), agreementId: inForce?.agreement.agreementId ?? null };
  }

  async recompute({ manager, outbox }: Transaction, of: SiteItem, run: Recomputation): Promise<DemandForecast> {
    // Only the key: a stock level passed in carries an eventId and more that must not leak into what is built here.
    const key: SiteItem = { buyerId: of.buyerId, siteId: of.siteId, itemId: of.itemId };
    const { settings, agreementId } = run.line;
    const fromDay = run.throughDay - (settings.historyPeriods + 1) * settings.periodDays;
    const consumed = await this.history.consumedDays(manager, key, fromDay);
    const days = consumptionDays(consumed, await this.history.stockDays(manager, key, fromDay), run.throughDay);
    const periods = demandPeriods(days, settings.periodDays, PERIOD_ANCHOR_DAY);
    const firstPeriod = periods[Math.max(0, periods.length - settings.historyPeriods)]?.start ?? run.throughDay;
    const buyerSubmissions = await this.buyerForecasts.forSeries(manager, key, firstPeriod);
    const historyLength = Math.min(periods.length, settings.historyPeriods);
    const buyerForecast =
      buyerSubmissions.length > 0 ? buyerForecastCandidate(buyerSubmissions, firstPeriod, settings.periodDays, historyLength) : undefined;

    const kept = await this.forecasts.keptParameters(manager, key);
    const { forecast: made, refitted } = demandForecastOf({
      eventId: run.eventId,
      series: { ...key, unit: run.unit },
      agreementId,
      periods,
      settings,
      ...(buyerForecast && { buyerForecast }),
      basedOnMovementId: run.basedOnMovementId,
      generatedAt: run.now,
      ...(kept && { kept }),
    });
    // A fit from an open period saw part of a period: the next full one is kept instead.
    if (refitted && !run.openPeriod) await this.forecasts.keepParameters(manager, key, refitted);
    // From an open period, the forecast is of that period itself: the next one to begin calls for a new forecast.
    const forecast =
      run.openPeriod && periods.length > 0 ? { ...made, firstPeriodStart: dayText(periods[periods.length - 1].start) } : made;
    const backfilledPeriods = backfilledPeriodCount(
      periods.slice(-settings.historyPeriods).map((p) => p.start),
      consumed.filter((d) => d.backfilled && d.day <= run.throughDay).map((d) => d.day),
      settings.periodDays,
    );
    await this.forecasts.save(manager, forecast, backfilledPeriods);
    await outbox.add(topics.demandForecasts, forecast);
    if (run.openPeriod || forecast.firstPeriodStart === null) return forecast;

    await this.scoreClosedPeriods(manager, outbox, key, periods, settings, agreementId, run);
    // A forecast made from an open period knew part of its answer: only those from closed periods are scored later.
    await this.accuracy.saveSnapshot(manager, key, agreementId, forecast.method, {
      eventId: forecast.eventId,
      firstPeriodStart: periods[periods.length - 1].start + settings.periodDays,
      periodDays: settings.periodDays,
      horizonDemand: forecast.horizonDemand,
      generatedAt: run.now,
      ...(kept && { kept }),
    });
    // A fit from an open period saw part of a period: the next full one is kept instead.
    if (refitted && !run.openPeriod) await this.forecasts.keepParameters(manager, key, refitted);
    return forecast;
  }

  private async scoreClosedPeriods(
    manager: Transaction['manager'],
    outbox: Outbox,
    key: SiteItem,
    periods: ReturnType<typeof demandPeriods>,
    settings: ForecastSettings,
    agreementId: string | null,
    run: Recomputation,
  ): Promise<void> {
    const scoredThrough = await this.accuracy.scoredThrough(manager, key, settings.periodDays);
    const since = (scoredThrough ?? periods[0].start) - MAX_HORIZON_PERIODS * settings.periodDays;
    const newlyScored = periodsToScore(periods, await this.accuracy.snapshotsFrom(manager, key, settings.periodDays, since), scoredThrough);
    if (newlyScored.length === 0) return;
    await this.accuracy.saveScored(manager, key, settings.periodDays, newlyScored);
    const scale = errorScale(demandEstimate(periods))?.absolute;
    const ofSeries = siteItemAccuracy(await this.accuracy.lastScored(manager, key, settings.periodDays, ACCURACY_WINDOW_PERIODS), scale);
    if (!ofSeries) return;
    const through = dayText(ofSeries.throughPeriodStart);
    await this.announce(manager, outbox, ofSeries, {
      eventId: `forecast-accuracy/${key.buyerId}|${key.siteId}|${key.itemId}/${through}`,
      scope: 'SITE_ITEM',
      buyerId: key.buyerId,
      agreementId,
      siteId: key.siteId,
      itemId: key.itemId,
      measuredAt: run.now,
    });
    if (!agreementId) return;
    const ofAgreement = agreementAccuracy(await this.accuracy.linesOf(manager, agreementId));
    if (!ofAgreement) return;
    await this.announce(manager, outbox, ofAgreement, {
      eventId: `forecast-accuracy/${agreementId}/${key.buyerId}|${key.siteId}|${key.itemId}/${through}`,
      scope: 'AGREEMENT',
      buyerId: key.buyerId,
      agreementId,
      siteId: null,
      itemId: null,
      measuredAt: run.now,
    });
  }

  private async announce(
    manager: Transaction['manager'],
    outbox: Outbox,
    accuracy: Accuracy,
    about: Pick<ForecastAccuracy, 'eventId' | 'scope' | 'buyerId' | 'agreementId' | 'siteId' | 'itemId' | 'measuredAt'>,
  ): Promise<void> {
    const event: ForecastAccuracy = {
      ...about,
      periodsScored: accuracy.periodsScored,
      censoredPeriodsSkipped: accuracy.censoredPeriodsSkipped,
      mase: accuracy.mase,
      bias: accuracy.bias,
      relativeBias: accuracy.relativeBias,
      linesScored: accuracy.linesScored,
      throughPeriodStart: dayText(accuracy.throughPeriodStart),
    };
    await this.accuracy.saveAccuracy(manager, { ...event, forecastTotal: accuracy.forecastTotal, actualTotal: accuracy.actualTotal });
    await outbox.add(topics.forecastAccuracy, event);
  }
}
