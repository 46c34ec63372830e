import type { StockProjection } from '../stock/stock-projection';

/**
 * How urgent a buyer's line is for its supplier: out of stock; urgent when stock runs out before an order placed
 * now could arrive (days of cover below the lead time); soon when it runs out within twice the lead time, so
 * the next order is due within a lead time; otherwise fine.
 */
export type Urgency = 'out-of-stock' | 'urgent' | 'soon' | 'fine';

export const URGENCY_WORDS: Record<Urgency, string> = {
  'out-of-stock': 'out of stock',
  urgent: 'runs out before an order could arrive',
  soon: 'order within a lead time',
  fine: 'covered',
};

export interface PositionUrgency {
  urgency: Urgency;
  /** Days of cover minus the lead time: below zero, the days the line would be short if ordered now; null when stock lasts beyond the horizon. */
  slackDays: number | null;
}

export function urgencyOf(position: { onHand: number; daysOfCover: number | null; leadTimeDays: number }): PositionUrgency {
  if (position.onHand <= 0) return { urgency: 'out-of-stock', slackDays: -position.leadTimeDays };
  if (position.daysOfCover === null) return { urgency: 'fine', slackDays: null };
  const slackDays = position.daysOfCover - position.leadTimeDays;
  if (slackDays < 0) return { urgency: 'urgent', slackDays };
  if (slackDays < position.leadTimeDays) return { urgency: 'soon', slackDays };
  return { urgency: 'fine', slackDays };
}

export type RankedPosition = StockProjection & PositionUrgency & { leadTimeDays: number };

/**
 * Every buyer's line, most urgent first: out of stock, then by slack (days of cover less lead time), lines lasting
 * beyond the horizon last; ties by buyer, site and item so the order is stable. A line whose lead time is unknown
 * (its agreement not readable) is ranked as if ordered today for delivery today.
 */
export function byUrgency(
  projections: readonly StockProjection[],
  leadTimeOf: (projection: StockProjection) => number | undefined,
): RankedPosition[] {
  const ranked = projections.map((p) => {
    const leadTimeDays = leadTimeOf(p) ?? 0;
    return { ...p, leadTimeDays, ...urgencyOf({ onHand: p.onHand, daysOfCover: p.daysOfCover, leadTimeDays }) };
  });
  const rank = (p: RankedPosition): number => (p.urgency === 'out-of-stock' ? -Infinity : (p.slackDays ?? Infinity));
  return ranked.sort(
    (a, b) =>
      rank(a) - rank(b) || a.buyerId.localeCompare(b.buyerId) || a.siteId.localeCompare(b.siteId) || a.itemId.localeCompare(b.itemId),
  );
}

/** An agreement's lines as GET /agreements answers them (the parts needed here). */
export interface AgreementVersionView {
  agreement: { agreementId: string; lines: Array<{ siteId: string; itemId: string; leadTimeDays: number }> };
}

/** The lead time the line's agreement sets for a site x item. */
export const leadTimesFrom =
  (agreements: readonly AgreementVersionView[]) =>
  (p: Pick<StockProjection, 'agreementId' | 'siteId' | 'itemId'>): number | undefined =>
    agreements
      .find((v) => v.agreement.agreementId === p.agreementId)
      ?.agreement.lines.find((line) => line.siteId === p.siteId && line.itemId === p.itemId)?.leadTimeDays;
