import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Argon2 hashing and a real PostgreSQL make some tests slower than the default allows.
    testTimeout: 30_000,
    // One embedded PostgreSQL for the whole run, shared by every test file.
    globalSetup: ['@quorum/db/testing/global-setup'],
    hookTimeout: 60_000,
  },
});
