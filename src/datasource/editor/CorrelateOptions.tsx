/**
 * The options of a `correlations` query: the target series, the anomaly window (empty = the dashboard's range;
 * dashboard variables such as `$anomaly_from` work, so clicking an anomaly can set it), and how candidates are
 * compared. The candidates are the query's own expression.
 */
import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';
import {
  CORRELATION_FAMILIES,
  CORRELATION_METHODS,
  CORRELATION_PREPROCESS,
  CORRELATION_RANKS,
  CorrelateOptions as Options,
  LensQuery,
} from '../../shared/queryModel';
import { QUERY_DEFAULTS } from '../../shared/validateQuery';
import { UpstreamLookups } from '../completion/upstreamLookups';
import { ExprEditor } from '../components/ExprEditor';
import { errorFor, FieldError } from './fieldErrors';
import { FIELD_HELP } from './optionHelp';
import { ChoiceOption, NumberOption, OPTION_LABEL_WIDTH, TextOption } from './OptionFields';

interface Props {
  query: LensQuery;
  onChange: (q: LensQuery) => void;
  onRunQuery: () => void;
  language: 'promql' | 'influxql';
  lookups: UpstreamLookups;
  /** Every invalid option, each shown at its control. */
  errors?: readonly FieldError[];
  variables?: readonly string[];
}

const timeText = (v: number | string | undefined) => (v === undefined ? undefined : String(v));

export function CorrelateOptions({ query: q, onChange, onRunQuery, language, lookups, errors, variables }: Props) {
  const c: Options = q.correlate ?? {};
  const set = (patch: Partial<Options>) => onChange({ ...q, correlate: { ...c, ...patch } });
  const errorOf = (field: string) => errorFor(errors, field);
  const common = { onRunQuery };
  const setWindow = (from: string | undefined, to: string | undefined) => {
    if (from === undefined && to === undefined) {
      const { window: _drop, ...rest } = c;
      onChange({ ...q, correlate: rest });
      return;
    }
    set({ window: { from: from ?? '', to: to ?? '' } });
  };

  return (
    <div>
      <InlineField
        shrink
        label="Target"
        labelWidth={OPTION_LABEL_WIDTH}
        grow
        tooltip={FIELD_HELP.target}
        invalid={Boolean(errorOf('correlate.target'))}
        error={errorOf('correlate.target')}
      >
        <ExprEditor
          label="Target"
          language={language}
          lookups={lookups}
          variables={variables}
          value={c.target ?? ''}
          placeholder={'the anomalous series, e.g. demo_http_latency_seconds{service="checkout"}'}
          onChange={(target) => set({ target })}
          onRunQuery={onRunQuery}
        />
      </InlineField>
      <InlineFieldRow>
        <TextOption
          {...common}
          label="Window from"
          help={FIELD_HELP.windowFrom}
          error={errorOf('correlate.window')}
          width={24}
          value={timeText(c.window?.from) || undefined}
          placeholder="range start"
          onChange={(from) => setWindow(from, timeText(c.window?.to) || undefined)}
        />
        <TextOption
          {...common}
          label="Window to"
          help={FIELD_HELP.windowTo}
          width={24}
          value={timeText(c.window?.to) || undefined}
          placeholder="range end"
          onChange={(to) => setWindow(timeText(c.window?.from) || undefined, to)}
        />
        <TextOption
          {...common}
          label="Context"
          help={FIELD_HELP.context}
          error={errorOf('correlate.context')}
          value={c.context}
          placeholder={QUERY_DEFAULTS.correlateContext}
          onChange={(context) => set({ context })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <ChoiceOption
          {...common}
          label="Rank by"
          help={FIELD_HELP.correlationRank}
          error={errorOf('correlate.rank')}
          value={c.rank}
          options={CORRELATION_RANKS}
          defaultValue={QUERY_DEFAULTS.correlateRank}
          onChange={(rank) => set({ rank })}
        />
        <ChoiceOption
          {...common}
          label="Target's family"
          help={FIELD_HELP.correlationFamily}
          error={errorOf('correlate.family')}
          value={c.family}
          options={CORRELATION_FAMILIES}
          defaultValue={QUERY_DEFAULTS.correlateFamily}
          onChange={(family) => set({ family })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <ChoiceOption
          {...common}
          label="Method"
          help={FIELD_HELP.correlationMethod}
          error={errorOf('correlate.method')}
          value={c.method}
          options={CORRELATION_METHODS}
          defaultValue={QUERY_DEFAULTS.correlateMethod}
          onChange={(method) => set({ method })}
        />
        <ChoiceOption
          {...common}
          label="Preprocess"
          help={FIELD_HELP.preprocess}
          error={errorOf('correlate.preprocess')}
          value={c.preprocess}
          options={CORRELATION_PREPROCESS}
          defaultValue={QUERY_DEFAULTS.correlatePreprocess}
          onChange={(preprocess) => set({ preprocess })}
        />
        <TextOption
          {...common}
          label="Max lag"
          help={FIELD_HELP.maxLag}
          error={errorOf('correlate.maxLag')}
          value={c.maxLag}
          placeholder={QUERY_DEFAULTS.correlateMaxLag}
          onChange={(maxLag) => set({ maxLag })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberOption
          {...common}
          label="Rows"
          help={FIELD_HELP.limit}
          error={errorOf('correlate.limit')}
          value={c.limit}
          placeholder={String(QUERY_DEFAULTS.correlateLimit)}
          onChange={(limit) => set({ limit })}
        />
        <NumberOption
          {...common}
          label="Overlays"
          help={FIELD_HELP.overlays}
          error={errorOf('correlate.overlays')}
          value={c.overlays}
          placeholder={String(QUERY_DEFAULTS.correlateOverlays)}
          onChange={(overlays) => set({ overlays })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextOption
          {...common}
          label="Service graph"
          help={FIELD_HELP.serviceGraph}
          error={errorOf('correlate.serviceGraph')}
          width={48}
          value={c.serviceGraph}
          placeholder={QUERY_DEFAULTS.correlateServiceGraph}
          onChange={(serviceGraph) => set({ serviceGraph })}
        />
        <TextOption
          {...common}
          label="Service label"
          help={FIELD_HELP.serviceLabel}
          error={errorOf('correlate.serviceLabel')}
          value={c.serviceLabel}
          placeholder={QUERY_DEFAULTS.correlateServiceLabel}
          onChange={(serviceLabel) => set({ serviceLabel })}
        />
      </InlineFieldRow>
    </div>
  );
}
