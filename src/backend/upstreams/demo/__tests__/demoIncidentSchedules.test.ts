import { CHECKOUT_SPIKE, incidentPhase, LAG_BUILDUP } from '../demoCatalog';
import { DEMO_INCIDENT_SCHEDULES, incidentOnsets, scheduleOfSeries } from '../demoIncidentSchedules';

const HOUR = 3_600_000;

test('incidentOnsets lists each start of a recurring incident once, a period apart, where the incident begins', () => {
  const checkout = scheduleOfSeries('demo_http_latency_seconds', { service: 'checkout' })!;
  const from = Date.UTC(2026, 2, 1);
  const onsets = incidentOnsets(checkout, from, from + 8 * 24 * HOUR);
  expect(onsets.length).toBe(4);
  onsets.slice(1).forEach((t, i) => expect(t - onsets[i]).toBe(CHECKOUT_SPIKE.periodMs));
  for (const t of onsets) {
    expect(incidentPhase(t, CHECKOUT_SPIKE.periodMs, CHECKOUT_SPIKE.offsetMs, CHECKOUT_SPIKE.durationMs)).toBe(0);
    expect(incidentPhase(t - 60_000, CHECKOUT_SPIKE.periodMs, CHECKOUT_SPIKE.offsetMs, CHECKOUT_SPIKE.durationMs)).toBe(
      -1
    );
  }
});

test('the orders-db slowdown starts two minutes before each checkout spike', () => {
  const from = Date.UTC(2026, 2, 1);
  const to = from + 8 * 24 * HOUR;
  const spikes = incidentOnsets(scheduleOfSeries('demo_http_latency_seconds', { service: 'checkout' })!, from, to);
  const db = incidentOnsets(scheduleOfSeries('demo_db_query_latency_seconds', { db: 'orders-db' })!, from, to);
  expect(db).toEqual(spikes.map((t) => t - 2 * 60_000));
});

test('scheduleOfSeries finds the one series an incident moves and nothing for its neighbours', () => {
  expect(scheduleOfSeries('demo_consumer_lag', { group: 'analytics' })?.periodMs).toBe(LAG_BUILDUP.periodMs);
  expect(scheduleOfSeries('demo_consumer_lag', { group: 'billing' })).toBeUndefined();
  expect(scheduleOfSeries('demo_cpu_utilization', { host: 'web-2' })?.name).toBe('web-2 CPU saturation');
  expect(scheduleOfSeries('demo_cpu', { host: 'web-2' })).toBeUndefined();
  expect(new Set(DEMO_INCIDENT_SCHEDULES.map((s) => s.expr)).size).toBe(DEMO_INCIDENT_SCHEDULES.length);
});
