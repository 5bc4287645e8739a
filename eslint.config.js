// Lint rules. Layers point one way (docs/architecture.md): the core is pure and imports only
// itself; sources and render import the core (and their own libraries); the TUI imports the
// core and render; the command line wires them all. test/architecture/ checks there is no circle.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'sources', 'render', 'tui', 'cli'];
/** Import patterns that reach a layer's folder from anywhere under src/. */
const layer = (l) => [`**/${l}/*`, `**/${l}/**`, `../${l}/*`, `../../${l}/*`];

/** A layer that may import only the layers listed (and itself), and none of the libraries listed. */
function boundary(name, allowed, libraries) {
  const others = LAYERS.filter((l) => l !== name && !allowed.includes(l));
  return [{
    files: [`src/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: others.flatMap(layer), message: `src/${name} imports only ${[...allowed, name].join(', ')}: the command line passes it what it needs (docs/architecture.md).` },
          { group: libraries, message: `src/${name} does not use this library: it belongs to another layer.` },
        ],
      }],
    },
  }];
}

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
          { group: LAYERS.filter((l) => l !== 'core').flatMap(layer), message: 'The core imports nothing from the other layers.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The core does not read the clock: take now as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core does not read the clock: take now as an argument.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'The core is deterministic.' },
      ],
    },
  },
  ...boundary('sources', ['core'], ['ink', 'ink-*', 'react', 'commander']),
  ...boundary('render', ['core'], ['@kubernetes/*', 'ink', 'ink-*', 'react', 'commander', 'yargs-parser']),
  ...boundary('tui', ['core', 'render'], ['@kubernetes/*', 'commander', 'yargs-parser']),
);
