import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Rules every package shares. */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.turbo/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ExportAllDeclaration",
          message: 'No barrel re-exports: export each area through its own subpath.',
        },
      ],
    },
  },
);
