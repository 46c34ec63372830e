import type { PlatformService } from './service-urls';

/** What a service answered the dashboard: the value, or why there is none, to show in place of the section. */
export type Answer<T> = { ok: true; value: T } | { ok: false; service: PlatformService; status: number; message: string };

/** The refusal's own words when the service gave some (Nest's `{ message }`), else the status. */
export function refusalMessage(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  } catch {
    // not JSON
  }
  return status === 0 ? 'did not answer' : `answered ${status}`;
}

/** A contract type as it arrives over JSON: its moments are ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends ReadonlyArray<infer U>
    ? Array<Wire<U>>
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
