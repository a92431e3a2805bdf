import React from 'react';
import { AppRootProps } from '@grafana/data';
import { TextLink } from '@grafana/ui';

/** The app's landing page: what the bundle contains and where to start. Nothing here pretends to more. */
export function AppRoot(_props: AppRootProps) {
  return (
    <div style={{ maxWidth: 900, padding: 16 }}>
      <h2>Anomaly Lens</h2>
      <p>This app bundles three plugins:</p>
      <ul>
        <li>
          <strong>Anomaly Lens data source</strong>: wraps the built-in demo upstream (and Prometheus or InfluxDB)
          and returns the series with bands, flags, scores, forecasts and STL components computed in the backend,
          usable in dashboards and alert rules.
        </li>
        <li>
          <strong>STL decomposition panel</strong>: observed, trend, seasonal and remainder of any time series, with
          remainder outliers marked.
        </li>
        <li>
          <strong>Correlated metrics panel</strong>: draws a ranking of correlated metrics when a query returns one;
          the correlation query itself comes in a later release.
        </li>
      </ul>
      <p>
        Start with the provisioned dashboard <TextLink href="/d/anomalylens-demo" inline>Anomaly Lens demo</TextLink>{' '}
        (data source <code>anomalylens-demo</code>, demo upstream).
      </p>
    </div>
  );
}
