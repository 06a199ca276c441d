/**
 * Headless Chromium for the tests that render a page (the public notice, the findings report):
 * Debian's /usr/bin/chromium (or SPOTCHECK_CHROMIUM), driven by playwright-core.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.SPOTCHECK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether Chromium is there. Without it, `what` says what is not rendered: in CI that is an error
 * (.ci/run installs chromium), elsewhere a warning and the browser tests are skipped.
 */
export function chromiumAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `${what} is not rendered in a browser: ${CHROMIUM} is missing (apt-get install chromium, as .ci/run does)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} — SKIPPED`);
  return false;
}

/** A headless Chromium with no sandbox, GPU, background networking, updates or sync. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
