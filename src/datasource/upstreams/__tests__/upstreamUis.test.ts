import { UPSTREAM_KINDS } from '../../../shared/queryModel';
import { UPSTREAM_UIS, upstreamUi } from '../upstreamUis';

describe('upstreamUi', () => {
  it('resolves every upstream kind to its own module', () => {
    for (const kind of UPSTREAM_KINDS) {
      expect(upstreamUi(kind).kind).toBe(kind);
    }
  });

  it('offers every kind once in the config editor', () => {
    expect(UPSTREAM_UIS.map((u) => u.kind).sort()).toEqual([...UPSTREAM_KINDS].sort());
  });

  it('treats an absent kind as the demo, as the backend does', () => {
    expect(upstreamUi(undefined).kind).toBe('demo');
  });

  it('shows the demo for a kind this build does not know, including names of object properties', () => {
    expect(upstreamUi('graphite').kind).toBe('demo');
    expect(upstreamUi('toString').kind).toBe('demo');
  });

  it('gives the demo no connection settings and the servers theirs', () => {
    expect(upstreamUi('demo').connection).toBeUndefined();
    expect(upstreamUi('prometheus').connection?.httpMethod).toMatchObject({ key: 'httpMethod', default: 'POST' });
    expect(upstreamUi('influxdb').connection?.httpMethod).toMatchObject({ key: 'httpMode', default: 'GET' });
  });
});
