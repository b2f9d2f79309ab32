import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: nothing in this project downloads a browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Debian's chromium at ${CHROMIUM} (apt-get install -y chromium); .ci/run installs it.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Listens on a free loopback port and returns the base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical accessibility violations on the page, as axe-core reports them. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run());
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

/** The app served on a free loopback port with chromium launched to visit it; `close` ends both. */
export async function servedInChromium(app: RequestListener): Promise<{ base: string; browser: Browser; close: () => Promise<void> }> {
  const server = createServer(app);
  const base = await listen(server);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { base, browser, close };
}

/**
 * A browser context signed in with the session cookie of `user` (undefined: signed out). A step
 * that waits fails after 8 s, well inside a test's own timeout, so the failure names the step.
 */
export async function signedInContext(browser: Browser, base: string, user: { cookie: string } | undefined, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(8_000);
  if (user) {
    const [name, value] = user.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
  }
  return context;
}

type Marked = { inPlaceMarker?: string };

/** Marks the page's window: an action done in place keeps the mark, a reload loses it (see windowMark). */
export const markWindow = (page: Page) => page.evaluate(() => ((globalThis as Marked).inPlaceMarker = 'still here'));

/** 'still here' while the window markWindow marked is the one shown; 'reloaded' after a reload. */
export const windowMark = (page: Page) => page.evaluate(() => (globalThis as Marked).inPlaceMarker ?? 'reloaded');
