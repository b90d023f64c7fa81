// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * typescript-eslint's type-checked rules, with these settings and their reasons:
 * - restrict-template-expressions allows numbers: messages are built from counts.
 * - no-confusing-void-expression allows `() => stream.end()`: a shorthand arrow handing on a call is idiomatic.
 * - no-non-null-assertion stays an error: the code reads `?? fallback` instead.
 * - max-lines and max-lines-per-function keep files and functions small enough to read (600 and 60).
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      'max-lines': ['error', { max: 600, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // A describe() block holds many tests: its length is the suite's, not one function's.
      'max-lines-per-function': 'off',
      'max-lines': 'off',
      // Tests read JSON.parse's output and vitest's asymmetric matchers, both `any` by design: the assertion is the type check.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // csv-parse's sync parse is typed loosely; tests say what they expect of its rows with `as`.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Tests look for terminal escape sequences on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // CommonJS files (the executable): require is how they load.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
