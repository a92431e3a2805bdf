/**
 * The Options row under the expression, laid out as in Grafana's Prometheus editor: collapsed, it shows a summary
 * of its settings (Legend, Min step, Format, Type); opened, the fields. Format and Type are shown fixed: the data
 * source answers range queries with time-series frames (the analysis needs every point of the range), so there is
 * nothing to switch, and saying so beats a control that does nothing.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Collapse, InlineField, InlineFieldRow, Input, RadioButtonGroup, Select, useStyles2 } from '@grafana/ui';
import type { LensQuery } from '../../shared/queryModel';
import { querySelectors as sel } from '../components/selectors';
import { LegendMode, legendFormatFor, legendMode } from './legendMode';
import { minStepText, parseMinStep } from './minStepText';
import { QUERY_FORMAT, QUERY_RANGE_TYPE, queryOptionsSummary } from './queryOptionsSummary';

export interface QueryOptionsRowProps {
  query: LensQuery;
  onChange: (q: LensQuery) => void;
  onRunQuery: () => void;
  labelWidth: number;
}

const LEGEND_OPTIONS: Array<SelectableValue<LegendMode>> = [
  { value: 'auto', label: 'Auto', description: 'The labels that name the series, without the metric name' },
  { value: 'verbose', label: 'Verbose', description: 'The full metric{labels} name' },
  { value: 'custom', label: 'Custom', description: 'A template: {{label}} is replaced by the label’s value' },
];

export function QueryOptionsRow({ query, onChange, onRunQuery, labelWidth }: QueryOptionsRowProps) {
  const styles = useStyles2(getStyles);
  const [open, setOpen] = useState(false);
  // Chosen here, because an empty custom template saves as verbose until something is typed.
  const [chosenMode, setChosenMode] = useState<LegendMode | undefined>();
  const mode = chosenMode ?? legendMode(query.legendFormat);
  // The field shows what was typed while the query still holds what it typed (an invalid text keeps the last
  // valid value); otherwise the stored milliseconds as a duration (see minStepText.ts).
  const [typed, setTyped] = useState<{ text: string; minStepMs: number | undefined; error?: string }>();
  const current = typed && typed.minStepMs === query.minStepMs ? typed : undefined;
  const stepText = current?.text ?? minStepText(query.minStepMs);
  const stepError = current?.error;

  const summary = queryOptionsSummary(query);
  const label = (
    <span className={styles.header}>
      <span>Options</span>
      <span className={styles.summary} data-testid={sel.optionsSummary}>
        {summary.map((s) => (
          <span key={s}>{s}</span>
        ))}
      </span>
    </span>
  );

  return (
    <div data-testid={sel.optionsRow} className={styles.row}>
      <Collapse label={label} isOpen={open} onToggle={() => setOpen(!open)}>
        <InlineFieldRow>
          <InlineField label={sel.legend} labelWidth={labelWidth} tooltip="How each series is named in the legend">
            <Select<LegendMode>
              aria-label={sel.legend}
              width={16}
              options={LEGEND_OPTIONS}
              value={mode}
              onChange={(v) => {
                const next = v.value ?? 'verbose';
                setChosenMode(next);
                onChange({ ...query, legendFormat: legendFormatFor(next, query.legendFormat) });
                onRunQuery();
              }}
            />
          </InlineField>
          {mode === 'custom' && (
            <InlineField
              label={sel.legendFormat}
              labelWidth={labelWidth}
              tooltip="{{label}} is replaced by the label’s value"
            >
              <Input
                aria-label={sel.legendFormat}
                width={28}
                value={query.legendFormat ?? ''}
                placeholder="e.g. {{service}}"
                // An emptied template stays custom until another mode is chosen.
                onChange={(e) => onChange({ ...query, legendFormat: e.currentTarget.value })}
                onBlur={onRunQuery}
              />
            </InlineField>
          )}
          <InlineField
            shrink
            label={sel.minStep}
            labelWidth={labelWidth}
            tooltip="Lower bound of the step between points, e.g. 15s or 1m (a bare number is seconds)"
            invalid={Boolean(stepError)}
            error={stepError}
          >
            <Input
              aria-label={sel.minStep}
              width={12}
              value={stepText}
              placeholder="auto"
              onChange={(e) => {
                const text = e.currentTarget.value;
                const parsed = parseMinStep(text);
                if (parsed.ok) {
                  setTyped({ text, minStepMs: parsed.minStepMs });
                  onChange({ ...query, minStepMs: parsed.minStepMs });
                } else {
                  setTyped({ text, minStepMs: query.minStepMs, error: parsed.error });
                }
              }}
              onBlur={onRunQuery}
            />
          </InlineField>
        </InlineFieldRow>
        <InlineFieldRow>
          <FixedChoice
            label={sel.format}
            labelWidth={labelWidth}
            tooltip="The data source returns time-series frames: the series and the analysis fields over time"
            value={QUERY_FORMAT}
          />
          <FixedChoice
            label={sel.type}
            labelWidth={labelWidth}
            tooltip="Range queries only: bands, flags and forecasts need the points of the whole range"
            value={QUERY_RANGE_TYPE}
          />
        </InlineFieldRow>
      </Collapse>
    </div>
  );
}

/** A setting with one possible value, shown as a disabled one-button group so it reads as fixed, not missing. */
function FixedChoice({
  label,
  labelWidth,
  tooltip,
  value,
}: {
  label: string;
  labelWidth: number;
  tooltip: string;
  value: string;
}) {
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip}>
      <RadioButtonGroup options={[{ value, label: value }]} value={value} disabledOptions={[value]} />
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ marginTop: theme.spacing(0.5), maxWidth: '100%' }),
  header: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: theme.spacing(2), minWidth: 0 }),
  summary: css({
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
  }),
});
