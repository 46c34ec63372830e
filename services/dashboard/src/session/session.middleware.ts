import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { PartyDirectory } from '@smi/service-kit';
import type { Request, Response, NextFunction } from 'express';
import { randomBytes } from 'node:crypto';
import { messagePage } from '../layout/layout.view';
import { mayOpen } from '../layout/navigation';
import { cookieValue, sameToken, Session, SESSION_COOKIE, sessionCookie, SessionSeal, SESSION_HOURS } from './session';
import { isPublicPath, Viewer } from './viewer';

export interface DashboardRequest extends Request {
  session?: Session;
  viewer?: Viewer;
}

/** The seal of this process: SMI_DASHBOARD_SECRET, or a random one (sessions then end when the process does). */
export function sessionSealFromEnv(): SessionSeal {
  const secret = process.env.SMI_DASHBOARD_SECRET;
  if (secret) return new SessionSeal(secret);
  new Logger('dashboard').warn('SMI_DASHBOARD_SECRET is not set: a random secret is used, and every session ends when the dashboard stops');
  return new SessionSeal(randomBytes(32).toString('base64url'));
}

/** Writes a session into the cookie, Secure when the page was served over https. */
export function setSessionCookie(request: Request, response: Response, seal: SessionSeal, session: Session | undefined): void {
  const value = session ? seal.seal(session) : '';
  const maxAgeSeconds = session ? SESSION_HOURS * 3600 : 0;
  response.append('Set-Cookie', sessionCookie(value, { secure: request.secure, maxAgeSeconds }));
}

/**
 * Every request passes here: the session cookie is opened, its party looked up again (a key taken out of the
 * parties file ends its sessions), every POST must carry the session's CSRF token (hidden field `_csrf` or
 * header `X-CSRF-Token`), and a page needs a signed-in party.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(
    private readonly seal: SessionSeal,
    private readonly parties: PartyDirectory,
  ) {}

  use(request: DashboardRequest, response: Response, next: NextFunction): void {
    const sealed = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const session = sealed ? this.seal.unseal(sealed, Date.now()) : undefined;
    const party = session?.apiKey ? this.parties.partyForKey(session.apiKey) : undefined;
    request.session = session;
    if (session && party && party.id === session.partyId) {
      request.viewer = {
        partyId: party.id,
        partyName: party.name,
        kind: party.kind,
        apiKey: session.apiKey!,
        csrfToken: session.csrfToken,
      };
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const given = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
      if (!session || !sameToken(session.csrfToken, given)) {
        response
          .status(403)
          .type('html')
          .send(messagePage('Refused', 'This form did not come from this session of the dashboard. Reload the page and try again.').text);
        return;
      }
    }
    if (request.viewer && !mayOpen(request.path, request.viewer.kind)) {
      response.status(404).type('html').send(messagePage('Not found', 'There is no such page for your kind of party.').text);
      return;
    }
    if (request.viewer || isPublicPath(request.path)) return next();
    if (request.headers['hx-request']) {
      // htmx follows this header with a full page load, rather than swapping the login form into a fragment.
      response.set('HX-Redirect', '/login').status(401).end();
      return;
    }
    response.redirect(303, '/login');
  }
}
