import { defineConfig } from 'vitest/config';

/** Unit tests only; the browser tests in e2e/ run with Playwright against the production build. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
    environment: 'node',
  },
});
