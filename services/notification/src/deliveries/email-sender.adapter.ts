import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { digestText } from '../digests/digest';
import { Delivery } from './delivery';
import { AttemptResult } from './retry-schedule';

/** A mail server that has not taken the message by then counts as a failed attempt. */
const SMTP_TIMEOUT_MS = 10_000;
export const DEFAULT_SMTP_FROM = 'SMI notifications <notifications@smi.invalid>';

/**
 * Mails one alert or digest through the SMTP server named by SMI_SMTP_URL (smtp://user:pass@host:port,
 * or smtps://), from SMI_SMTP_FROM. Without SMI_SMTP_URL an e-mail delivery fails at once, saying so.
 */
@Injectable()
export class EmailSender implements BeforeApplicationShutdown {
  private readonly transport?: Transporter;
  private readonly from = process.env.SMI_SMTP_FROM?.trim() || DEFAULT_SMTP_FROM;

  constructor() {
    const url = process.env.SMI_SMTP_URL?.trim();
    if (url)
      this.transport = createTransport({
        url,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      } as Parameters<typeof createTransport>[0]);
  }

  async send(delivery: Delivery): Promise<AttemptResult> {
    if (!this.transport) return { ok: false, permanent: true, error: 'SMI_SMTP_URL is not set: no mail server to send e-mail through' };
    const to = delivery.url.replace(/^mailto:/, '');
    try {
      await this.transport.sendMail({
        from: this.from,
        to,
        subject: delivery.subject,
        text: mailTextOf(delivery),
        headers: { 'X-SMI-Notification-Id': delivery.notificationId, 'X-SMI-Topic': delivery.topic },
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: `could not mail ${to}: ${(error as Error).message}` };
    }
  }

  beforeApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** The mail body: a digest lists its alerts one a line; an alert gives its subject and the event behind it. */
export function mailTextOf(delivery: Delivery): string {
  if (delivery.topic === 'DIGEST') return `${delivery.subject}\n\n${digestText(delivery.payload as Parameters<typeof digestText>[0])}\n`;
  return `${delivery.subject}\n\nNotification ${delivery.notificationId}\n\n${JSON.stringify(delivery.payload, null, 2)}\n`;
}
