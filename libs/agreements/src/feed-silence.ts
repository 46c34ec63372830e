import { Agreement } from './agreement';

/** Hours a buyer's feed may stay silent when its agreement names no communication frequency: a day. */
export const DEFAULT_COMMUNICATION_HOURS = 24;

const HOUR_MS = 3_600_000;

/**
 * How long a buyer's stock feed may go without a movement before it counts as silent: the
 * agreement's communication frequency (`communication.digestEveryHours`), the rhythm both
 * parties agreed to hear from each other in.
 */
export const allowedSilenceHours = (agreement: Pick<Agreement, 'communication'>): number =>
  agreement.communication?.digestEveryHours ?? DEFAULT_COMMUNICATION_HOURS;

export interface FeedSilence {
  silent: boolean;
  /** Hours since the last movement the buyer sent (business time); null when it never sent one. */
  silentForHours: number | null;
  allowedHours: number;
}

/**
 * Whether a buyer's feed has gone silent at `now`: no stock movement for longer than the agreed
 * communication frequency. Both times are business times (a movement's occurredAt, the business
 * clock), so a replay or a simulated calendar judges the same. A buyer who never sent anything is
 * not silent: there is no feed yet to have stopped.
 */
export function feedSilence(lastMovementAt: Date | null | undefined, now: Date, agreement: Pick<Agreement, 'communication'>): FeedSilence {
  const allowedHours = allowedSilenceHours(agreement);
  if (!lastMovementAt) return { silent: false, silentForHours: null, allowedHours };
  const silentForHours = (now.getTime() - lastMovementAt.getTime()) / HOUR_MS;
  return { silent: silentForHours > allowedHours, silentForHours, allowedHours };
}
