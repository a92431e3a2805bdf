import React from 'react';
import { DataFrame, Field, FieldType, PanelPlugin, PanelProps } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

/** One ranked row, read from frames that carry these fields (by name). */
interface Row {
  metric: string;
  score: number;
  lag: string;
  direction: string;
}

const byName = (frame: DataFrame, name: string): Field | undefined => frame.fields.find((f) => f.name === name);

/** Rows from every frame with `metric` and `score` fields (`lag`, `direction` optional), highest |score| first. */
export function rankedRows(frames: DataFrame[]): Row[] {
  const rows: Row[] = [];
  for (const frame of frames) {
    const metric = byName(frame, 'metric');
    const score = byName(frame, 'score');
    if (!metric || !score || score.type !== FieldType.number) {
      continue;
    }
    const lag = byName(frame, 'lag');
    const direction = byName(frame, 'direction');
    for (let i = 0; i < frame.length; i++) {
      rows.push({
        metric: String(metric.values[i]),
        score: Number(score.values[i]),
        lag: lag ? String(lag.values[i]) : '',
        direction: direction ? String(direction.values[i]) : '',
      });
    }
  }
  return rows.filter((r) => Number.isFinite(r.score)).sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
}

function CorrelationsPanel({ data, width, height }: PanelProps<{}>) {
  const theme = useTheme2();
  const rows = rankedRows(data.series);
  if (rows.length === 0) {
    return (
      <div style={{ width, height, padding: theme.spacing(1), color: theme.colors.text.secondary }}>
        No ranking in this result. The ranking of correlated metrics comes from the Anomaly Lens data source&apos;s
        correlation query, which a later release adds; this panel draws frames with <code>metric</code> and{' '}
        <code>score</code> fields (and optional <code>lag</code>, <code>direction</code>).
      </div>
    );
  }
  return (
    <div style={{ width, height, overflow: 'auto' }}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ color: theme.colors.text.secondary, textAlign: 'left' }}>
            <th>Metric</th>
            <th>Score</th>
            <th>Lag</th>
            <th>Direction</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} style={{ borderTop: `1px solid ${theme.colors.border.weak}` }}>
              <td>{r.metric}</td>
              <td>{r.score.toFixed(3)}</td>
              <td>{r.lag}</td>
              <td>{r.direction}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const plugin = new PanelPlugin<{}>(CorrelationsPanel);
