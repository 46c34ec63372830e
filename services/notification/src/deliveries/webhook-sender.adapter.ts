import { Injectable } from '@nestjs/common';
import { PartyDirectory, signWebhook, WEBHOOK_SIGNATURE_HEADER } from '@smi/service-kit';
import { Delivery, webhookBodyOf } from './delivery';
import { AttemptResult } from './retry-schedule';

/** A webhook that has not answered by then counts as a failed attempt. */
export const WEBHOOK_TIMEOUT_MS = 5000;
/** Enough of an error body to tell an operator what the receiver said. */
const ERROR_BODY_CHARS = 200;

/**
 * Posts one alert to a party's webhook, signed with the party's secret; 2xx is delivered,
 * anything else a failure with its reason. A party without a secret gets nothing: an unsigned
 * alert could not be told from a forged one.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly parties: PartyDirectory) {}

  async send(delivery: Delivery): Promise<AttemptResult> {
    const secret = this.parties.webhookSecretOf(delivery.recipientId);
    if (!secret) {
      return {
        ok: false,
        permanent: true,
        error: `no webhookSecret for ${delivery.recipientId} in the parties file: webhooks are only sent signed`,
      };
    }
    const body = JSON.stringify(webhookBodyOf(delivery));
    let response: Response;
    try {
      response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // The id header lets a receiver drop the repeats that at-least-once delivery can cause.
          'x-smi-notification-id': delivery.notificationId,
          // Signed when sent (the wall clock, not business time): the receiver refuses a stale one as a replay.
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, body, new Date()),
        },
        body,
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
