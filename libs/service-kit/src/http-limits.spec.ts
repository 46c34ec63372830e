import { httpLimitsFromEnv } from './http-limits';

describe('HTTP limits from the environment', () => {
  it('listens on loopback only and drops a half-sent request within 20 s unless told otherwise', () => {
    expect(httpLimitsFromEnv({})).toEqual({
      host: '127.0.0.1',
      requestTimeoutMs: 20_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
      bodyLimitBytes: 102_400,
      requestsPerMinutePerKey: 6_000,
      requestsPerMinutePerAddress: 12_000,
    });
  });

  it('takes each from its variable, keeping the headers timeout within the request timeout', () => {
    expect(
      httpLimitsFromEnv({
        SMI_HTTP_HOST: '0.0.0.0',
        SMI_HTTP_REQUEST_TIMEOUT_MS: '2000',
        SMI_HTTP_HEADERS_TIMEOUT_MS: '5000',
        SMI_RATE_LIMIT_PER_KEY_PER_MINUTE: '0',
      }),
    ).toMatchObject({ host: '0.0.0.0', requestTimeoutMs: 2000, headersTimeoutMs: 2000, requestsPerMinutePerKey: 0 });
  });

  it('refuses a value that is not a whole number, so a typo does not silently turn a limit off', () => {
    expect(() => httpLimitsFromEnv({ SMI_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 'lots' })).toThrow(
      'SMI_RATE_LIMIT_PER_ADDRESS_PER_MINUTE must be a whole number of at least 0 (got lots)',
    );
  });
});
