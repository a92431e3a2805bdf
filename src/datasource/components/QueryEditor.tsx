import React, { ChangeEvent, useEffect, useMemo, useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, Input, Select } from '@grafana/ui';
import { DataSource } from '../datasource';
import { ConnectionOptions } from '../connectionOptions';
import { isFromNewerBuild, migrateQuery } from '../../shared/migrateQuery';
import { seriesSelector } from '../seriesSelector';
import { LensQuery } from '../../shared/queryModel';
import { MetricInfo } from '../../shared/resources';
import { querySelectors as sel } from './selectors';

type Props = QueryEditorProps<DataSource, LensQuery, ConnectionOptions>;

const LABEL_WIDTH = 14;

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

/**
 * Query editor. For the demo upstream: pick a metric and one of its series (from the backend's resource
 * endpoints) or type a selector. For Prometheus and InfluxDB: the expression field only, since metric and label
 * completion arrive with those upstreams.
 */
export function QueryEditor({ query, onChange, onRunQuery, datasource }: Props) {
  const isDemo = datasource.upstream === 'demo';
  const newer = isFromNewerBuild(query);
  const q = useMemo(() => (newer ? query : migrateQuery(query)), [query, newer]);
  const [validation, setValidation] = useState<string | undefined>();

  // Saved queries from older versions are rewritten once, so what is saved next is the current shape.
  useEffect(() => {
    if (!newer && q !== query && q.schemaVersion !== query.schemaVersion) {
      onChange(q);
    }
  }, [q, query, newer, onChange]);

  const metric = metricOf(q.expr);
  const metrics = useResource(isDemo ? () => datasource.listMetrics() : undefined, isDemo ? 'metrics' : '');
  const series = useResource(
    isDemo && metric ? () => datasource.listSeries(metric) : undefined,
    isDemo && metric ? `series:${metric}` : ''
  );

  const metricOptions: Array<SelectableValue<string>> = (metrics.value?.metrics ?? []).map((m: MetricInfo) => ({
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
    if (!expr) {
      return;
    }
    try {
      const r = await datasource.validateExpr(expr);
      setValidation(r.ok ? undefined : r.error ?? 'invalid expression');
    } catch {
      // The validate endpoint is a convenience; the query response carries the authoritative error.
      setValidation(undefined);
    }
  };

  return (
    <div>
      {newer && (
        <p data-testid={sel.newerVersion}>
          This query was saved by a newer version of Anomaly Lens (query version {q.schemaVersion}). Editing it
          here may drop settings this version does not know.
        </p>
      )}
      {isDemo ? (
        <div style={{ display: 'flex', flexWrap: 'wrap' }}>
          <InlineField
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
          <InlineField label={sel.series} labelWidth={LABEL_WIDTH} invalid={Boolean(series.error)} error={series.error}>
            <Select
              aria-label={sel.series}
              width={48}
              disabled={!metric}
              isLoading={Boolean(metric) && !series.value && !series.error}
              options={seriesOptions}
              value={seriesOptions.find((o) => o.value === q.expr?.trim()) ?? null}
              placeholder={metric ? 'Choose a series or edit the expression' : 'Choose a metric first'}
              onChange={(v: SelectableValue<string>) => v.value && setExpr(v.value, true)}
            />
          </InlineField>
        </div>
      ) : (
        <p data-testid={sel.upstreamNote}>
          Type the {datasource.upstream === 'influxdb' ? 'InfluxQL' : 'PromQL'} query. Metric and label completion
          come with the {datasource.upstream === 'influxdb' ? 'InfluxDB' : 'Prometheus'} upstream support.
        </p>
      )}
      <InlineField
        label={sel.expr}
        labelWidth={LABEL_WIDTH}
        grow
        invalid={Boolean(validation)}
        error={validation}
        tooltip={isDemo ? 'A demo selector: metric{label="value",label=~"regex"}' : undefined}
      >
        <Input
          aria-label={sel.expr}
          value={q.expr ?? ''}
          placeholder={isDemo ? 'demo_http_latency_seconds{service="checkout"}' : ''}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setExpr(e.currentTarget.value, false)}
          onBlur={validateAndRun}
        />
      </InlineField>
      <div style={{ display: 'flex', flexWrap: 'wrap' }}>
        <InlineField label={sel.legend} labelWidth={LABEL_WIDTH} tooltip="Series name; {{label}} is replaced by the label's value">
          <Input
            aria-label={sel.legend}
            width={36}
            value={q.legendFormat ?? ''}
            placeholder="{{service}}"
            onChange={(e: ChangeEvent<HTMLInputElement>) => onChange({ ...q, legendFormat: e.currentTarget.value || undefined })}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField label={sel.minStep} labelWidth={LABEL_WIDTH} tooltip="Lower bound of the step between points">
          <Input
            aria-label={sel.minStep}
            type="number"
            min={0}
            width={16}
            value={q.minStepMs ?? ''}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const v = parseInt(e.currentTarget.value, 10);
              onChange({ ...q, minStepMs: Number.isFinite(v) && v > 0 ? v : undefined });
            }}
            onBlur={onRunQuery}
          />
        </InlineField>
      </div>
    </div>
  );
}
