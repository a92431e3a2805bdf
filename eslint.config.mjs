import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      '.cache/',
      'src/backend/gen/',
    ],
  },
  ...baseConfig,
  {
    // The evaluation harness (eval/) measures the product; the product never depends on it.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/eval/**'], message: 'src/ must not import the evaluation harness.' }] },
      ],
    },
  },
  {
    // Product code (everything in src/ but its tests) ships; test oracles and their libraries do not.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/__tests__/**', 'src/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/eval/**'], message: 'src/ must not import the evaluation harness.' },
            { group: ['apache-arrow', '**/tests/**'], message: 'apache-arrow and tests/ are test oracles (devDependencies); the product writes Arrow itself (src/backend/frames).' },
          ],
        },
      ],
    },
  },
  {
    // The analytics core runs in the backend executable and in the browser: pure TypeScript only.
    files: ['src/analytics/**/*.ts'],
    ignores: ['src/analytics/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/analytics must not import Node modules.' },
            { group: ['react', 'react-dom', '@grafana/*', '@emotion/*'], message: 'src/analytics must not import React or Grafana.' },
            { group: ['**/backend/**', '**/datasource/**', '**/panels/**'], message: 'src/analytics must not depend on the edges.' },
            { group: ['**/eval/**'], message: 'src/ must not import the evaluation harness.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/analytics must not read the process environment.' }],
    },
  },
]);
