/**
 * The parties' webhook endpoint for the demo (deploy/seed/parties.json points both parties at
 * it): checks every delivery's signature with the party's secret, as a receiver must, and
 * counts what it accepted and rejected.
 */
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@smi/service-kit';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { resolve } from 'node:path';

const NOTEWORTHY = /penalt|late|delay|short|stockout|out of stock|silent|dispute/i;

export interface WebhookInbox {
  verified: number;
  rejected: number;
  close(): void;
}

function webhookSecrets(): Map<string, string> {
  const file = process.env.SMI_PARTIES_FILE ?? resolve(__dirname, '../seed/parties.json');
  const parties = (JSON.parse(readFileSync(file, 'utf8')) as { parties: { id: string; webhookSecret?: string }[] }).parties;
  return new Map(parties.filter((p) => p.webhookSecret).map((p) => [p.id, p.webhookSecret!]));
}

export function startWebhookInbox(port: number, print: (line: string) => void): WebhookInbox {
  const secrets = webhookSecrets();
  const inbox: WebhookInbox = { verified: 0, rejected: 0, close: () => server.close() };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const partyId = decodeURIComponent((request.url ?? '').split('/').pop() ?? '');
      const secret = secrets.get(partyId);
      const header = request.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined;
      // Replay protection is about when the delivery was sent, so the receiver checks against its own wall clock.
      const verification = secret
        ? verifyWebhookSignature(secret, header, body, new Date())
        : { valid: false as const, reason: `no webhook secret for ${partyId}` };
      if (!verification.valid) {
        inbox.rejected++;
        print(`WEBHOOK  REJECTED to ${partyId}: ${verification.reason}`);
        response.writeHead(401).end();
        return;
      }
      inbox.verified++;
      let subject = body.slice(0, 120);
      try {
        const alert = JSON.parse(body) as { subject?: string; rule?: string; kind?: string };
        subject = alert.subject ?? alert.rule ?? alert.kind ?? subject;
      } catch {
        // Not JSON: print the start of it.
      }
      // The first few, and the ones about the accountability story, printed; the routine rest counted.
      if (inbox.verified <= 12 || NOTEWORTHY.test(subject)) print(`WEBHOOK  to ${partyId} (signature verified): ${subject}`);
      response.writeHead(204).end();
    });
  });
  server.listen(port);
  return inbox;
}
