import type { AgreementLine } from '@smi/agreements';
import { StockMovement, topics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import {
  ConsumerLagReader,
  exampleMonthlyReviewedLine,
  IRREGULAR_MONTHLY_DEMAND,
  KafkaTestClient,
  launchTestBrowser,
  screenshotDir,
  ServiceName,
  ServiceProcess,
  SERVICE_PORTS,
  startServiceProcess,
  startServiceProcesses,
  testAgreement,
  TestBrowser,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';

/**
 * The operator's page and the what-if page in a real chromium, against the six services on the real broker and
 * database: the operator sees every service's health, a bad record's dead letter with its reason, and a consumer
 * stuck behind a locked table as lag on its partition; a buyer cannot open that page; a buyer compares two
 * service levels on a demand history and sees two points.
 */
describe('dashboard: operator page and what-if page in a browser', () => {
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const site = uniqueId('plant');
  // Ordered as the min-max line says: the lookup shows an order and its trace.
  const orderedItem = uniqueId('bolt');
  // Reviewed monthly with a month's lead time and safety stock from the service level: what the parties haggle over.
  const simulatedItem = uniqueId('gear');
  const lines: AgreementLine[] = [
    { siteId: site, itemId: orderedItem, unit: 'EA', minimum: 20, maximum: 80, leadTimeDays: 3, packMultiple: 1 },
    exampleMonthlyReviewedLine(site, simulatedItem),
  ];
  const agreement = testAgreement({ agreementId: uniqueId('AGR'), buyerId: buyer, supplierId: supplier, lines });
  const shots = screenshotDir('dashboard-operations');

  let services: ServiceProcess[] = [];
  let dashboard: ServiceProcess<'dashboard'> | undefined;
  let browser: TestBrowser;
  let kafka: KafkaTestClient;
  /** What the browser complained about: script errors (a chart that failed to draw), content the security policy blocked. */
  const browserErrors: string[] = [];

  const movement = (itemId: string, kind: StockMovement['kind'], quantity: number): StockMovement => ({
    eventId: uniqueId('mv'),
    buyerId: buyer,
    siteId: site,
    itemId,
    kind,
    quantity,
    unit: 'EA',
    occurredAt: new Date(),
    source: 'buyer-erp',
    orderReference: null,
  });
  const baseUrlOf = (name: ServiceName) => services.find((s) => s.name === name)!.baseUrl;

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const env = { SMI_AGREEMENTS_FILE: writeAgreementsFile([agreement]), SMI_PARTIES_FILE: parties.file };
    services = await startServiceProcesses(Object.keys(SERVICE_PORTS) as ServiceName[], env);
    const urls = Object.fromEntries(services.map((s) => [`SMI_${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.baseUrl]));
    dashboard = await startServiceProcess('dashboard', { SMI_PARTIES_FILE: parties.file, ...urls });
    browser = await launchTestBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    await Promise.all(services.map((s) => s.stop()));
    await kafka?.disconnect();
  });

  async function signIn(apiKey: string): Promise<Page> {
    const page = await (await browser.newVisitor()).newPage();
    page.on('pageerror', (error) => browserErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto(`${dashboard!.baseUrl}/login`);
    await page.fill('input[name=apiKey]', apiKey);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
    return page;
  }

  /** The operator page, opened again until what it shows passes `check`. */
  async function operationsShowing(page: Page, check: () => Promise<void>): Promise<void> {
    await untilPasses(async () => {
      await page.goto(`${dashboard!.baseUrl}/operations`);
      try {
        await check();
      } catch (error) {
        // Each look asks all six services three questions: look again in a second, not at once.
        await new Promise((r) => setTimeout(r, 1000));
        throw error;
      }
    }, 60_000);
  }

  it("shows the operator every service's health, lag figures and a bad record's dead letter with its reason", async () => {
    const marker = uniqueId('not-avro');
    await kafka.publishRaw(topics.stockMovements.name, `${buyer}|${site}|${orderedItem}`, Buffer.from(`{"marker":"${marker}"}`));
    const page = await signIn(keys.operator);
    expect(new URL(page.url()).pathname).toBe('/operations');

    await operationsShowing(page, async () => {
      const rows = page.locator('table.health tbody tr');
      expect(await rows.count()).toBe(6);
      for (const name of Object.keys(SERVICE_PORTS)) {
        expect(await page.locator(`table.health tr[data-service="${name}"] td.status`).textContent()).toBe('up');
        // /metrics answered: lag and outbox depth are figures, not "not available".
        expect(await page.locator(`table.health tr[data-service="${name}"] td.lag-total`).textContent()).toMatch(/^\d+$/);
        expect(await page.locator(`table.health tr[data-service="${name}"] td.outbox`).textContent()).toMatch(/^\d+$/);
      }
      const ingestDeadLetters = page.locator('article.dead-letter-service[data-service="inventory-ingest"]');
      expect(await ingestDeadLetters.locator('td.reason').allTextContents()).toContainEqual(
        expect.stringMatching(/^undecodable: value does not start with the Confluent magic byte/),
      );
      expect(Number(await ingestDeadLetters.locator('.dead-letter-topics strong').first().textContent())).toBeGreaterThanOrEqual(1);
    });
    await page.screenshot({ path: join(shots, 'operations.png'), fullPage: true });
  });

  it('shows the lag of a consumer stuck behind a locked table, record for record, and its catching up', async () => {
    const group = consumerGroupOf('inventory-ingest');
    const topic = topics.stockMovements.name;
    const lag = await ConsumerLagReader.connect(kafka.kafka);
    const database = new Client({ connectionString: process.env.DATABASE_URL });
    await database.connect();
    const page = await signIn(keys.operator);
    const shownLag = async () => {
      const cells = await page.locator(`table.lag-partitions tr[data-group="${group}"][data-topic="${topic}"] td.lag`).allTextContents();
      return cells.reduce((sum, cell) => sum + Number(cell), 0);
    };
    try {
      // Nothing of ingest's behind before: the lag that follows is these records.
      await operationsShowing(page, async () => expect(await shownLag()).toBe(0));
      await database.query('BEGIN');
      // Ingest's consumer waits on this lock with the records it fetched, committing nothing, as behind a slow database.
      await database.query('LOCK TABLE inventory_ingest.on_hand IN ACCESS EXCLUSIVE MODE');
      const item = uniqueId('nut');
      for (const quantity of [5, 6, 7]) await kafka.publish(topics.stockMovements, movement(item, 'RECEIPT', quantity));
      await operationsShowing(page, async () => {
        expect(await shownLag()).toBe(3);
        // The same figure as the broker's own offsets give.
        expect((await lag.lagOf(group, [topic])).behind).toBe(3);
      });
      expect(await page.locator('table.health tr[data-service="inventory-ingest"] td.lag-total').textContent()).toBe('3');
      // The three share a key, so one partition holds them all.
      const behind = page.locator(`table.lag-partitions tr[data-group="${group}"][data-topic="${topic}"] span.partition strong`);
      expect(await behind.allTextContents()).toEqual(['3']);
      // The most behind come first: this is what an operator sees on opening the page.
      await page.screenshot({ path: join(shots, 'operations-lag.png') });
      await database.query('ROLLBACK');
      await operationsShowing(page, async () => expect(await shownLag()).toBe(0));
    } finally {
      await database.query('ROLLBACK').catch(() => undefined);
      await database.end();
      await lag.disconnect();
    }
  });

  it('looks up an order and links it to its trace when it was traced', async () => {
    await kafka.publish(topics.stockMovements, movement(orderedItem, 'RECEIPT', 50));
    await kafka.publish(topics.stockMovements, movement(orderedItem, 'CONSUMPTION', 40));
    const order = await untilPasses(async () => {
      const response = await fetch(`${baseUrlOf('replenishment')}/orders?siteId=${site}&itemId=${orderedItem}`, {
        headers: { 'x-api-key': keys.operator },
      });
      const orders = (await response.json()) as { orderId: string }[];
      expect(orders).toHaveLength(1);
      const detail = await fetch(`${baseUrlOf('replenishment')}/orders/${orders[0].orderId}`, { headers: { 'x-api-key': keys.operator } });
      return (await detail.json()) as { orderId: string; status: string; traceId?: string | null };
    }, 60_000);
    const page = await signIn(keys.operator);
    await page.fill('input[name=orderId]', order.orderId);
    await page.click('.order-lookup button[type=submit]');
    const shown = page.locator(`#order-trace dl.order[data-order="${order.orderId}"]`);
    await shown.waitFor();
    expect(await shown.textContent()).toContain(order.status);
    if (order.traceId) {
      const jaeger = process.env.SMI_JAEGER_UI_URL || 'http://127.0.0.1:16686';
      expect(await shown.locator('a.trace-link').getAttribute('href')).toBe(`${jaeger}/trace/${order.traceId}`);
    } else {
      expect(await shown.textContent()).toContain('no trace recorded for this order');
    }
  });

  it('refuses the operator page to a buyer, and does not offer it', async () => {
    const page = await signIn(keys.buyer);
    expect(await page.locator('header nav a[href="/operations"]').count()).toBe(0);
    const response = await page.goto(`${dashboard!.baseUrl}/operations`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('table.health').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Not found');
  });

  it('runs two what-if scenarios for a buyer and shows them as two points and two rows', async () => {
    const page = await signIn(keys.buyer);
    await page.click('header nav a[href="/what-if"]');
    await page.selectOption('select[name=line]', { label: `${agreement.agreementId}: site ${site} x item ${simulatedItem}` });
    // The chosen line's terms as signed come in beside the form (htmx), so the party sees what a scenario changes.
    await untilPasses(async () => {
      expect(await page.locator('#line-terms').textContent()).toMatch(
        /service level % 90 .*review period \(days\) 30 .*safety stock from the service level/s,
      );
    });
    await page.fill('textarea[name=demand]', IRREGULAR_MONTHLY_DEMAND.join(', '));
    await page.selectOption('select[name=bucketDays]', '30');
    await page.fill('input[name=warmUpBuckets]', '12');
    await page.fill('input[name="scenario-0-name"]', 'as signed');
    await page.fill('input[name="scenario-1-name"]', '99%');
    await page.fill('input[name="scenario-1-serviceLevel"]', '99');
    const [ran] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/what-if'),
      page.click('form.what-if button[type=submit]'),
    ]);
    expect(ran.status()).toBe(200);
    await page.locator('table.comparison tbody tr').nth(1).waitFor();

    expect(await page.locator('table.comparison tbody th').allTextContents()).toEqual(['as signed', '99%']);
    // What ECharts drew: the chart's own option, read from its instance on the page once the page script drew it.
    await page.locator('#what-if-chart[data-drawn]').waitFor();
    const points = await page.locator('#what-if-chart').evaluate((element: unknown) => {
      type Drawn = { getOption(): { series: { name: string; data: number[][] }[] } };
      const { echarts } = globalThis as unknown as { echarts: { getInstanceByDom(e: unknown): Drawn } };
      return echarts
        .getInstanceByDom(element)
        .getOption()
        .series.flatMap((s) => s.data.map(([stock, fillRate]) => ({ name: s.name, stock, fillRate })));
    });
    expect(points.map((p) => p.name)).toEqual(['as signed', '99%']);
    // The higher target holds more stock and fills no less, as the table says too.
    expect(points[1].stock).toBeGreaterThan(points[0].stock);
    expect(points[1].fillRate).toBeGreaterThanOrEqual(points[0].fillRate);
    const stockInTable = (await page.locator('table.comparison td.average-on-hand').allTextContents()).map(Number);
    expect(stockInTable[1]).toBeGreaterThan(stockInTable[0]);
    await page.screenshot({ path: join(shots, 'what-if.png'), fullPage: true });
  });

  it('shows a service that stopped as unreachable with its figures not available, and the others as before', async () => {
    await services.find((s) => s.name === 'notification')!.stop();
    const page = await signIn(keys.operator);
    await operationsShowing(page, async () => {
      const stopped = page.locator('table.health tr[data-service="notification"]');
      expect(await stopped.locator('td.status').textContent()).toBe('unreachable');
      expect(await stopped.locator('td.lag-total').textContent()).toBe('not available');
      expect(await stopped.locator('td.outbox').textContent()).toBe('not available');
      expect(await page.locator('table.health tr[data-service="replenishment"] td.status').textContent()).toBe('up');
      expect(await page.locator('article.dead-letter-service[data-service="notification"]').textContent()).toContain('not available');
    });
  });

  it('ran both pages under their content security policy without a browser error', () => {
    // The buyer's visit to the operator page (404) is the one error on purpose.
    expect(browserErrors.filter((error) => !error.startsWith(`${dashboard!.baseUrl}/operations: Failed to load resource`))).toEqual([]);
  });

  afterAll(() => {
    // Two of the screenshots illustrate the README.
    if (process.env.SMI_UPDATE_SCREENSHOTS !== '1') return;
    const docs = resolve(__dirname, '../../../docs/screenshots');
    mkdirSync(docs, { recursive: true });
    copyFileSync(join(shots, 'operations-lag.png'), join(docs, 'dashboard-operations.png'));
    copyFileSync(join(shots, 'what-if.png'), join(docs, 'dashboard-what-if.png'));
  });
});
