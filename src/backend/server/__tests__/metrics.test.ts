import { PluginMetrics } from '../metrics';

test('metrics histogram buckets are cumulative and end with +Inf equal to the count', () => {
  const m = new PluginMetrics(Date.UTC(2026, 0, 1));
  m.observeQuery('ok', 'demo', 'none', 0.003);
  m.observeQuery('ok', 'demo', 'none', 0.2);
  m.observeQuery('ok', 'demo', 'none', 30);
  const text = m.render();
  expect(text).toMatch(/^anomalylens_query_duration_seconds_bucket\{outcome="ok",le="0.005"\} 1$/m);
  expect(text).toMatch(/^anomalylens_query_duration_seconds_bucket\{outcome="ok",le="0.25"\} 2$/m);
  expect(text).toMatch(/^anomalylens_query_duration_seconds_bucket\{outcome="ok",le="10"\} 2$/m);
  expect(text).toMatch(/^anomalylens_query_duration_seconds_bucket\{outcome="ok",le="\+Inf"\} 3$/m);
  expect(text).toMatch(/^anomalylens_query_duration_seconds_count\{outcome="ok"\} 3$/m);
  expect(text).toMatch(/^process_start_time_seconds 1767225600$/m);
});

test('metrics escape label values', () => {
  const m = new PluginMetrics();
  m.observeRpc('Odd"name\\x', 'OK');
  expect(m.render()).toContain('method="Odd\\"name\\\\x"');
});
