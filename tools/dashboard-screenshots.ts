/**
 * Screenshots of a running dashboard, as each demo party sees it: what README shows, taken after
 * `bash deploy/demo.sh` has played its months (the browser tests' own screenshots hold one day of data).
 *
 *   node -r @swc-node/register tools/dashboard-screenshots.ts [--url=http://127.0.0.1:3007] [--out=docs/screenshots] [page ...]
 *
 * Pages are `<party kind>-<page path>`, e.g. buyer-stock, supplier-positions; without any, all of them.
 * Keys are the demo's (deploy/seed/parties.json), or SMI_BUYER_KEY / SMI_SUPPLIER_KEY / SMI_OPERATOR_KEY.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchTestBrowser } from '../libs/testing/src/browser';

const PAGES: Record<'buyer' | 'supplier' | 'operator', string[]> = {
  buyer: ['stock', 'approvals', 'shipments', 'service-levels'],
  supplier: ['positions', 'dispatch', 'capacity', 'forecasts', 'penalties'],
  operator: ['operations'],
};

const KEYS = {
  buyer: process.env.SMI_BUYER_KEY ?? 'demo-acme-key',
  supplier: process.env.SMI_SUPPLIER_KEY ?? 'demo-northwind-key',
  operator: process.env.SMI_OPERATOR_KEY ?? 'demo-operator-key',
};

async function main(): Promise<void> {
  const option = (name: string, fallback: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const url = option('url', 'http://127.0.0.1:3007');
  const out = resolve(option('out', 'docs/screenshots'));
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  mkdirSync(out, { recursive: true });
  const browser = await launchTestBrowser();
  try {
    for (const kind of Object.keys(PAGES) as Array<keyof typeof PAGES>) {
      const pages = PAGES[kind].filter((page) => wanted.length === 0 || wanted.includes(`${kind}-${page}`));
      if (pages.length === 0) continue;
      const visitor = await browser.newVisitor();
      const tab = await visitor.newPage();
      await tab.goto(`${url}/login`);
      await tab.fill('input[name=apiKey]', KEYS[kind]);
      await tab.click('button[type=submit]');
      await tab.waitForLoadState('networkidle');
      if (tab.url().endsWith('/login')) throw new Error(`the dashboard at ${url} refused the ${kind} key`);
      for (const page of pages) {
        await tab.goto(`${url}/${page}`);
        await tab.waitForLoadState('networkidle');
        // ECharts animates its first drawing.
        await tab.waitForTimeout(1500);
        const file = join(out, `${kind}-${page}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await visitor.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
