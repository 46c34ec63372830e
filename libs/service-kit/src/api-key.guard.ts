import { CanActivate, ExecutionContext, Injectable, NotFoundException, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Party, PartyDirectory } from './parties';

const PUBLIC = 'smi:public';
/** Marks a route that needs no API key (health probes only). */
export const PublicRoute = () => SetMetadata(PUBLIC, true);

export type AuthenticatedRequest = Request & { party: Party };

/**
 * Every API call names its party by API key: `X-Api-Key: <key>`, `Authorization:
 * Bearer <key>`, or HTTP Basic with the key as user name (what Confluent
 * schema-registry clients send).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly parties: PartyDirectory,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Usually named already by the middleware that runs before the body is read (hardenHttp).
    if (request.party) return true;
    const key = apiKeyOf(request);
    const party = key ? this.parties.partyForKey(key) : undefined;
    if (!party) throw new UnauthorizedException(refusalOfKey(key));
    request.party = party;
    return true;
  }
}

/** Why a request names no party: no key at all, or a key nobody has. */
export const refusalOfKey = (key: string | undefined): string =>
  key ? 'the API key is not known' : 'an API key is required (header X-Api-Key)';

export function apiKeyOf(request: Request): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const authorization = request.headers.authorization ?? '';
  const [scheme, value] = authorization.split(' ');
  if (/^bearer$/i.test(scheme) && value) return value;
  if (/^basic$/i.test(scheme) && value) return Buffer.from(value, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

/** Refuses a buyer or supplier as if the route did not exist: what only operators may see holds every tenant's records. */
export function operatorOnly(request: AuthenticatedRequest): void {
  if (request.party.kind !== 'operator') throw new NotFoundException('Cannot ' + request.method + ' ' + request.path);
}
