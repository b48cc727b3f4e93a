import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
