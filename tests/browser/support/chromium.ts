/**
 * Starts Debian's Chromium through playwright-core (`npx playwright install` downloads browsers from the
 * internet, which CI and the test machines do not reach). A missing browser is a failure with the fix in the message, never a skip: CI installs the
 * `chromium` package in .ci/run.
 */
import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found: the browser tests drive Debian's Chromium. Install it with ` +
        '`apt-get install chromium` (.ci/run does this in CI).'
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    timeout: 30_000,
  });
}
