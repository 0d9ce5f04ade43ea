import base from '@quorum/eslint-config/base';

export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/env.ts'],
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
