/**
 * The firings of a backtest as a table: start, duration, side, peak vs expected, σ, the series (when there are
 * several) and, when incidents are known, the incident each counts for ("false alarm" for none). Shared by the editor's preview and
 * the app's Backtest view; shows the first `limit` and says how many more there are.
 */
import React from 'react';
import { formatDuration } from '../../shared/parseDuration';
import type { BacktestWindow } from './readBacktest';
import { formatNumber, formatSigma, formatTime } from './formatBacktest';

/** Times and values keep to one line with some air, so they stay readable in a narrow editor. */
const CELL: React.CSSProperties = { padding: '2px 8px', whiteSpace: 'nowrap', textAlign: 'left' };
/** Names (series, incident) may be long: they wrap rather than push the table past its container. */
const NAME_CELL: React.CSSProperties = { padding: '2px 8px', textAlign: 'left', overflowWrap: 'anywhere' };

interface Props {
  windows: BacktestWindow[];
  /** Whether incidents were known: then a firing that counts for none is a false alarm. */
  incidentsKnown: boolean;
  /** Test id of each row. */
  rowTestId: string;
  limit?: number;
  /** Accessible name of the table. */
  label?: string;
}

export function BacktestWindowsTable({ windows, incidentsKnown, rowTestId, limit = 20, label }: Props) {
  if (windows.length === 0) {
    return null;
  }
  // One series (the usual alert query): its name is the query's, so the column would only repeat it.
  const manySeries = new Set(windows.map((w) => w.series)).size > 1;
  return (
    <>
      <div style={{ maxWidth: '100%' }}>
        <table aria-label={label}>
          <thead>
            <tr>
              <th style={CELL}>Start</th>
              <th style={CELL}>Duration</th>
              <th style={CELL}>Side</th>
              <th style={CELL}>Peak vs expected</th>
              <th style={CELL}>σ</th>
              {manySeries && <th style={CELL}>Series</th>}
              {incidentsKnown && <th style={CELL}>Incident</th>}
            </tr>
          </thead>
          <tbody>
            {windows.slice(0, limit).map((w, i) => (
              <tr key={i} data-testid={rowTestId} title={w.text}>
                <td style={CELL}>{formatTime(w.fromMs)}</td>
                <td style={CELL}>{formatDuration(Math.max(0, w.toMs - w.fromMs))}</td>
                <td style={CELL}>{w.score < 0 ? 'below' : 'above'}</td>
                <td style={CELL}>
                  {formatNumber(w.value)} vs {formatNumber(w.expected)}
                </td>
                <td style={CELL}>{formatSigma(w.score)}</td>
                {manySeries && <td style={NAME_CELL}>{w.series}</td>}
                {incidentsKnown && <td style={NAME_CELL}>{w.incident || 'false alarm'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {windows.length > limit && (
        <p>
          First {limit} of {windows.length} shown.
        </p>
      )}
    </>
  );
}
