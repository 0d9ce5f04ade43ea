import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the production build: global-setup.ts starts the bundled server
 * (apps/server/dist/main.js, serving apps/web/dist) and a real SMTP peer. Debian's
 * Chromium; nothing is downloaded.
 */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  // One server and one database for the run: the flows build on each other's accounts.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Long flows of many steps; generous so a busy 2-core machine does not fail them.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]]
    : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'flows', testMatch: /.*(?<!screenshots)\.spec\.ts/, dependencies: ['setup'] },
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts/, dependencies: ['flows'] },
  ],
});
