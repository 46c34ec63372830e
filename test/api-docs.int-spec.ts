import { launchTestBrowser, ServiceProcess, startServiceProcess, TestBrowser, writeTestParties } from '@smi/testing';

/**
 * A service started as deployed serves its API description to anyone: the Swagger UI page at /docs loads (every
 * script and stylesheet it names answers, and the page's CSP lets them run), and /docs-json is the OpenAPI document.
 * The API itself keeps its strict policy and its key. In Debian's chromium the UI lists the routes, takes a key in
 * its Authorize dialog and calls the API with it.
 */
describe('the API description served by a running service (inventory-ingest as the example)', () => {
  const parties = writeTestParties();
  let ingest: ServiceProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    ingest = await startServiceProcess('inventory-ingest', { SMI_PARTIES_FILE: parties.file });
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await ingest?.stop();
  });

  it('serves the Swagger UI page without a key, with every asset it loads', async () => {
    const page = await fetch(`${ingest.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<div id="swagger-ui"></div>');
    // The UI's code comes from files of this origin only: an inline script would be refused by the policy.
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    const assets = [...html.matchAll(/(?:src|href)=['"]([^'"]+)['"]/g)].map((m) => m[1]).filter((url) => !url.startsWith('http'));
    const files = assets.map((asset) => new URL(asset, `${ingest.baseUrl}/docs`).pathname);
    expect(files).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css']));
    for (const file of files) {
      const response = await fetch(`${ingest.baseUrl}${file}`);
      expect({ file, status: response.status }).toEqual({ file, status: 200 });
    }
    const init = await (await fetch(`${ingest.baseUrl}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"title": "inventory-ingest"');
  });

  it('serves the OpenAPI document without a key', async () => {
    const response = await fetch(`${ingest.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('inventory-ingest');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/stock-movements', '/stock-levels', '/subjects']));
  });

  it('keeps the strict policy and the key on the API itself', async () => {
    const response = await fetch(`${ingest.baseUrl}/stock-levels`);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain("script-src 'self'");
  });

  it('works in a real browser: the UI lists the routes, takes a key and calls the API with it', async () => {
    const visitor = await browser.newVisitor();
    const errors: string[] = [];
    try {
      const page = await visitor.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${ingest.baseUrl}/docs`);
      await page.waitForSelector('.opblock');
      expect(await page.locator('.opblock-summary-path').allTextContents()).toEqual(
        expect.arrayContaining(['/stock-movements', '/stock-levels', '/health']),
      );
      // The key goes in through the UI's own Authorize dialog, as a person would give it.
      await page.click('button.authorize');
      await page.locator('.auth-container input').first().fill(parties.keys.operator);
      await page.locator('.auth-container button.authorize').first().click();
      await page.click('button.btn-done');
      const route = page.locator('.opblock-get', { has: page.locator('.opblock-summary-path', { hasText: /^\/stock-levels$/ }) });
      await route.locator('.opblock-summary').click();
      await route.locator('button.try-out__btn').click();
      await route.locator('button.execute').click();
      const status = route.locator('.live-responses-table tr.response .response-col_status').first();
      await status.waitFor();
      expect((await status.textContent())?.trim()).toBe('200');
      expect(errors).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
