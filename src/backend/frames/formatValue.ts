/**
 * Values in human units for explanation texts (anomaly windows), for the Grafana unit ids the upstreams report:
 * `s`/`ms` (µs … h), `Bps` (SI: B/s, kB/s, MB/s, GB/s), `bytes` (IEC: B, KiB, MiB, GiB), `percentunit` (0.42 →
 * 42 %), `percent`; anything else (or none) as a plain number. Three significant digits. Our own small formatter
 * (Grafana's value formats live in @grafana/data, which the backend does not load).
 */

function num(v: number): string {
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) {
    return v.toPrecision(3).replace(/\.?0+e/, 'e');
  }
  // toPrecision keeps 3 significant digits; Number() drops trailing zeros (1.50 → 1.5).
  return String(Number(v.toPrecision(3)));
}

function scaled(v: number, steps: Array<[number, string]>): string {
  const a = Math.abs(v);
  let chosen = steps[0];
  for (const s of steps) {
    if (a >= s[0]) {
      chosen = s;
    }
  }
  return `${num(v / chosen[0])} ${chosen[1]}`;
}

const SECONDS: Array<[number, string]> = [
  [1e-6, 'µs'],
  [1e-3, 'ms'],
  [1, 's'],
  [60, 'min'],
  [3600, 'h'],
];

export function formatValue(v: number, unit?: string): string {
  if (Number.isNaN(v)) {
    return 'no value';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+∞' : '−∞';
  }
  switch (unit) {
    case 's':
      return v === 0 ? '0 s' : scaled(v, SECONDS);
    case 'ms':
      return v === 0 ? '0 s' : scaled(v / 1000, SECONDS);
    case 'Bps':
      return scaled(v, [
        [1, 'B/s'],
        [1e3, 'kB/s'],
        [1e6, 'MB/s'],
        [1e9, 'GB/s'],
        [1e12, 'TB/s'],
      ]);
    case 'bytes':
      return scaled(v, [
        [1, 'B'],
        [1024, 'KiB'],
        [1024 ** 2, 'MiB'],
        [1024 ** 3, 'GiB'],
        [1024 ** 4, 'TiB'],
      ]);
    case 'percentunit':
      return `${num(v * 100)} %`;
    case 'percent':
      return `${num(v)} %`;
    default:
      return num(v);
  }
}
