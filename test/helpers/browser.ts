import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium (CHROMIUM_PATH elsewhere): the browser tests drive it through playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Whether this machine has Chromium. In CI its absence is an error, never a silent skip (.ci/run
 * installs it); elsewhere the test says it is skipped and why.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the ${what} test (.ci/run installs it)`);
  console.warn(`${what} browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
  return false;
}

/** Headless, and quiet on a machine without internet (no background requests, no component updates). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'] });
}

/**
 * Serves the app on a free local port and starts Chromium before the file's tests, and closes both after:
 * `served.base` is the server's address (no trailing slash), `served.browser` the browser.
 */
export function servedInChromium(app: FastifyInstance, available: boolean): { readonly browser: Browser; readonly base: string } {
  let browser: Browser | undefined;
  let base = '';
  beforeAll(async () => {
    if (!available) return;
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('Chromium is not running (the tests of this file should not have run)');
      return browser;
    },
    get base() {
      return base;
    },
  };
}
