import { Body, Controller, Get, Header, Post, Req, Res } from '@nestjs/common';
import { PartyDirectory } from '@smi/service-kit';
import type { Response } from 'express';
import { html } from '../html/html';
import { page } from '../layout/layout.view';
import { homeOf } from '../layout/navigation';
import { anonymousSession, SessionSeal, signedInSession } from '../session/session';
import { DashboardRequest, setSessionCookie } from '../session/session.middleware';
import { loginPage } from './login.view';

/** Login with the party's API key, logout, and the way in (/ sends each party to its home page). */
@Controller()
export class LoginController {
  constructor(
    private readonly seal: SessionSeal,
    private readonly parties: PartyDirectory,
  ) {}

  @Get()
  home(@Req() request: DashboardRequest, @Res() response: Response): void {
    response.redirect(303, request.viewer ? homeOf(request.viewer.kind) : '/login');
  }

  @Get('login')
  @Header('Content-Type', 'text/html; charset=utf-8')
  form(@Req() request: DashboardRequest, @Res() response: Response): void {
    if (request.viewer) return response.redirect(303, homeOf(request.viewer.kind));
    // The login form is a form like any other: its POST must carry this session's token.
    const session = request.session ?? anonymousSession(Date.now());
    if (!request.session) setSessionCookie(request, response, this.seal, session);
    response.send(loginPage(session.csrfToken).text);
  }

  @Post('login')
  signIn(@Req() request: DashboardRequest, @Res() response: Response, @Body() body: { apiKey?: unknown }): void {
    const apiKey = typeof body?.apiKey === 'string' ? body.apiKey.trim() : '';
    const party = apiKey ? this.parties.partyForKey(apiKey) : undefined;
    if (!party) {
      response.status(401).type('html').send(loginPage(request.session!.csrfToken, 'No party has this API key.').text);
      return;
    }
    setSessionCookie(request, response, this.seal, signedInSession(party.id, apiKey, Date.now()));
    response.redirect(303, homeOf(party.kind));
  }

  @Post('logout')
  signOut(@Req() request: DashboardRequest, @Res() response: Response): void {
    setSessionCookie(request, response, this.seal, undefined);
    response.redirect(303, '/login');
  }

  /** The home of a party for whose kind no page is listed (see layout/navigation.ts). */
  @Get('welcome')
  @Header('Content-Type', 'text/html; charset=utf-8')
  welcome(@Req() request: DashboardRequest): string {
    return page(request.viewer!, '/welcome', 'Welcome', html`<p>There is no page for your kind of party yet.</p>`).text;
  }

  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}
