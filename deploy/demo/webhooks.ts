/**
 * The parties' webhook endpoint for the demo (deploy/seed/parties.json points both parties at
 * it): checks every delivery's signature with the party's secret (the parties file, SMI_PARTIES_FILE), as a receiver must, and
 * counts what it accepted and rejected.
 */
import { PartyDirectory, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@smi/service-kit';
import { createServer, Server } from 'node:http';

const NOTEWORTHY = /penalt|late|delay|short|stockout|out of stock|silent|dispute/i;

export interface WebhookInbox {
  verified: number;
  rejected: number;
  close(): void;
}

export function startWebhookInbox(port: number, print: (line: string) => void): WebhookInbox {
  const parties = PartyDirectory.fromFile();
  const inbox: WebhookInbox = { verified: 0, rejected: 0, close: () => server.close() };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const partyId = decodeURIComponent((request.url ?? '').split('/').pop() ?? '');
      const secret = parties.webhookSecretOf(partyId);
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
