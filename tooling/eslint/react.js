import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import base from './base.js';

/** The web app: browser globals, hook rules, and the server only as a type. */
export default [
  ...base,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@quorum/server', '@quorum/server/*', '**/apps/server/**', '@quorum/db', '@quorum/db/*'],
              allowTypeImports: true,
              message: 'The web talks to the server only through tRPC: import its types, never its code.',
            },
          ],
        },
      ],
    },
  },
];
