import { serviceUrlsFrom } from './service-urls';

describe('service URLs', () => {
  it('come from the env, else from the quick start ports on loopback', () => {
    const urls = serviceUrlsFrom({ SMI_REPLENISHMENT_URL: 'http://replenishment.internal:8080/' });
    expect(urls.replenishment).toBe('http://replenishment.internal:8080');
    expect(urls['sla-monitor']).toBe('http://127.0.0.1:3005');
    expect(urls['inventory-ingest']).toBe('http://127.0.0.1:3001');
  });
});
