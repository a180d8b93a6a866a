import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import house from './eslint/boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'scratch/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Module boundaries: index.ts between modules, no module in the kernel, contracts only in contracts,
    // the web app on contracts and types only (eslint/boundaries.js).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { house },
    rules: { 'house/boundaries': 'error', 'house/access-log': 'error' },
  },
  {
    // Handlers take their types from the route's schemas (Fastify's TypeBox type provider): no casts.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression > MemberExpression.expression[object.name='request'][property.name=/^(body|params|query)$/]",
          message: 'Declare the schema on the route and let the type provider type it; do not cast request.body/params/query.',
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
