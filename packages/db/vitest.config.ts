import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One PostgreSQL for the whole run (see src/testing/start-test-postgres.ts).
    globalSetup: ['./src/testing/global-setup.ts'],
  },
});
