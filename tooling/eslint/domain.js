import base from './base.js';

/**
 * The domain is pure: it imports only zod (tests may add vitest and fast-check),
 * reads no environment and no hidden clock. Both the server and the browser run it.
 */
export default [
  ...base,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|\\.)',
              message: 'packages/domain may import only zod (and its own files).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No barrel re-exports.' },
        { selector: "MemberExpression[object.name='process']", message: 'The domain reads no process state: take config as an argument.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take a clock or a timestamp as input.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take a clock or a timestamp as input.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness belongs to the adapters.' },
      ],
    },
  },
  {
    files: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|zod/|vitest$|fast-check$|\\.)',
              message: 'Domain tests may import only zod, vitest, fast-check and domain files.',
            },
          ],
        },
      ],
    },
  },
];
