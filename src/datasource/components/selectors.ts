/** Labels and test ids shared by the data source editors and their tests (one place for UI text). */
export const configSelectors = {
  upstream: 'Upstream',
  url: 'URL',
  authMethod: 'Authentication',
  basicUser: 'User',
  basicPassword: 'Password',
  bearerToken: 'Bearer token',
  influxToken: 'InfluxDB token',
  tlsSkipVerify: 'Skip TLS verify',
  tlsWithCA: 'Custom CA',
  tlsCACert: 'CA certificate',
  timeout: 'Timeout (s)',
  database: 'Database',
  scrapeInterval: 'Scrape interval',
  addHeader: 'Add header',
  headerName: (n: number) => `Header ${n} name`,
  headerValue: (n: number) => `Header ${n} value`,
  removeHeader: (n: number) => `Remove header ${n}`,
  demoNote: 'config-demo-note',
  upstreamNote: 'config-upstream-note',
} as const;

export const querySelectors = {
  metric: 'Metric',
  series: 'Series',
  expr: 'Expression',
  legend: 'Legend',
  minStep: 'Min step (ms)',
  newerVersion: 'query-newer-version',
  upstreamNote: 'query-upstream-note',
} as const;
