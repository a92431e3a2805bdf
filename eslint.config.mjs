import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

/**
 * The backend's folders depend one way, lowest first (docs/architecture.md): a folder may import the ones before it
 * and never one after it. `server/` (protocol types, logging, redaction and the process itself) and `gen/` stand
 * outside the order. Tests may reach across (a pipeline test runs a whole query).
 */
const BACKEND_LAYERS = [
  'errors',
  'upstreams',
  'settings',
  'rules',
  'frames',
  'pipeline',
  'query',
  'resources',
  'handlers',
];
const EVAL_PATTERN = { group: ['**/eval/**'], message: 'src/ must not import the evaluation harness.' };
const backendLayerRules = BACKEND_LAYERS.slice(0, -1).map((layer, i) => ({
  files: [`src/backend/${layer}/**/*.ts`],
  ignores: [`src/backend/${layer}/**/__tests__/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          EVAL_PATTERN,
          ...BACKEND_LAYERS.slice(i + 1).map((higher) => ({
            group: [`../${higher}/*`, `../../${higher}/*`, `../../../${higher}/*`, `**/backend/${higher}/*`],
            message: `src/backend/${layer}/ must not import src/backend/${higher}/: folders depend one way (${BACKEND_LAYERS.join(' → ')}), see docs/architecture.md.`,
          })),
        ],
      },
    ],
  },
}));

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
  ...backendLayerRules,
]);
