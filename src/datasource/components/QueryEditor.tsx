import React, { useEffect, useMemo, useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Button, InlineField, InlineFieldRow, RadioButtonGroup, Select } from '@grafana/ui';
import { getTemplateSrv } from '@grafana/runtime';
import { DataSource } from '../datasource';
import { ConnectionOptions } from '../connectionOptions';
import { isFromNewerBuild, migrateQuery } from '../../shared/migrateQuery';
import { seriesSelector } from '../seriesSelector';
import { LensQuery } from '../../shared/queryModel';
import { DEFAULT_QUERY_TYPE, LENS_QUERY_TYPES, LensQueryType } from '../../shared/queryTypes';
import { listValidationErrors, valueAt } from '../../shared/listValidationErrors';
import { AnalysisOptions } from '../editor/AnalysisOptions';
import { errorsWithoutControl, FieldError } from '../editor/fieldErrors';
import { CorrelateOptions } from '../editor/CorrelateOptions';
import { QUERY_TYPE_HELP } from '../editor/optionHelp';
import { PreviewBacktest } from '../editor/PreviewBacktest';
import { ExportRules } from '../editor/ExportRules';
import { QueryOptionsRow } from '../editor/QueryOptionsRow';
import { MetricsBrowser } from '../editor/MetricsBrowser';
import { upstreamUi } from '../upstreams/upstreamUis';
import { ExprEditor } from './ExprEditor';
import type { MetricItem } from '../completion/upstreamLookups';
import { querySelectors as sel } from './selectors';

type Props = QueryEditorProps<DataSource, LensQuery, ConnectionOptions>;

const LABEL_WIDTH = 18;

const QUERY_TYPE_LABELS: Record<LensQueryType, string> = {
  analysis: 'Analysis',
  correlations: 'Correlations',
  anomalyWindows: 'Anomaly windows',
  backtest: 'Backtest',
};

/** The metric name at the start of a selector (`demo_x{…}` → `demo_x`), or undefined. */
const metricOf = (expr: string | undefined) => /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(expr ?? '')?.[1];

/** Loads a resource list once per key; errors become a message instead of an empty list that looks valid. */
function useResource<T>(load: (() => Promise<T>) | undefined, key: string) {
  const [state, setState] = useState<{ key: string; value?: T; error?: string }>({ key: '' });
  useEffect(() => {
    if (!load) {
      return;
    }
    let live = true;
    load().then(
      (value) => live && setState({ key, value }),
      (e) => live && setState({ key, error: e?.data?.error ?? e?.message ?? 'request failed' })
    );
    return () => {
      live = false;
    };
    // `load` is rebuilt every render; `key` says when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state : { key };
}

/** Names of the dashboard's variables, for completion after `$` (none outside a dashboard). */
function dashboardVariableNames(): string[] {
  try {
    return getTemplateSrv()
      .getVariables()
      .map((v) => v.name);
  } catch {
    return [];
  }
}

/** A dashboard variable reference: `$name`, `${name}`, `${name:format}` or `[[name]]`. */
const VARIABLE = /\$\w|\$\{[^}]+\}|\[\[[^\]]+\]\]/;

/**
 * The options to mark invalid, every one at once, judged on the query as the backend receives it (dashboard
 * variables replaced). Not marked: an option that still holds a variable after replacement (one set later, e.g.
 * `$anomaly_from` by a click, or no dashboard around the editor: the backend judges the value it gets) and a
 * correlations target not typed yet (a new query is not an error; the placeholder says what to type).
 */
function editorErrors(q: LensQuery, interpolate: (q: LensQuery) => LensQuery): FieldError[] {
  let resolved = q;
  try {
    resolved = interpolate(q);
  } catch {
    // Outside a dashboard there may be no template service; variables then stay as typed and are not judged.
  }
  return listValidationErrors(resolved)
    .filter((e) => {
      const value = valueAt(resolved, e.field);
      if (value !== undefined && VARIABLE.test(JSON.stringify(value))) {
        return false;
      }
      return !(e.field === 'correlate.target' && (value === undefined || String(value).trim() === ''));
    })
    .map((e) => ({ field: e.field, message: e.message }));
}

