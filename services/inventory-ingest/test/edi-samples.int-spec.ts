import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namespaceOfItsOwn, REPO_ROOT, ServiceProcess, startServiceProcess, untilPasses } from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const sample = (name: string) => readFileSync(join(REPO_ROOT, 'deploy/samples', name), 'utf8');

/** The README's EDI samples, as a new user would send them, against the demo's seed agreements and keys. */
describe("the README's EDI samples against the demo's seed agreements", () => {
  let ingest: ServiceProcess;
  const call = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(`${ingest.baseUrl}${path}`, { method, headers: { 'x-api-key': 'demo-acme-key', ...headers }, body });

  beforeAll(async () => {
    // The demo buyer's stock is other suites' too (the dashboard's): this one moves it in a namespace of its own.
    ingest = await startServiceProcess('inventory-ingest', {
      ...(await namespaceOfItsOwn('edi-samples')),
      SMI_AGREEMENTS_FILE: join(REPO_ROOT, 'deploy/seed/agreements.json'),
    });
  });

  afterAll(async () => {
    await ingest?.stop();
  });

  it("takes the cross-references, the 852 and the INVRPT, and moves the demo buyer's stock as they say", async () => {
    const put = await call('PUT', '/edi-cross-references', sample('acme-motors-edi-cross-references.json'), {
      'content-type': 'application/json',
    });
    expect(await json(put)).toEqual({ saved: 4 });

    const x12 = await call('POST', '/edi-interchanges', sample('acme-motors-852.x12'), { 'content-type': 'application/edi-x12' });
    expect(x12.status).toBe(200);
    expect(await x12.text()).toMatch(/AK9\*A\*1\*1\*1/);
    const invrpt = await json(
      await call('POST', '/edi-interchanges', sample('acme-motors-invrpt.edi'), {
        'content-type': 'application/edifact',
        accept: 'application/json',
      }),
    );
    expect(invrpt).toMatchObject({ outcome: 'accepted', movements: 3, errors: [] });

    await untilPasses(async () => {
      const levels: Array<{ siteId: string; itemId: string; quantity: number; unit: string }> = await json(
        await call('GET', '/stock-levels'),
      );
      const of = (siteId: string, itemId: string) => levels.find((l) => l.siteId === siteId && l.itemId === itemId)?.quantity;
      // 852, week to 2026-04-01: Lyon's two items counted 71 and 44; Turin's pads +40 -35; its coolant counted 120.
      // INVRPT, the day after: Turin's pads counted 52 (PCE are EA), its coolant 120 +100 -30.
      expect([
        of('plant-lyon', 'brake-pad-bp100'),
        of('plant-lyon', 'oil-filter-of220'),
        of('plant-turin', 'brake-pad-bp100'),
        of('plant-turin', 'coolant-c5l'),
      ]).toEqual([71, 44, 52, 190]);
    });
  });
});
