/**
 * "Backtest" in the query editor: runs the query as a `backtest` query (docs/backtest.md) over the last 24 hours,
 * 7 days or 30 days and shows how often an alert on it would have fired, with each firing's start, duration, side,
 * peak vs expected and σ, and — when incidents are tagged — precision, recall and the median detection delay.
 * The rule is the query's `backtest.rule` (default: any flag, every minute); the step is `minStepMs`, or one
 * minute when unset (a rule's query should set it, docs/alerting.md).
 */
import React, { useState } from 'react';
import { dateTimeFormat } from '@grafana/data';
import { Button, InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import type { LensQuery } from '../../shared/queryModel';
import { formatDuration } from '../../shared/parseDuration';
import type { BacktestResult } from '../backtest/readBacktest';
import { querySelectors as sel } from '../components/selectors';

const HOUR = 3_600_000;
export const PREVIEW_SPANS = [
  { label: 'Last 24 h', value: 24 * HOUR },
  { label: 'Last 7 d', value: 7 * 24 * HOUR },
  { label: 'Last 30 d', value: 30 * 24 * HOUR },
] as const;

interface Props {
  query: LensQuery;
  onChange: (q: LensQuery) => void;
  backtest: (query: LensQuery, spanMs: number) => Promise<BacktestResult>;
}

const SHOWN = 20;
/** Cells keep to one line with some air, so times and values stay readable in a narrow editor. */
const CELL: React.CSSProperties = { padding: '2px 8px', whiteSpace: 'nowrap', textAlign: 'left' };
const fmt = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });
const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');
const num = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : '–');
const delay = (s: number) =>
  !Number.isFinite(s) ? '–' : s < 0 ? `${formatDuration(-s * 1000)} early` : formatDuration(s * 1000);

export function PreviewBacktest({ query, onChange, backtest }: Props) {
  const [spanMs, setSpanMs] = useState<number>(PREVIEW_SPANS[1].value);
  const [state, setState] = useState<{ loading?: boolean; result?: BacktestResult; error?: string; spanMs?: number }>(
    {}
  );
  const tags = query.backtest?.incidentTags ?? [];

  const run = async () => {
    setState({ loading: true });
    try {
      setState({ result: await backtest(query, spanMs), spanMs });
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };

  const span = PREVIEW_SPANS.find((s) => s.value === state.spanMs)?.label.toLowerCase() ?? '';
  const row = state.result?.summary[0];
  return (
    <div>
      <InlineFieldRow>
        <InlineField label={sel.backtestSpan} labelWidth={18}>
          <RadioButtonGroup<number>
            options={PREVIEW_SPANS.map((s) => ({ label: s.label, value: s.value }))}
            value={spanMs}
            onChange={setSpanMs}
          />
        </InlineField>
        <InlineField
          label={sel.incidentTags}
          tooltip="Annotations with any of these tags are the known incidents the firings are scored against"
        >
          <Input
            width={24}
            placeholder="incident"
            defaultValue={tags.join(', ')}
            onBlur={(e) => {
              const next = e.currentTarget.value
                .split(',')
                .map((t) => t.trim())
                .filter((t) => t !== '');
              onChange({ ...query, backtest: { ...query.backtest, incidentTags: next.length ? next : undefined } });
            }}
          />
        </InlineField>
        <Button
          variant="secondary"
          size="sm"
          icon={state.loading ? 'fa fa-spinner' : 'history'}
          disabled={!query.expr?.trim() || state.loading}
          onClick={run}
          tooltip="Would an alert on this query have fired? Replays it over the chosen range"
        >
          {sel.preview}
        </Button>
      </InlineFieldRow>
      {(state.result || state.error) && (
        <div data-testid={sel.previewResult}>
          {state.error ? (
            <p>Backtest failed: {state.error}</p>
          ) : !row ? (
            <p>The backtest returned nothing.</p>
          ) : (
            <>
              <p>
                Over the {span} an alert on this query would have fired {row.fired} time{row.fired === 1 ? '' : 's'} (
                {num(row.firedPerDay)} per day).
                {row.incidents > 0 &&
                  ` It caught ${row.caught} of ${row.incidents} tagged incident${row.incidents === 1 ? '' : 's'}: ` +
                    `precision ${pct(row.precision)}, recall ${pct(row.recall)}, median delay ` +
                    `${delay(row.medianDelaySeconds)}.`}
              </p>
              {state.result!.windows.length > 0 && (
                <table>
                  <thead>
                    <tr>
                      <th style={CELL}>Start</th>
                      <th style={CELL}>Duration</th>
                      <th style={CELL}>Side</th>
                      <th style={CELL}>Peak vs expected</th>
                      <th style={CELL}>σ</th>
                      <th style={CELL}>Series</th>
                      <th style={CELL}>Incident</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.result!.windows.slice(0, SHOWN).map((w, i) => (
                      <tr key={i} data-testid={sel.previewWindow} title={w.text}>
                        <td style={CELL}>{fmt(w.fromMs)}</td>
                        <td style={CELL}>{formatDuration(Math.max(0, w.toMs - w.fromMs))}</td>
                        <td style={CELL}>{w.score < 0 ? 'below' : 'above'}</td>
                        <td style={CELL}>
                          {num(w.value)} vs {num(w.expected)}
                        </td>
                        <td style={CELL}>
                          {Number.isFinite(w.score)
                            ? `${w.score >= 0 ? '+' : '−'}${Math.abs(w.score).toFixed(1)}`
                            : '–'}
                        </td>
                        <td style={CELL}>{w.series}</td>
                        <td style={CELL}>{w.incident || (row.incidents > 0 ? 'false alarm' : '')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {state.result!.windows.length > SHOWN && (
                <p>
                  First {SHOWN} of {state.result!.windows.length} shown.
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
