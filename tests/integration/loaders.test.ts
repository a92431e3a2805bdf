/**
 * The test-data loaders in scripts/loaders: NAB CSV reading, OpenMetrics and line-protocol writing, and the
 * real-server helpers' refusal to run without their binaries.
 */
import { nabToLineProtocol } from '../../scripts/loaders/nabToLineProtocol';
import { nabToOpenMetrics } from '../../scripts/loaders/nabToOpenMetrics';
import { readNabCsv } from '../../scripts/loaders/readNabCsv';
import { requireBinary } from './helpers/serverProcess';

const APR1 = Date.UTC(2014, 3, 1);

describe('readNabCsv', () => {
  it('reads the rows of a time window in UTC', () => {
    const s = readNabCsv('artificialWithAnomaly/art_daily_jumpsup.csv', { fromMs: APR1, toMs: APR1 + 15 * 60_000 });
    expect(s.timesMs).toEqual([APR1, APR1 + 300_000, APR1 + 600_000]);
    // First rows of the file: 2014-04-01 00:00:00,19.761251902999998 and 00:05:00,20.500833287.
    expect(s.values.slice(0, 2)).toEqual([19.761251902999998, 20.500833287]);
  });

  it('names a missing file and the override variable', () => {
    expect(() => readNabCsv('nope/missing.csv')).toThrow(/NAB file not found: .*nope\/missing\.csv \(set NAB_DATA_DIR/);
  });
});

const sample = { file: 'x.csv', timesMs: [APR1, APR1 + 300_000], values: [1.5, -0.1] };

describe('nabToOpenMetrics', () => {
  it('writes one gauge family with escaped labels, second timestamps and # EOF', () => {
    expect(nabToOpenMetrics('nab_value', [{ labels: { file: 'a"b\\c' }, series: sample }])).toBe(
      '# TYPE nab_value gauge\n' +
        `nab_value{file="a\\"b\\\\c"} 1.5 ${APR1 / 1000}\n` +
        `nab_value{file="a\\"b\\\\c"} -0.1 ${APR1 / 1000 + 300}\n` +
        '# EOF\n'
    );
  });

  it('refuses invalid metric and label names', () => {
    expect(() => nabToOpenMetrics('nab-value', [])).toThrow(/not a valid metric name/);
    expect(() => nabToOpenMetrics('nab', [{ labels: { __name__: 'x' }, series: sample }])).toThrow(
      /not a valid label name/
    );
  });
});

describe('nabToLineProtocol', () => {
  it('writes sorted, escaped tags and a float field in seconds', () => {
    expect(nabToLineProtocol('nab data', [{ labels: { z: 'a b', a: 'x,y=z' }, series: sample }])).toBe(
      `nab\\ data,a=x\\,y\\=z,z=a\\ b value=1.5 ${APR1 / 1000}\n` +
        `nab\\ data,a=x\\,y\\=z,z=a\\ b value=-0.1 ${APR1 / 1000 + 300}\n`
    );
  });

  it('refuses empty tags and sub-second timestamps', () => {
    expect(() => nabToLineProtocol('m', [{ labels: { a: '' }, series: sample }])).toThrow(/must not be empty/);
    expect(() => nabToLineProtocol('m', [{ labels: {}, series: { ...sample, timesMs: [APR1 + 1] } }])).toThrow(
      /whole seconds/
    );
  });
});

describe('requireBinary', () => {
  it('fails with the Debian package to install when a server binary is missing', () => {
    expect(() => requireBinary('/nonexistent/prometheus', 'prometheus')).toThrow(
      '/nonexistent/prometheus is missing or not executable: install the Debian package "prometheus" (apt-get install prometheus)'
    );
  });
});
