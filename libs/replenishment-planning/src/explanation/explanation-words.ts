/**
 * Numbers as a buyer reads them in an explanation: quantities as stored (up to
 * six decimals, no trailing zeros), computed statistics to two decimals,
 * shares as percentages, days as dates. Fixed formats, so the same decision
 * always reads the same.
 */

/** A stored quantity: 90, 0.3, 12.125. */
export const quantityWords = (quantity: number): string => String(Number(quantity.toFixed(6)));

/** A computed statistic (a safety stock, a standard deviation): 50.47. */
export const statisticWords = (value: number): string => String(Number(value.toFixed(2)));

/** A share as a percentage: 0.975 -> 97.5%. */
export const percentWords = (share: number): string => `${Number((share * 100).toFixed(4))}%`;

/** Days, singular or plural: 1 day, 2.5 days. */
export const dayWords = (days: number): string => `${statisticWords(days)} ${days === 1 ? 'day' : 'days'}`;

/** A calendar day with its weekday (UTC): Thu 2026-03-12. */
export const dateWords = (at: Date): string => `${WEEKDAY_NAMES[at.getUTCDay()]} ${at.toISOString().slice(0, 10)}`;

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
