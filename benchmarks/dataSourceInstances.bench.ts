/**
 * Per-request cost of finding the data source's settings: the instance manager's lookup of an instance already
 * built (same version), against what each request did before it (read jsonData, and parse the Prometheus connection
 * settings in the step rule and again in the fetch), measured in alternation in the same run. Prints each round;
 * read the lowest (the machine is shared).
 */
import { DataSourceInstances } from '../src/backend/pipeline/DataSourceInstances';
import { readSettings } from '../src/backend/settings/dataSourceSettings';
import { upstreamInstanceSettingsFromProtocol } from '../src/backend/upstreams/http/upstreamHttpSettings';
import { prometheusSettingsFrom } from '../src/backend/upstreams/prometheus/prometheusSettings';
const gf: Record<string, string> = {};
for (let i = 0; i < 15; i++) gf[`GF_SETTING_${i}`] = `value-${i}`;
const ctx = {
  dataSourceInstanceSettings: {
    uid: 'u',
    name: 'n',
    url: 'http://127.0.0.1:9',
    lastUpdatedMS: 5,
    jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', timeInterval: '15s', maxSeries: 500 })),
    decryptedSecureJsonData: { basicAuthPassword: 'x' },
  },
  grafanaConfig: gf,
} as never;
const inst = new DataSourceInstances();
const N = 100000;
for (let r = 0; r < 9; r++) {
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) inst.get(ctx);
  const a = Number(process.hrtime.bigint() - t) / N;
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    const s = readSettings(ctx);
    // resolveStep and the fetch each parsed the Prometheus settings again.
    prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(s.instance!));
    prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(s.instance!));
  }
  const b = Number(process.hrtime.bigint() - t) / N;
  console.log(
    `instances.get (same version) ${(a / 1000).toFixed(2)} µs; before: readSettings + Prometheus settings twice ${(b / 1000).toFixed(2)} µs`
  );
}
