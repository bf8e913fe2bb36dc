// Lint rules. The one that matters most for the product: the simulation must be
// deterministic, so wall clocks and unseeded randomness are banned outside the
// places where timing belongs (the command line, the terminal UI and benchmarks).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const clockAndRandom = [
  { object: 'Math', property: 'random', message: 'Draw from a named RNG stream (src/core/rng.ts): the simulation must be deterministic.' },
  { object: 'Date', property: 'now', message: 'No wall clock in the simulation; timing belongs to src/cli, src/tui and bench/.' },
  { object: 'performance', property: 'now', message: 'No wall clock in the simulation; timing belongs to src/cli, src/tui and bench/.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'coverage/**', 'dist/**'] },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/cli/**', 'src/tui/**'],
    rules: {
      'no-restricted-properties': ['error', ...clockAndRandom],
      'no-restricted-syntax': ['error', {
        selector: "NewExpression[callee.name='Date']",
        message: 'No wall clock in the simulation; timing belongs to src/cli, src/tui and bench/.',
      }],
    },
  },
);
