// The shape both syntaxes parse into: a segment is a tag and its elements, each element a list of components.

export interface Segment {
  tag: string;
  /** elements[0] is the first element after the tag (X12 "01", EDIFACT position 010); each element is its components. */
  elements: string[][];
  /** 1-based position of the segment in the interchange. */
  position: number;
}

/** The value of element `element` (1-based), component `component` (1-based), or '' when absent. */
export function valueOf(segment: Segment, element: number, component = 1): string {
  return segment.elements[element - 1]?.[component - 1] ?? '';
}

/** A segment to write: its tag and elements, an element either one value or its components. Trailing empties are dropped. */
export type SegmentToWrite = [tag: string, ...elements: Array<string | string[] | undefined>];

export function trimTrailingEmpties(elements: string[][]): string[][] {
  const components = elements.map((element) => {
    const kept = [...element];
    while (kept.length > 1 && kept[kept.length - 1] === '') kept.pop();
    return kept;
  });
  while (components.length > 0 && components[components.length - 1].every((value) => value === '')) components.pop();
  return components;
}

export function elementsOf(segment: SegmentToWrite): string[][] {
  const [, ...elements] = segment;
  return elements.map((element) => (element === undefined ? [''] : Array.isArray(element) ? element : [element]));
}

/** Decimal text without exponent, as both standards want numbers (R / n). */
export function formatQuantity(quantity: number): string {
  if (!Number.isFinite(quantity)) throw new RangeError(`quantity ${quantity} is not a finite number`);
  const text = String(quantity);
  if (!/e/i.test(text)) return text;
  return quantity.toFixed(20).replace(/\.?0+$/, '');
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A quantity as sent, or undefined when it is not a number (the caller names the element). EDIFACT passes
 * `commaToo`: its receivers take either decimal mark (ISO 9735), whatever the UNA says the sender writes.
 */
export function parseQuantity(text: string, commaToo = false): number | undefined {
  const normalized = commaToo ? text.trim().replace(',', '.') : text.trim();
  if (!DECIMAL.test(normalized)) return undefined;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** CCYYMMDD in UTC. */
export function formatDate(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`;
}

/** HHMM in UTC. */
export function formatTime(date: Date): string {
  return `${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}`;
}

/** A date from CCYYMMDD (or YYMMDD) and optional HHMM[SS], read as UTC; undefined when not a real date. */
export function parseDateTime(date: string, time = ''): Date | undefined {
  let year: number;
  let rest: string;
  if (/^\d{8}$/.test(date)) {
    year = Number(date.slice(0, 4));
    rest = date.slice(4);
  } else if (/^\d{6}$/.test(date)) {
    // Six-digit years (ISA09, UNB) are this century's unless they would lie far in the future.
    const yy = Number(date.slice(0, 2));
    year = yy < 70 ? 2000 + yy : 1900 + yy;
    rest = date.slice(2);
  } else return undefined;
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  if (time !== '' && !/^\d{4}(\d{2})?$/.test(time)) return undefined;
  const hours = time === '' ? 0 : Number(time.slice(0, 2));
  const minutes = time === '' ? 0 : Number(time.slice(2, 4));
  const seconds = time.length >= 6 ? Number(time.slice(4, 6)) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const result = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  if (result.getUTCDate() !== day) return undefined;
  result.setUTCFullYear(year);
  return result;
}

export function isMidnightUtc(date: Date): boolean {
  return date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
}
