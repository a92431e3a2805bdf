import { extraLabels } from '../extraLabels';

describe('extraLabels', () => {
  it('prints nothing when the series name already carries every label', () => {
    expect(extraLabels('demo_db_query_latency_seconds{db="orders-db"}', '{db="orders-db"}')).toBe('');
    expect(extraLabels('latency{a="1", b="2"}', '{b="2", a="1"}')).toBe('');
  });

  it('prints nothing when a legend shows each label value', () => {
    expect(extraLabels('db_query_latency_seconds payments-db', '{db="payments-db"}')).toBe('');
  });

  it('prints the labels when the name does not show them all', () => {
    expect(extraLabels('checkout latency', '{service="checkout", instance="web-1"}')).toBe(
      '{service="checkout", instance="web-1"}'
    );
    expect(extraLabels('up', 'job=api')).toBe('job=api');
  });

  it('prints nothing for an empty label set', () => {
    expect(extraLabels('up', '  ')).toBe('');
  });
});
