import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, BrowserContext, chromium } from 'playwright-core';
import { REPO_ROOT } from './infrastructure';

/** Debian's chromium unless CHROMIUM_PATH names another; no browser is downloaded. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a browser under test: headless, no sandbox (CI runs as root), and none of the network chatter a
 * fresh profile starts (component updates, sync, QUIC probes), so a test only talks to the app it opens.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  /** A fresh browser context (its own cookies), as a new visitor. */
  newVisitor(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * A real chromium driven by playwright-core. Playwright gives each launch a fresh user-data directory of its own
 * (and removes it on close), so no profile, cookie or cache survives from another run; each visitor is a
 * context of its own, with its own cookies.
 */
export async function launchTestBrowser(env: NodeJS.ProcessEnv = process.env): Promise<TestBrowser> {
  const executablePath = chromiumPath(env);
  if (!existsSync(executablePath)) {
    throw new Error(`no chromium at ${executablePath}: install Debian's chromium (deploy/local-stack.sh provision) or set CHROMIUM_PATH`);
  }
  const browser: Browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  return {
    newVisitor: () => browser.newContext({ viewport: { width: 1280, height: 900 } }),
    close: () => browser.close(),
  };
}

/** Where a test's screenshots go: .local/screenshots/<suite>/, kept after the run for a person to look at. */
export function screenshotDir(suite: string): string {
  const dir = resolve(REPO_ROOT, '.local/screenshots', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}
