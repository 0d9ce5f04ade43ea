import react from '@quorum/eslint-config/react';

export default [
  ...react,
  {
    // Playwright fixtures look like hooks (`use`) and take `{}` when they need no other fixture.
    files: ['e2e/**/*.ts', 'playwright.config.ts'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
      'no-empty-pattern': 'off',
    },
  },
];
