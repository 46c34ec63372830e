import { Injectable } from '@nestjs/common';
import { Delivery, webhookBodyOf } from './delivery';
import { AttemptResult } from './retry-schedule';

/** A webhook that has not answered by then counts as a failed attempt. */
export const WEBHOOK_TIMEOUT_MS = 5000;
/** Enough of an error body to tell an operator what the receiver said. */
const ERROR_BODY_CHARS = 200;

/** Posts one alert to a party's webhook; 2xx is delivered, anything else a failure with its reason. */
@Injectable()
export class WebhookSender {
  async send(delivery: Delivery): Promise<AttemptResult> {
    let response: Response;
    try {
      response = await fetch(delivery.url, {
        method: 'POST',
        // The id header lets a receiver drop the repeats that at-least-once delivery can cause.
        headers: { 'content-type': 'application/json', 'x-smi-notification-id': delivery.notificationId },
        body: JSON.stringify(webhookBodyOf(delivery)),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        // A redirect is not an acknowledgement, and following it would post the alert somewhere the party did not name.
        redirect: 'manual',
      });
    } catch (error) {
      return { ok: false, error: reasonOf(error) };
    }
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: true };
    }
    const said = await response.text().then(
      (text) => text.trim().slice(0, ERROR_BODY_CHARS),
      () => '',
    );
    return { ok: false, error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: ${said}` : ''}` };
  }
}

function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${WEBHOOK_TIMEOUT_MS} ms`;
  // fetch reports every network failure as "fetch failed"; the cause says which.
  if (e.cause?.message) return `could not post: ${e.cause.message}`;
  return `could not post: ${e.message ?? String(error)}`;
}
