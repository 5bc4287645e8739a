// Lint rules. The core stays pure: it may import only from the core itself.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test/cluster/kube-bins/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', AbortController: 'readonly', structuredClone: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'The core is pure: no Node built-ins.' },
          { group: ['@kubernetes/*', 'ink', 'ink-*', 'react', 'commander', 'yargs-parser', 'yaml'], message: 'The core imports no libraries.' },
          { group: ['**/sources/**', '**/render/**', '**/cli/**', '../sources/*', '../render/*', '../cli/*'], message: 'The core imports nothing from the other rooms.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The core does not read the clock: take now as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core does not read the clock: take now as an argument.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The core is deterministic.' },
      ],
    },
  },
);
