/** Options of the STL decomposition panel, as saved in the dashboard JSON. */
export interface StlPanelOptions {
  /** Display name of the series to decompose; empty means the first numeric series. */
  series: string;
  /** `auto` detects the season length from the data; `fixed` uses `period`. */
  periodMode: 'auto' | 'fixed';
  /** Season length as a Grafana interval (`1d`, `1h`, `7d`); used when `periodMode` is `fixed`. */
  period: string;
  /** Robust STL (outer iterations with bisquare weights) so spikes do not bend trend and season. */
  robust: boolean;
  /** Remainder points further than this many robust σ (1.4826·MAD) from the median are marked. */
  outlierThreshold: number;
}

export const defaultStlPanelOptions: StlPanelOptions = {
  series: '',
  periodMode: 'auto',
  period: '1d',
  // On by default, as the data source's decomposition: a spike lands in the remainder instead of bending trend and
  // season (robustStl and docs/algorithms/stl.md say why not statsmodels' defaults).
  robust: true,
  outlierThreshold: 3,
};
