import { LensDataSourceInfo, matchLensDataSource, normaliseUrl } from '../matchLensDataSource';

const lens = (uid: string, upstream: string, url?: string): LensDataSourceInfo => ({ uid, name: uid, upstream, url });

test('matchLensDataSource chooses the one data source with the same upstream and URL', () => {
  const all = [
    lens('demo', 'demo'),
    lens('p1', 'prometheus', 'http://prom-a:9090'),
    lens('p2', 'prometheus', 'http://prom-b:9090/'),
  ];
  expect(matchLensDataSource({ kind: 'prometheus', url: 'HTTP://Prom-B:9090' }, all)).toEqual({
    chosen: all[2],
    candidates: [all[2]],
  });
});

test('matchLensDataSource offers every one of the kind when none matches the URL', () => {
  const all = [lens('p1', 'prometheus', 'http://a:9090'), lens('i1', 'influxdb', 'http://a:8086')];
  expect(matchLensDataSource({ kind: 'prometheus', url: 'http://elsewhere:9090' }, all)).toEqual({
    candidates: [all[0]],
  });
});

test('matchLensDataSource chooses nothing when several match or the URL is unknown', () => {
  const all = [lens('p1', 'prometheus', 'http://a:9090'), lens('p2', 'prometheus', 'http://a:9090/')];
  expect(matchLensDataSource({ kind: 'prometheus', url: 'http://a:9090' }, all)).toEqual({ candidates: all });
  expect(matchLensDataSource({ kind: 'prometheus' }, [all[0]])).toEqual({ candidates: [all[0]] });
});

test('normaliseUrl drops default ports and trailing slashes', () => {
  expect(normaliseUrl('https://Mimir.example:443/prometheus/')).toBe('https://mimir.example/prometheus');
  expect(normaliseUrl(' ')).toBeUndefined();
  expect(normaliseUrl('not a url/')).toBe('not a url');
});
