import { promqlCompletionContext } from '../promqlCompletionContext';

/** The context at the `|` marker. */
const at = (withCursor: string) => {
  const cursor = withCursor.indexOf('|');
  return promqlCompletionContext(withCursor.replace('|', ''), cursor);
};

describe('promqlCompletionContext', () => {
  it('completes a metric name being typed at the start or inside a function call', () => {
    expect(at('http_req|')).toEqual({ kind: 'metric', prefix: 'http_req', from: 0 });
    expect(at('sum(rate(node_cpu|')).toMatchObject({ kind: 'metric', prefix: 'node_cpu', from: 9 });
    expect(at('|')).toEqual({ kind: 'metric', prefix: '', from: 0 });
  });

  it('completes label names inside braces, naming the metric', () => {
    expect(at('up{jo|')).toEqual({ kind: 'labelName', prefix: 'jo', from: 3, metric: 'up' });
    expect(at('up{job="x", ins|}')).toMatchObject({ kind: 'labelName', prefix: 'ins', metric: 'up' });
    expect(at('{|')).toMatchObject({ kind: 'labelName', prefix: '', metric: undefined });
  });

  it('completes label names in grouping lists without a metric', () => {
    expect(at('sum by (serv|) (rate(x[5m]))')).toMatchObject({ kind: 'labelName', prefix: 'serv', metric: undefined });
    expect(at('sum(x) without (|')).toMatchObject({ kind: 'labelName', prefix: '' });
  });

  it('completes label values inside quotes after any matcher operator', () => {
    expect(at('up{job="pro|')).toEqual({ kind: 'labelValue', prefix: 'pro', from: 8, label: 'job', metric: 'up' });
    expect(at('up{a="b", job=~"|')).toMatchObject({ kind: 'labelValue', prefix: '', label: 'job' });
    expect(at("up{job!='x|")).toMatchObject({ kind: 'labelValue', prefix: 'x', label: 'job' });
  });

  it('leaves closed selectors, range brackets, numbers and comments alone', () => {
    expect(at('rate(up{job="a"}[5|')).toBeNull();
    expect(at('up > 1e|')).toBeNull();
    expect(at('up{job=|')).toBeNull();
    expect(at('# note on up|')).toBeNull();
    // After the selector closes, a new name can start.
    expect(at('up{job="a"} / on(job) node|')).toMatchObject({ kind: 'metric', prefix: 'node' });
  });

  it('handles escaped quotes inside values', () => {
    expect(at('up{path="a\\"b|')).toMatchObject({ kind: 'labelValue', prefix: 'a\\"b', label: 'path' });
  });
});
