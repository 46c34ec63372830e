import { Injectable } from '@nestjs/common';
import { Answer, refusalMessage } from './answer';
import { PlatformService, ServiceUrls, serviceUrlsFrom } from './service-urls';

const TIMEOUT_MS = 10_000;

/**
 * The services' HTTP APIs, called with the signed-in party's own API key: each service's authorization decides
 * what the party sees, the dashboard adds no access of its own.
 */
@Injectable()
export class PlatformApi {
  private readonly urls: ServiceUrls = serviceUrlsFrom(process.env);

  get<T>(service: PlatformService, path: string, apiKey: string): Promise<Answer<T>> {
    return this.call<T>(service, path, apiKey, { method: 'GET' });
  }

  post<T>(service: PlatformService, path: string, apiKey: string, body: unknown = {}): Promise<Answer<T>> {
    return this.call<T>(service, path, apiKey, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  }

  /** The text of an answer that is not JSON (a scorecard's HTML or CSV). */
  async text(service: PlatformService, path: string, apiKey: string): Promise<Answer<string>> {
    return this.call<string>(service, path, apiKey, { method: 'GET' }, (response) => response.text());
  }

  private async call<T>(
    service: PlatformService,
    path: string,
    apiKey: string,
    init: RequestInit,
    read: (response: Response) => Promise<unknown> = (response) => response.json(),
  ): Promise<Answer<T>> {
    try {
      const response = await fetch(`${this.urls[service]}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-api-key': apiKey, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok)
        return { ok: false, service, status: response.status, message: refusalMessage(response.status, await response.text()) };
      return { ok: true, value: (await read(response)) as T };
    } catch {
      return { ok: false, service, status: 0, message: 'did not answer' };
    }
  }
}
