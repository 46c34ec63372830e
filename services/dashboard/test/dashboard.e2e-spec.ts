import { Agreement } from '@smi/agreements';
import {
  launchTestBrowser,
  REPO_ROOT,
  screenshotDir,
  ServiceName,
  ServiceProcess,
  startServiceProcess,
  TestBrowser,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * The dashboard in a real browser (Debian's chromium), over the real services, Kafka and Postgres: the demo's
 * buyer, supplier and operator and a second buyer of the same supplier log in, the buyer approves one order
 * and rejects another with a reason, and no page of one buyer ever shows the other's site.
 */
describe('the web dashboard in a browser', () => {
  const demoAgreements = JSON.parse(readFileSync(resolve(REPO_ROOT, 'deploy/seed/agreements.json'), 'utf8')) as { agreements: Agreement[] };
  const acmeAgreement = demoAgreements.agreements[0];
  // Acme approves every order over 10 at Lyon; Turin's are released at once, as in the demo.
  const approval = { maxQuantity: 10, vetoWindowHours: 24, expiresAfterHours: 72 };
  const agreements: Agreement[] = [
    { ...acmeAgreement, lines: acmeAgreement.lines.map((line) => (line.siteId === 'plant-lyon' ? { ...line, approval } : line)) },
    {
      ...acmeAgreement,
      agreementId: 'AGR-BOLT-NW-2026',
      buyerId: 'bolt-bikes',
      lines: [
        { siteId: 'bolt-plant-oslo', itemId: 'brake-pad-bp100', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 6, packMultiple: 10 },
      ],
    },
  ];
  const keys = { acme: 'demo-acme-key', northwind: 'demo-northwind-key', operator: 'demo-operator-key', bolt: uniqueId('bolt-key') };
  const dashboardServices: ServiceName[] = ['inventory-ingest', 'forecasting', 'replenishment', 'shipment', 'sla-monitor'];
  const shots = screenshotDir('dashboard');
  let services: ServiceProcess[] = [];
  let dashboard: ServiceProcess<'dashboard'>;
  let browser: TestBrowser;
  const visitors: BrowserContext[] = [];
  /** What the browser complained about: script errors, content the security policy blocked, resources missing. */
  const browserErrors: string[] = [];

  const serviceUrl = (name: ServiceName) => services.find((s) => s.name === name)!.baseUrl;
  const api = async (name: ServiceName, path: string, key: string, init: RequestInit = {}) => {
    const response = await fetch(`${serviceUrl(name)}${path}`, {
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const move = (
    key: string,
    buyerId: string,
    siteId: string,
    itemId: string,
    unit: string,
    kind: 'RECEIPT' | 'CONSUMPTION',
    quantity: number,
  ) =>
    api('inventory-ingest', '/stock-movements', key, {
      method: 'POST',
      body: JSON.stringify({
        eventId: uniqueId('mv'),
        buyerId,
        siteId,
        itemId,
        kind,
        quantity,
        unit,
        occurredAt: new Date().toISOString(),
        source: 'erp',
      }),
    });

  /** A new visitor signed in with a party's API key, on that party's home page. */
  const signIn = async (key: string): Promise<Page> => {
    const context = await browser.newVisitor();
    visitors.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto(`${dashboard.baseUrl}/`);
    await page.waitForURL('**/login');
    await page.fill('input[name=apiKey]', key);
    await page.click('button[type=submit]');
    await page.waitForLoadState('networkidle');
    return page;
  };
  const open = async (page: Page, path: string) => {
    await page.goto(`${dashboard.baseUrl}${path}`);
    await page.waitForLoadState('networkidle');
    return page.textContent('main');
  };
  const shoot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    const env = {
      SMI_PARTIES_FILE: writePartiesFile([
        { id: 'acme-motors', kind: 'buyer', name: 'Acme Motors (buyer)', apiKey: keys.acme },
        { id: 'northwind-parts', kind: 'supplier', name: 'Northwind Parts (supplier)', apiKey: keys.northwind },
        { id: 'platform-operator', kind: 'operator', name: 'Platform operator', apiKey: keys.operator },
        { id: 'bolt-bikes', kind: 'buyer', name: 'Bolt Bikes (buyer)', apiKey: keys.bolt },
      ]),
      SMI_AGREEMENTS_FILE: writeAgreementsFile(agreements),
    };
    browser = await launchTestBrowser();
    services = await Promise.all(dashboardServices.map((name) => startServiceProcess(name, env)));
    dashboard = await startServiceProcess('dashboard', {
      ...env,
      SMI_DASHBOARD_SECRET: uniqueId('a-secret-long-enough-for-the-session-seal'),
      SMI_INVENTORY_INGEST_URL: serviceUrl('inventory-ingest'),
      SMI_FORECASTING_URL: serviceUrl('forecasting'),
      SMI_REPLENISHMENT_URL: serviceUrl('replenishment'),
      SMI_SHIPMENT_URL: serviceUrl('shipment'),
      SMI_SLA_MONITOR_URL: serviceUrl('sla-monitor'),
    });

    // Acme: Lyon's brake pads fall to 30 (min 40) and its oil filters to 20 (min 25): two orders over the approval
    // boundary. Turin stays within its band. Bolt's Oslo plant falls to 25: an order released at once.
    await move(keys.acme, 'acme-motors', 'plant-lyon', 'brake-pad-bp100', 'EA', 'RECEIPT', 100);
    await move(keys.acme, 'acme-motors', 'plant-lyon', 'oil-filter-of220', 'EA', 'RECEIPT', 60);
    await move(keys.acme, 'acme-motors', 'plant-turin', 'brake-pad-bp100', 'EA', 'RECEIPT', 70);
    await move(keys.bolt, 'bolt-bikes', 'bolt-plant-oslo', 'brake-pad-bp100', 'EA', 'RECEIPT', 100);
    await move(keys.acme, 'acme-motors', 'plant-lyon', 'brake-pad-bp100', 'EA', 'CONSUMPTION', 70);
    await move(keys.acme, 'acme-motors', 'plant-lyon', 'oil-filter-of220', 'EA', 'CONSUMPTION', 40);
    await move(keys.acme, 'acme-motors', 'plant-turin', 'brake-pad-bp100', 'EA', 'CONSUMPTION', 10);
    await move(keys.bolt, 'bolt-bikes', 'bolt-plant-oslo', 'brake-pad-bp100', 'EA', 'CONSUMPTION', 75);
    await untilPasses(async () => {
      expect(await api('replenishment', '/orders?status=awaiting-approval', keys.acme)).toHaveLength(2);
      expect(await api('replenishment', '/orders?status=released', keys.bolt)).toHaveLength(1);
      expect(await api('replenishment', '/stock-projections', keys.northwind)).toHaveLength(4);
    }, 90_000);
  }, 240_000);

  afterAll(async () => {
    for (const visitor of visitors) await visitor.close();
    await browser?.close();
    await dashboard?.stop();
    await Promise.all(services.map((s) => s.stop()));
  });

  it('sends a visitor without a session to the login, and refuses a wrong key', async () => {
    const context = await browser.newVisitor();
    visitors.push(context);
    const page = await context.newPage();
    await page.goto(`${dashboard.baseUrl}/approvals`);
    expect(page.url()).toBe(`${dashboard.baseUrl}/login`);
    await shoot(page, 'login');
    await page.fill('input[name=apiKey]', 'not-a-key-of-anybody');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toContain('No party has this API key');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'smi_session', httpOnly: true, sameSite: 'Strict' });
  });

  it("shows the buyer its own sites with levels and a projection chart, never another buyer's", async () => {
    const page = await signIn(keys.acme);
    expect(page.url()).toBe(`${dashboard.baseUrl}/stock`);
    const lines = await page.$$eval('section.line', (sections) =>
      sections.map((s) => `${s.getAttribute('data-site')}/${s.getAttribute('data-item')}`),
    );
    expect(lines).toEqual(['plant-lyon/brake-pad-bp100', 'plant-lyon/oil-filter-of220', 'plant-turin/brake-pad-bp100']);
    const lyon = page.locator('section.line[data-site="plant-lyon"][data-item="brake-pad-bp100"]');
    expect(await lyon.textContent()).toMatch(/On hand\s*30 EA[\s\S]*Min–max\s*40–120[\s\S]*Reorder point[\s\S]*Safety stock/);
    // ECharts drew the projection (a canvas inside the chart element).
    expect(await lyon.locator('.chart canvas').count()).toBeGreaterThan(0);
    await shoot(page, 'buyer-stock');
    for (const path of ['/stock', '/approvals', '/shipments', '/service-levels']) {
      const text = await open(page, path);
      expect(text).not.toContain('bolt-plant-oslo');
      expect(text).not.toContain('bolt-bikes');
      expect(text).not.toContain('did not answer');
    }
  });

  it('lets the buyer approve one order and reject another with a reason, and shows what became of each', async () => {
    const page = await signIn(keys.acme);
    await open(page, '/approvals');
    const rows = page.locator('table.approvals tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await page.textContent('table.approvals')).toContain('Needs your approval');
    await shoot(page, 'buyer-approvals');
    const brakePads = page.locator('tr', { hasText: 'brake-pad-bp100' });
    const brakePadOrder = (await brakePads.getAttribute('data-order'))!;
    await brakePads.getByRole('button', { name: 'Approve' }).click();
    await page.locator(`tr.decided[data-order="${brakePadOrder}"]`).waitFor();
    expect(await page.textContent(`tr[data-order="${brakePadOrder}"]`)).toContain('Approved by acme-motors');

    const filters = page.locator('tr', { hasText: 'oil-filter-of220' });
    const filterOrder = (await filters.getAttribute('data-order'))!;
    await filters.locator('input[name=reason]').fill('Lyon line stops for maintenance next week');
    await filters.getByRole('button', { name: 'Reject' }).click();
    await page.locator(`tr.decided[data-order="${filterOrder}"]`).waitFor();
    expect(await page.textContent(`tr[data-order="${filterOrder}"]`)).toContain(
      'Rejected by acme-motors: Lyon line stops for maintenance next week',
    );
    await shoot(page, 'buyer-approvals-decided');

    // The services say so too, and the page now has nothing waiting.
    expect(await api('replenishment', `/orders/${encodeURIComponent(brakePadOrder)}`, keys.acme)).toMatchObject({ status: 'released' });
    expect(await api('replenishment', `/orders/${encodeURIComponent(filterOrder)}`, keys.acme)).toMatchObject({
      status: 'rejected',
      statusReason: 'Lyon line stops for maintenance next week',
    });
    expect(await open(page, '/approvals')).toContain('No order is waiting for your approval');

    // The approved order becomes a shipment the buyer sees planned.
    await untilPasses(async () => expect(await open(page, '/shipments')).toContain(brakePadOrder), 30_000);
    await shoot(page, 'buyer-shipments');
    await open(page, '/service-levels');
    expect(await page.locator('section.card[data-agreement="AGR-ACME-NW-2026"] .chart canvas').count()).toBeGreaterThan(0);
    await shoot(page, 'buyer-service-levels');
  });

  it('refuses a form post without the session CSRF token', async () => {
    const page = await signIn(keys.acme);
    const request = page.context().request;
    const orders = (await api('replenishment', '/orders', keys.acme)) as Array<{ orderId: string }>;
    const target = `${dashboard.baseUrl}/approvals/${encodeURIComponent(orders[0].orderId)}/approve`;
    // The session cookie goes along (same browser context), the token does not.
    const withoutToken = await request.post(target, { form: { reason: 'x' } });
    expect(withoutToken.status()).toBe(403);
    const wrongToken = await request.post(target, { form: { _csrf: 'guessed' }, headers: { 'X-CSRF-Token': 'guessed' } });
    expect(wrongToken.status()).toBe(403);
    const logoutWithoutToken = await request.post(`${dashboard.baseUrl}/logout`);
    expect(logoutWithoutToken.status()).toBe(403);
  });

  it('shows the other buyer only its own site', async () => {
    const page = await signIn(keys.bolt);
    const text = await open(page, '/stock');
    expect(text).toContain('bolt-plant-oslo');
    expect(text).not.toContain('plant-lyon');
    expect(text).not.toContain('plant-turin');
    expect(await open(page, '/shipments')).not.toContain('plant-lyon');
  });

  it("shows the supplier every buyer's lines by urgency, and its other pages", async () => {
    const page = await signIn(keys.northwind);
    expect(page.url()).toBe(`${dashboard.baseUrl}/positions`);
    const ranked = await page.$$eval('table.positions tbody tr', (rows) =>
      rows.map((r) => `${r.getAttribute('data-buyer')}/${r.getAttribute('data-site')}/${r.getAttribute('data-item')}`),
    );
    expect(ranked).toHaveLength(4);
    expect(new Set(ranked)).toEqual(
      new Set([
        'acme-motors/plant-lyon/brake-pad-bp100',
        'acme-motors/plant-lyon/oil-filter-of220',
        'acme-motors/plant-turin/brake-pad-bp100',
        'bolt-bikes/bolt-plant-oslo/brake-pad-bp100',
      ]),
    );
    expect(await page.locator('table.positions .state').count()).toBe(4);
    await shoot(page, 'supplier-positions');
    for (const path of ['/dispatch', '/capacity', '/forecasts', '/penalties']) {
      expect(await open(page, path)).not.toContain('did not answer');
    }
    await untilPasses(async () => expect(await open(page, '/dispatch')).toContain('bolt-plant-oslo'), 30_000);
    await shoot(page, 'supplier-dispatch');
    // A buyer's page is not the supplier's, whatever the services would answer it.
    expect((await page.goto(`${dashboard.baseUrl}/approvals`))?.status()).toBe(404);
  });

  it('runs every page under its content security policy without a browser error', () => {
    // The supplier's visit to a buyer's page (404) is the one error on purpose.
    expect(browserErrors.filter((error) => !error.startsWith(`${dashboard.baseUrl}/approvals: Failed to load resource`))).toEqual([]);
  });

  it('ends the session at logout', async () => {
    const page = await signIn(keys.acme);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.goto(`${dashboard.baseUrl}/stock`);
    expect(page.url()).toBe(`${dashboard.baseUrl}/login`);
  });
});
