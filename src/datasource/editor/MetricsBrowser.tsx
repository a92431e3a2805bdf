/**
 * The metrics browser beside the expression, as in Grafana's Prometheus editor: pick a metric, then values of
 * its labels, and the selector it builds (`metric{label="value"}`, several values as `=~"a|b"`) is shown and can
 * be used as the query. Names and values come from the same cached look-ups completion uses.
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Button, InlineField, MultiSelect, Select, useStyles2 } from '@grafana/ui';
import type { MetricItem, UpstreamLookups } from '../completion/upstreamLookups';
import { metricSelector } from '../metricSelector';
import { querySelectors as sel } from '../components/selectors';

export interface MetricsBrowserProps {
  lookups: UpstreamLookups;
  /** Called with the built selector when "Use query" is pressed. */
  onUseQuery: (expr: string) => void;
  labelWidth: number;
}

interface Loaded<T> {
  value?: T;
  error?: string;
}

const messageOf = (e: unknown) =>
  (e as { data?: { error?: string } })?.data?.error ?? (e as Error)?.message ?? 'request failed';

export function MetricsBrowser({ lookups, onUseQuery, labelWidth }: MetricsBrowserProps) {
  const styles = useStyles2(getStyles);
  const [metrics, setMetrics] = useState<Loaded<MetricItem[]>>({});
  const [metric, setMetric] = useState<string | undefined>();
  const [labels, setLabels] = useState<Loaded<string[]>>({});
  const [values, setValues] = useState<Record<string, Loaded<string[]>>>({});
  const [chosen, setChosen] = useState<Record<string, string[]>>({});

  useEffect(() => {
    let live = true;
    lookups.metrics().then(
      (value) => live && setMetrics({ value }),
      (e) => live && setMetrics({ error: messageOf(e) })
    );
    return () => {
      live = false;
    };
  }, [lookups]);

  const pickMetric = (m: string) => {
    setMetric(m);
    setChosen({});
    setValues({});
    setLabels({});
    lookups.labelNames(m).then(
      (names) => setLabels({ value: names.filter((n) => n !== '__name__') }),
      (e) => setLabels({ error: messageOf(e) })
    );
  };

  const loadValues = (label: string) => {
    if (!metric || values[label]?.value) {
      return;
    }
    lookups.labelValues(label, metric).then(
      (value) => setValues((v) => ({ ...v, [label]: { value } })),
      (e) => setValues((v) => ({ ...v, [label]: { error: messageOf(e) } }))
    );
  };

  const selector = metric ? metricSelector(metric, chosen) : '';

  return (
    <div className={styles.box} aria-label={sel.metricsBrowser} role="group">
      <InlineField label="Metric" labelWidth={labelWidth} invalid={Boolean(metrics.error)} error={metrics.error}>
        <Select
          aria-label={sel.browserMetric}
          width={40}
          isLoading={!metrics.value && !metrics.error}
          options={(metrics.value ?? []).map((m) => ({ value: m.name, label: m.name, description: m.help }))}
          value={metric ?? null}
          placeholder="Choose a metric"
          onChange={(v: SelectableValue<string>) => v.value && pickMetric(v.value)}
        />
      </InlineField>
      {labels.error && <div className={styles.error}>{labels.error}</div>}
      {(labels.value ?? []).map((label) => (
        <InlineField
          key={label}
          label={label}
          labelWidth={labelWidth}
          invalid={Boolean(values[label]?.error)}
          error={values[label]?.error}
        >
          <MultiSelect<string>
            aria-label={sel.browserLabel(label)}
            width={40}
            isLoading={values[label] !== undefined && !values[label].value && !values[label].error}
            options={(values[label]?.value ?? []).map((v) => ({ value: v, label: v }))}
            value={chosen[label] ?? []}
            placeholder="Any value"
            onOpenMenu={() => loadValues(label)}
            onChange={(vs: Array<SelectableValue<string>>) =>
              setChosen((c) => ({ ...c, [label]: vs.map((v) => v.value!).filter(Boolean) }))
            }
          />
        </InlineField>
      ))}
      {metric && (
        <div className={styles.result}>
          <code className={styles.selector} data-testid={sel.browserSelector}>
            {selector}
          </code>
          <Button size="sm" onClick={() => onUseQuery(selector)}>
            {sel.useQuery}
          </Button>
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1),
    margin: theme.spacing(0.5, 0, 1),
    maxWidth: '100%',
    minWidth: 0,
  }),
  result: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
    minWidth: 0,
  }),
  selector: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    overflowWrap: 'anywhere',
    minWidth: 0,
    flex: '1 1 240px',
  }),
  error: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});
