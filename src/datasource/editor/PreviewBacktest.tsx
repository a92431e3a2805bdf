/**
 * "Backtest" in the query editor: runs the query as a `backtest` query (docs/backtest.md) over the last 24 hours,
 * 7 days or 30 days and shows how often an alert on it would have fired, with each firing's start, duration, side,
 * peak vs expected and σ, and — when incidents are tagged — precision, recall and the median detection delay;
 * above the table a sparkline of the (first) series with its band and the firings shaded.
 * The rule is the query's `backtest.rule` (default: any flag, every minute); the step is `minStepMs`, or one
 * minute when unset (a rule's query should set it, docs/alerting.md).
 */
import React, { useState } from 'react';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Button } from '@grafana/ui';
import type { LensQuery } from '../../shared/queryModel';
import type { BacktestResult, BacktestWindow } from '../backtest/readBacktest';
import type { BandSeries } from '../backtest/readBandSeries';
import { BacktestWindowsTable } from '../backtest/BacktestWindowsTable';
import { formatDelay, formatNumber, formatPercent } from '../backtest/formatBacktest';
import { querySelectors as sel } from '../components/selectors';
import { BandSparkline } from './BandSparkline';

const HOUR = 3_600_000;
export const PREVIEW_SPANS = [
  { label: 'Last 24 h', value: 24 * HOUR },
  { label: 'Last 7 d', value: 7 * 24 * HOUR },
  { label: 'Last 30 d', value: 30 * 24 * HOUR },
] as const;

interface Props {
  query: LensQuery;
  onChange: (q: LensQuery) => void;
  /** The backtest over [nowMs − spanMs, nowMs]. */
  backtest: (query: LensQuery, spanMs: number, nowMs: number) => Promise<BacktestResult>;
  /** The series with its band over the same range, for the sparkline; without it no sparkline is drawn. */
  bandSeries?: (query: LensQuery, spanMs: number, nowMs: number) => Promise<BandSeries[]>;
}

interface Shown {
  loading?: boolean;
  result?: BacktestResult;
  error?: string;
  spanMs?: number;
  nowMs?: number;
  series?: BandSeries;
  seriesCount?: number;
  /** Why the sparkline is missing when the backtest itself answered. */
  seriesError?: string;
}

/**
 * The firings drawn on the sparkline: the first variant's on the drawn series (by the name both answers carry);
 * when the query has a single series, all of that variant's.
 */
export function firingsOnSeries(result: BacktestResult, series: BandSeries, seriesCount: number): BacktestWindow[] {
  const variant = result.summary[0]?.variant;
  const ofVariant = result.windows.filter((w) => variant === undefined || w.variant === variant);
  return seriesCount === 1 ? ofVariant : ofVariant.filter((w) => w.series === series.name);
}

export function PreviewBacktest({ query, onChange, backtest, bandSeries }: Props) {
  const [spanMs, setSpanMs] = useState<number>(PREVIEW_SPANS[1].value);
  const [state, setState] = useState<Shown>({});
  const tags = query.backtest?.incidentTags ?? [];

  const run = async () => {
    setState({ loading: true });
    const nowMs = Date.now();
    // The sparkline's query runs beside the backtest; its failure only costs the picture.
    const drawn = bandSeries?.(query, spanMs, nowMs).then(
      (all): { all: BandSeries[]; error?: string } => ({ all }),
      (e: Error) => ({ all: [] as BandSeries[], error: e.message })
    );
    try {
      const result = await backtest(query, spanMs, nowMs);
      const band = await drawn;
      setState({
        result,
        spanMs,
        nowMs,
        series: band?.all[0],
        seriesCount: band?.all.length,
        seriesError: band && !band.all[0] ? (band.error ?? 'the query returned no series') : undefined,
      });
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };

  const span = PREVIEW_SPANS.find((s) => s.value === state.spanMs)?.label.toLowerCase() ?? '';
  const row = state.result?.summary[0];
  return (
    <div data-testid={sel.previewBox}>
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
                {formatNumber(row.firedPerDay)} per day).
                {row.incidents > 0 &&
                  ` It caught ${row.caught} of ${row.incidents} tagged incident${row.incidents === 1 ? '' : 's'}: ` +
                    `precision ${formatPercent(row.precision)}, recall ${formatPercent(row.recall)}, median delay ` +
                    `${formatDelay(row.medianDelaySeconds)}.`}
              </p>
              {state.series && (
                <BandSparkline
                  series={state.series}
                  windows={firingsOnSeries(state.result!, state.series, state.seriesCount ?? 1)}
                  fromMs={state.nowMs! - state.spanMs!}
                  toMs={state.nowMs!}
                  rangeText={span}
                  testId={sel.previewSparkline}
                />
              )}
              {state.seriesError && <p>No sparkline: {state.seriesError}.</p>}
              <BacktestWindowsTable
                windows={state.result!.windows}
                incidentsKnown={row.incidents > 0}
                rowTestId={sel.previewWindow}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
