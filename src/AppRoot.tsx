import React from 'react';
import { AppRootProps } from '@grafana/data';

/** The app's landing page: what the bundle contains and where to start. */
export function AppRoot(_props: AppRootProps) {
  return (
    <div>
      <h2>Anomaly Lens</h2>
      <p>
        Add an <strong>Anomaly Lens</strong> data source that wraps Prometheus, InfluxDB or the built-in demo upstream,
        then use the <strong>STL decomposition</strong> and <strong>Correlated metrics</strong> panels on any dashboard.
      </p>
    </div>
  );
}
