import { type Agreement, feedSilence } from '@smi/agreements';

/** Why an order decided while its buyer's feed is silent waits for the buyer instead of going out alone. */
export interface StaleFeedHold {
  /** The asOf of the buyer's last stock level. */
  silentSince: Date;
  silentForHours: number;
  /** The agreement's communication frequency: how long the feed may be silent. */
  allowedHours: number;
}

/**
 * The hold on an order decided at `decidedAt` (business time) for a buyer whose last stock level
 * is `lastLevelAt`: set when the feed has been silent longer than the agreement allows, since the
 * supplier then decides on stock it no longer sees. An order a fresh level triggered is never held:
 * that level is the data.
 */
export function staleFeedHoldOf(
  lastLevelAt: Date | null | undefined,
  decidedAt: Date,
  agreement: Pick<Agreement, 'communication'>,
): StaleFeedHold | undefined {
  const silence = feedSilence(lastLevelAt, decidedAt, agreement);
  if (!silence.silent || !lastLevelAt || silence.silentForHours === null) return undefined;
  return { silentSince: lastLevelAt, silentForHours: silence.silentForHours, allowedHours: silence.allowedHours };
}

/** The hold in the words the buyer reads on the order and in its explanation. */
export const staleFeedWords = (hold: StaleFeedHold): string =>
  `the buyer's stock feed has been silent since ${hold.silentSince.toISOString()}, for ${hours(hold.silentForHours)} h ` +
  `(the agreement allows ${hours(hold.allowedHours)} h): not released automatically; automatic release resumes when its stock data does`;

const hours = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
