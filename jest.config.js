// Tests run in UTC so that timestamps and snapshots do not depend on the machine.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swc = base.transform['^.+\\.(t|j)sx?$'];
// Grafana 13.2's UI packages pull in dependencies published only as ES modules, which jest's CommonJS runtime must
// transform; augurs is ESM with WASM.
const esModules = [...grafanaESModules, '@bsull/augurs', 'd3-interpolate', 'd3-color', '@grafana/.*', 'ol', 'react-data-grid', '@react-hookz/web', '@ver0/deep-equal'];
const transform = { ...base.transform, '^.+\\.mjs$': swc };
const transformIgnorePatterns = [nodeModulesToTransform(esModules)];

module.exports = {
  projects: [
    {
      // Pure TypeScript: analytics core, shared query model, backend modules. No DOM.
      ...base,
      displayName: 'core',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/{analytics,shared,backend}/**/*.test.ts'],
      setupFilesAfterEnv: [],
      transform,
      transformIgnorePatterns,
    },
    {
      // React editors and panels, rendered with Testing Library in jsdom.
      ...base,
      displayName: 'ui',
      testMatch: ['<rootDir>/src/{datasource,panels,components,extensions,pages}/**/*.test.{ts,tsx}', '<rootDir>/src/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/jest.polyfills.js'],
      transform,
      transformIgnorePatterns,
    },
    {
      // The evaluation harness: scorers, reference detectors and forecasters, and the eval CLIs. Not product code.
      ...base,
      displayName: 'eval',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/eval/**/*.test.ts'],
      setupFilesAfterEnv: [],
      transform,
      transformIgnorePatterns,
    },
    {
      // Whole-system tests: the built executable, real Prometheus/InfluxDB, Chromium.
      displayName: 'system',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts', '<rootDir>/tests/**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
    },
  ],
};
