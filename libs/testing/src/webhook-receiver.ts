import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, WebhookVerification } from '@smi/service-kit';
import { testWebhookSecretOf } from './seed-files';

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** When it arrived (epoch ms). */
  at: number;
  /** The body as received, byte for byte: what the signature covers. */
  rawBody: string;
  /** The signature checked as a receiver would, with the secret of the party the path names. */
  signature: WebhookVerification;
}

/**
 * What a party runs to take alerts: records every POST and answers as scripted
 * per path (a queue of statuses, then 200; or always 500 for a broken endpoint). Each post's
 * signature is verified as a party would, with the secret of the party its path names
 * (`/hooks/<party>` signed with `testWebhookSecretOf(party)` unless `secretFor` says otherwise).
 */
export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  private readonly scripted = new Map<string, number[]>();
  private readonly broken = new Set<string>();
  private readonly silent = new Set<string>();
  private server?: Server;
  baseUrl = '';

  constructor(private readonly secretFor: (path: string) => string = (path) => testWebhookSecretOf(path.split('/').at(-1) ?? '')) {}

  answerFirst(path: string, statuses: number[]): void {
    this.scripted.set(path, [...statuses]);
  }

  alwaysFail(path: string): void {
    this.broken.add(path);
  }

  /** Takes the request and never answers, like a hung endpoint. */
  neverAnswer(path: string): void {
    this.silent.add(path);
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        const text = Buffer.concat(chunks).toString('utf8');
        const header = request.headers[WEBHOOK_SIGNATURE_HEADER];
        const signature = verifyWebhookSignature(this.secretFor(path), typeof header === 'string' ? header : undefined, text, new Date());
        this.posts.push({
          path,
          headers: request.headers,
          body: text ? JSON.parse(text) : undefined,
          at: Date.now(),
          rawBody: text,
          signature,
        });
        if (this.silent.has(path)) return;
        const status = this.broken.has(path) ? 500 : (this.scripted.get(path)?.shift() ?? 200);
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver is down for maintenance');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The URL a party's webhook is registered under. */
  hookOf(party: string): string {
    return `${this.baseUrl}/hooks/${party}`;
  }

  postsFor(notificationId: string): ReceivedPost[] {
    return this.posts.filter((p) => p.headers['x-smi-notification-id'] === notificationId);
  }

  /** Posts whose signature did not verify, with why. */
  badlySigned(): ReceivedPost[] {
    return this.posts.filter((p) => !p.signature.valid);
  }

  /** Every post, grouped by the notification id the platform sends so receivers can drop repeats. */
  postsByNotification(): Map<string, ReceivedPost[]> {
    const grouped = new Map<string, ReceivedPost[]>();
    for (const post of this.posts) {
      const id = String(post.headers['x-smi-notification-id']);
      grouped.set(id, [...(grouped.get(id) ?? []), post]);
    }
    return grouped;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