/**
 * Query editor: the query type; the upstream query with completion from the upstream (PromQL/demo names and
 * labels, InfluxQL measurements, fields and tags); for the demo upstream also a metric and series picker; the
 * analysis options with defaults and one-line help; and a backtest: would an alert on it have fired (PreviewBacktest).
 */
export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const ui = upstreamUi(datasource.upstream);
  const { language, metricPicker } = ui;
  const newer = isFromNewerBuild(query);
  const q = useMemo(() => (newer ? query : migrateQuery(query)), [query, newer]);
  const [validation, setValidation] = useState<string | undefined>();
  const [browserOpen, setBrowserOpen] = useState(false);
  const queryType = (LENS_QUERY_TYPES as readonly string[]).includes(q.queryType ?? '')
    ? (q.queryType as LensQueryType)
    : DEFAULT_QUERY_TYPE;
  const optionErrors = useMemo(() => editorErrors(q, (x) => datasource.applyTemplateVariables(x, {})), [q, datasource]);
  const unplaced = errorsWithoutControl(optionErrors);
  const variables = useMemo(() => dashboardVariableNames(), []);

  // Saved queries from older versions are rewritten once, so what is saved next is the current shape.
  useEffect(() => {
    if (!newer && q !== query && q.schemaVersion !== query.schemaVersion) {
      onChange(q);
    }
  }, [q, query, newer, onChange]);

  const metric = metricOf(q.expr);
  // The same cached look-up completion uses, so the picker and completion share one request.
  const metrics = useResource(
    metricPicker ? () => datasource.lookups.metrics() : undefined,
    metricPicker ? 'metrics' : ''
  );
  // Series are looked up only for a metric the upstream has, not for every prefix typed on the way to one.
  const known = Boolean(metric && metrics.value?.some((m) => m.name === metric));
  const series = useResource(
    metricPicker && known ? () => datasource.listSeries(metric!) : undefined,
    metricPicker && known ? `series:${metric}` : ''
  );

  const metricOptions: Array<SelectableValue<string>> = (metrics.value ?? []).map((m: MetricItem) => ({
    value: m.name,
    label: m.name,
    description: m.help,
  }));
  const seriesOptions: Array<SelectableValue<string>> = metric
    ? [
        { value: metric, label: 'All series' },
        ...(series.value?.series ?? []).map((labels) => {
          const s = seriesSelector(metric, labels);
          return { value: s, label: s.slice(metric.length) || metric };
        }),
      ]
    : [];

  const setExpr = (expr: string, run: boolean) => {
    onChange({ ...q, expr });
    setValidation(undefined);
    if (run) {
      onRunQuery();
    }
  };

  const validateAndRun = async () => {
    onRunQuery();
    const expr = q.expr?.trim();
    if (!expr || !ui.validatesExpr) {
      return;
    }
    try {
      const r = await datasource.validateExpr(expr);
      setValidation(r.ok ? undefined : (r.error ?? 'invalid expression'));
    } catch {
      // The validate endpoint is a convenience; the query response carries the authoritative error.
      setValidation(undefined);
    }
  };

  const exprLabel = queryType === 'correlations' ? 'Candidates' : sel.expr;
  const exprHelp =
    queryType === 'correlations' ? 'The series to rank against the target, e.g. every service latency' : ui.exprHelp;

  return (
    <div>
      {newer && (
        <p data-testid={sel.newerVersion}>
          This query was saved by a newer version of Anomaly Lens (query version {q.schemaVersion}). Editing it here may
          drop settings this version does not know.
        </p>
      )}
      <InlineFieldRow>
        <InlineField label={sel.queryType} labelWidth={LABEL_WIDTH} tooltip={QUERY_TYPE_HELP[queryType]}>
          <RadioButtonGroup<LensQueryType>
            size="sm"
            options={LENS_QUERY_TYPES.map((t) => ({
              value: t,
              label: QUERY_TYPE_LABELS[t],
              description: QUERY_TYPE_HELP[t],
            }))}
            value={queryType}
            onChange={(t) => {
              onChange({ ...q, queryType: t === DEFAULT_QUERY_TYPE ? undefined : t });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {metricPicker && (
        <InlineFieldRow>
          <InlineField
            shrink
            label={sel.metric}
            labelWidth={LABEL_WIDTH}
            invalid={Boolean(metrics.error)}
            error={metrics.error}
          >
            <Select
              aria-label={sel.metric}
              width={36}
              isLoading={!metrics.value && !metrics.error}
              options={metricOptions}
              value={metric ?? null}
              onChange={(v: SelectableValue<string>) => v.value && setExpr(v.value, true)}
            />
          </InlineField>
          <InlineField
            shrink
            label={sel.series}
            labelWidth={LABEL_WIDTH}
            invalid={Boolean(series.error)}
            error={series.error}
          >
            <Select
              aria-label={sel.series}
              width={48}
              disabled={!metric}
              isLoading={known && !series.value && !series.error}
              options={seriesOptions}
              value={seriesOptions.find((o) => o.value === q.expr?.trim()) ?? null}
              placeholder={metric ? 'Choose a series or edit the expression' : 'Choose a metric first'}
              onChange={(v: SelectableValue<string>) => v.value && setExpr(v.value, true)}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      <div data-testid={sel.exprSection}>
        {ui.metricsBrowser && (
          <>
            <Button
              variant="secondary"
              size="sm"
              fill="text"
              icon={browserOpen ? 'angle-down' : 'angle-right'}
              aria-expanded={browserOpen}
              onClick={() => setBrowserOpen(!browserOpen)}
            >
              {sel.metricsBrowser}
            </Button>
            {browserOpen && (
              <MetricsBrowser
                lookups={datasource.lookups}
                labelWidth={LABEL_WIDTH}
                onUseQuery={(expr) => {
                  setBrowserOpen(false);
                  setExpr(expr, true);
                }}
              />
            )}
          </>
        )}
        <InlineField
          shrink
          label={exprLabel}
          labelWidth={LABEL_WIDTH}
          grow
          invalid={Boolean(validation)}
          error={validation}
          tooltip={exprHelp}
        >
          <ExprEditor
            label={sel.expr}
            language={language}
            lookups={datasource.lookups}
            variables={variables}
            value={q.expr ?? ''}
            placeholder={ui.exprPlaceholder}
            onChange={(expr) => setExpr(expr, false)}
            onRunQuery={validateAndRun}
          />
        </InlineField>
        <QueryOptionsRow query={q} onChange={onChange} onRunQuery={onRunQuery} labelWidth={LABEL_WIDTH} />
      </div>
      {queryType === 'correlations' ? (
        <CorrelateOptions
          query={q}
          onChange={onChange}
          onRunQuery={onRunQuery}
          language={language}
          lookups={datasource.lookups}
          variables={variables}
          errors={optionErrors}
        />
      ) : (
        <AnalysisOptions
          query={q}
          onChange={onChange}
          onRunQuery={onRunQuery}
          errors={optionErrors}
          bandOnly={queryType === 'anomalyWindows' || queryType === 'backtest'}
        />
      )}
      {unplaced.length > 0 && (
        <div data-testid={sel.optionError} role="alert">
          {unplaced.map((e) => (
            <p key={e.field}>{e.message}</p>
          ))}
        </div>
      )}
      {queryType !== 'correlations' && (
        <PreviewBacktest
          query={q}
          onChange={onChange}
          backtest={(pq, spanMs, nowMs) => datasource.previewBacktest(pq, spanMs, nowMs)}
          bandSeries={(pq, spanMs, nowMs) => datasource.previewBandSeries(pq, spanMs, nowMs)}
        />
      )}
      {queryType === 'analysis' && ui.exportRules && (
        <ExportRules query={q} exportRules={(eq) => datasource.exportRecordingRules(eq)} />
      )}
    </div>
  );
}
