import { PlatformMetrics } from './platform-metrics';

describe('PlatformMetrics', () => {
  it('counts a run of records per topic under the contract names', async () => {
    const metrics = new PlatformMetrics();
    const counts = metrics.consumptionOf('stock-movements');
    counts.consumed.inc(3);
    counts.applied.inc(2);
    counts.deadLettered.inc(1);
    counts.batchRecords.observe(3);
    const text = await metrics.exposition();
    expect(text).toContain('smi_records_consumed_total{topic="stock-movements"} 3');
    expect(text).toContain('smi_records_applied_total{topic="stock-movements"} 2');
    expect(text).toContain('smi_records_dead_lettered_total{topic="stock-movements"} 1');
    expect(text).toContain('smi_batch_records_count{topic="stock-movements"} 1');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('reads scrape-time values once for scrapers that come together', async () => {
    const metrics = new PlatformMetrics(60_000);
    let readings = 0;
    metrics.onScrape(async () => {
      readings++;
      metrics.outboxDepth.set(7);
    });
    const [first, second] = await Promise.all([metrics.exposition(), metrics.exposition()]);
    await metrics.exposition();
    expect(readings).toBe(1);
    expect(first).toContain('smi_outbox_depth 7');
    expect(second).toContain('smi_outbox_depth 7');
  });

  it('still answers when a scrape-time reading fails', async () => {
    const metrics = new PlatformMetrics();
    metrics.onScrape(() => Promise.reject(new Error('broker away')));
    await expect(metrics.exposition()).resolves.toContain('http_requests_total');
  });
});
