import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test functions whose `.only` would silently skip every other test (mocha and node:test). */
const TEST_FUNCTIONS = ['it', 'describe', 'context', 'test', 'suite'];

export default tseslint.config(
  // types/ is generated from custom-elements.json (scripts/integrations.mjs) and compiled by check:manifest.
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.cache/',
      'storybook-static/',
      'coverage/',
      'custom-elements.json',
      'types/',
      // Consumer apps have their own tsconfig and tools; the consumer tests type-check and build them.
      'test/consumers/apps/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.mjs', 'scripts/**', '.storybook/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // End-to-end tests run in Node and hand functions to the page (page.evaluate): both worlds.
    files: ['test/e2e/**', 'test/consumers/**', 'scripts/bench/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Type-aware rules for the TypeScript files, typed by the tsconfig.json that includes each of them
    // (src, test, stories, demo, bench, .storybook). The .mjs scripts stay untyped.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // @open-wc/semantic-dom-diff types every chai `.equal` as returning a Promise (for its async
          // `.dom.equal`); the plain `expect(x).to.equal(y)` is synchronous. (No test uses `.dom`.)
          allowForKnownSafeCalls: [{ from: 'package', package: 'chai', name: 'Equal' }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Accessibility of the elements' templates.
    files: ['src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    // Mocha's `this` and chai's property assertions read as unused expressions.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // A committed `.only` (or node:test's `{ only: true }`) would skip every other test.
    files: ['test/**', '**/*.test.*'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...TEST_FUNCTIONS.map((object) => ({ object, property: 'only', message: 'Remove .only before committing' })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.name=/^(${TEST_FUNCTIONS.join('|')})$/] > ObjectExpression > Property[key.name='only']`,
          message: 'Remove `only: true` before committing',
        },
      ],
    },
  },
  prettier,
);
