// The desk in a real browser: Debian's Chromium driven by playwright-core against `sitrep serve`
// on a free loopback port, with the launch flags that work on these machines. Shared by the
// browser tests and the screenshot script.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningServer, startServer } from '../src/interfaces/http/server.js';
import type { Store } from '../src/store/store.js';
import { ROOT } from './helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'test-output', 'desk');
// CI installs Chromium (.ci/run); elsewhere the browser tests are skipped when it is missing.
export const skipBrowser = !existsSync(CHROMIUM) && !process.env.CI ? `no Chromium at ${CHROMIUM}` : false;

export interface OpenDesk {
  browser: Browser;
  server: RunningServer;
  page: Page;
  close(): Promise<void>;
}

/** Serves `store` and opens one 1280×900 page on it; a script error on the page fails the test. */
export async function openDesk(store: Store): Promise<OpenDesk> {
  const server = await startServer({ store, port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  return {
    browser,
    server,
    page,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
