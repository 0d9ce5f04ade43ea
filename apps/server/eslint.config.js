import base from '@quorum/eslint-config/base';

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    // Tests may hand a child process its environment.
    ignores: ['src/env.ts', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No barrel re-exports.' },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Only src/env.ts reads process.env: take the parsed Env as an argument.',
        },
      ],
    },
  },
];
