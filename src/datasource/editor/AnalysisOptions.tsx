/**
 * The analysis choices of a query: outputs, band method and its options, and the options of the outputs picked
 * (forecast, threshold, outliers, change). Options of outputs not picked stay hidden; every field shows its default
 * as a placeholder and its one-line help as a tooltip. Values are written only when set, so saved queries stay
 * small and pick up better defaults later.
 */
import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, MultiSelect, RadioButtonGroup, TagsInput } from '@grafana/ui';
import {
  BAND_METHODS,
  DIRECTIONS,
  Direction,
  FORECAST_MODELS,
  LENS_OUTPUTS,
  LensOutput,
  LensQuery,
  OUTLIER_ALGORITHMS,
} from '../../shared/queryModel';
import { QUERY_DEFAULTS } from '../../shared/validateQuery';
import { FIELD_HELP, METHOD_HELP, OUTPUT_HELP } from './optionHelp';
import { ChoiceOption, NumberOption, OPTION_LABEL_WIDTH, TextOption } from './OptionFields';
import { errorFor, FieldError } from './fieldErrors';

interface Props {
  query: LensQuery;
  onChange: (q: LensQuery) => void;
  onRunQuery: () => void;
  /** Every invalid option, each shown at its control. */
  errors?: readonly FieldError[];
  /** Only band options (anomaly-window queries compute band and flags themselves). */
  bandOnly?: boolean;
}

/** Seasonality as typed: `auto`, `none`, or a comma-separated list of durations. */
export function seasonalityText(v: LensQuery['seasonality']): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

export function parseSeasonality(text: string | undefined): LensQuery['seasonality'] {
  if (text === undefined) {
    return undefined;
  }
  const t = text.trim();
  if (t === 'auto' || t === 'none') {
    return t;
  }
  return t
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function AnalysisOptions({ query: q, onChange, onRunQuery, errors, bandOnly }: Props) {
  const outputs = q.outputs ?? QUERY_DEFAULTS.outputs;
  const has = (o: LensOutput) => !bandOnly && outputs.includes(o);
  const errorOf = (field: string) => errorFor(errors, field);
  const common = { onRunQuery };
  const set = (patch: Partial<LensQuery>) => onChange({ ...q, ...patch });

  return (
    <div>
      {!bandOnly && (
        <InlineFieldRow>
          <InlineField
            shrink
            label="Outputs"
            labelWidth={OPTION_LABEL_WIDTH}
            grow
            tooltip="What the query returns per series"
            invalid={Boolean(errorOf('outputs'))}
            error={errorOf('outputs')}
          >
            <MultiSelect<LensOutput>
              aria-label="Outputs"
              options={LENS_OUTPUTS.map((o) => ({ value: o, label: o, description: OUTPUT_HELP[o] }))}
              value={outputs}
              onChange={(v: Array<SelectableValue<LensOutput>>) => {
                set({ outputs: v.map((x) => x.value!).filter(Boolean) });
                onRunQuery();
              }}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      <InlineFieldRow>
        <ChoiceOption
          {...common}
          label="Band method"
          help="How the expected value and band are computed"
          error={errorOf('method')}
          value={q.method}
          options={BAND_METHODS}
          defaultValue={QUERY_DEFAULTS.method}
          describe={METHOD_HELP}
          onChange={(method) => set({ method })}
        />
        <NumberOption
          {...common}
          label="Sensitivity (σ)"
          help={FIELD_HELP.sensitivity}
          error={errorOf('sensitivity')}
          value={q.sensitivity}
          placeholder={String(
            (q.method ?? QUERY_DEFAULTS.method) === 'auto' ? QUERY_DEFAULTS.autoSensitivity : QUERY_DEFAULTS.sensitivity
          )}
          step={0.5}
          onChange={(sensitivity) => set({ sensitivity })}
        />
        <InlineField label="Direction" labelWidth={OPTION_LABEL_WIDTH} tooltip={FIELD_HELP.direction}>
          <RadioButtonGroup<Direction>
            options={DIRECTIONS.map((d) => ({ value: d, label: d }))}
            value={q.direction ?? QUERY_DEFAULTS.direction}
            onChange={(direction) => {
              set({ direction });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <TextOption
          {...common}
          label="Seasonality"
          help={FIELD_HELP.seasonality}
          error={errorOf('seasonality')}
          value={seasonalityText(q.seasonality)}
          placeholder="auto"
          onChange={(t) => set({ seasonality: parseSeasonality(t) })}
        />
        <TextOption
          {...common}
          label="History"
          help={FIELD_HELP.history}
          error={errorOf('history')}
          value={q.history}
          placeholder="auto"
          onChange={(history) => set({ history })}
        />
        <TextOption
          {...common}
          label="Moving window"
          help={FIELD_HELP.movingWindow}
          error={errorOf('movingWindow')}
          value={q.movingWindow}
          placeholder={QUERY_DEFAULTS.movingWindow}
          onChange={(movingWindow) => set({ movingWindow })}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextOption
          {...common}
          label="Min duration"
          help={FIELD_HELP.minDuration}
          error={errorOf('flags.minDuration')}
          value={q.flags?.minDuration}
          placeholder="1 step"
          onChange={(minDuration) => set({ flags: { ...q.flags, minDuration } })}
        />
        {has('fractionAnomalous') && (
          <TextOption
            {...common}
            label="Fraction window"
            help={FIELD_HELP.fractionWindow}
            error={errorOf('flags.fractionWindow')}
            value={q.flags?.fractionWindow}
            placeholder={QUERY_DEFAULTS.fractionWindow}
            onChange={(fractionWindow) => set({ flags: { ...q.flags, fractionWindow } })}
          />
        )}
        <InlineField label="Exclude tags" labelWidth={OPTION_LABEL_WIDTH} tooltip={FIELD_HELP.exclusionTags}>
          <TagsInput
            placeholder="maintenance"
            tags={q.exclusionTags ?? []}
            onChange={(tags) => {
              set({ exclusionTags: tags.length ? tags : undefined });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {(has('forecast') || has('timeToThreshold')) && (
        <InlineFieldRow>
          <TextOption
            {...common}
            label="Forecast horizon"
            help={FIELD_HELP.forecastHorizon}
            error={errorOf('forecast.horizon')}
            value={q.forecast?.horizon}
            placeholder={QUERY_DEFAULTS.forecastHorizon}
            onChange={(horizon) => set({ forecast: { ...q.forecast, horizon } })}
          />
          <NumberOption
            {...common}
            label="Interval level"
            help={FIELD_HELP.forecastLevel}
            error={errorOf('forecast.level')}
            value={q.forecast?.level}
            placeholder={String(QUERY_DEFAULTS.forecastLevel)}
            step={0.01}
            onChange={(level) => set({ forecast: { ...q.forecast, level } })}
          />
          <ChoiceOption
            {...common}
            label="Forecast model"
            help={FIELD_HELP.forecastModel}
            error={errorOf('forecast.model')}
            value={q.forecast?.model}
            options={FORECAST_MODELS}
            defaultValue={QUERY_DEFAULTS.forecastModel}
            onChange={(model) => set({ forecast: { ...q.forecast, model } })}
          />
        </InlineFieldRow>
      )}
      {has('timeToThreshold') && (
        <InlineFieldRow>
          <NumberOption
            {...common}
            label="Threshold"
            help={FIELD_HELP.thresholdValue}
            error={errorOf('threshold.value')}
            value={q.threshold?.value}
            onChange={(value) => set({ threshold: { ...q.threshold, value } })}
          />
          <ChoiceOption
            {...common}
            label="Crossing"
            help={FIELD_HELP.thresholdDirection}
            error={errorOf('threshold.direction')}
            value={q.threshold?.direction}
            options={['above', 'below'] as const}
            defaultValue="above"
            onChange={(direction) => set({ threshold: { ...q.threshold, direction } })}
          />
          <TextOption
            {...common}
            label="Trend window"
            help={FIELD_HELP.thresholdWindow}
            error={errorOf('threshold.window')}
            value={q.threshold?.window}
            placeholder={QUERY_DEFAULTS.thresholdWindow}
            onChange={(window) => set({ threshold: { ...q.threshold, window } })}
          />
        </InlineFieldRow>
      )}
      {has('outliers') && (
        <InlineFieldRow>
          <ChoiceOption
            {...common}
            label="Outlier algorithm"
            help={FIELD_HELP.outlierAlgorithm}
            error={errorOf('outliers.algorithm')}
            value={q.outliers?.algorithm}
            options={OUTLIER_ALGORITHMS}
            defaultValue={QUERY_DEFAULTS.outlierAlgorithm}
            onChange={(algorithm) => set({ outliers: { ...q.outliers, algorithm } })}
          />
          <NumberOption
            {...common}
            label="Outlier sensitivity"
            help={FIELD_HELP.outlierSensitivity}
            error={errorOf('outliers.sensitivity')}
            value={q.outliers?.sensitivity}
            placeholder={String(QUERY_DEFAULTS.outlierSensitivity)}
            step={0.05}
            onChange={(sensitivity) => set({ outliers: { ...q.outliers, sensitivity } })}
          />
          <NumberOption
            {...common}
            label="Outlier % of steps"
            help={FIELD_HELP.outlierPercent}
            error={errorOf('outliers.percentPoints')}
            value={q.outliers?.percentPoints}
            placeholder={String(QUERY_DEFAULTS.outlierPercentPoints)}
            onChange={(percentPoints) => set({ outliers: { ...q.outliers, percentPoints } })}
          />
        </InlineFieldRow>
      )}
      {has('change') && (
        <InlineFieldRow>
          <TextOption
            {...common}
            label="Change window"
            help={FIELD_HELP.changeWindow}
            error={errorOf('change.window')}
            value={q.change?.window}
            placeholder={QUERY_DEFAULTS.changeWindow}
            onChange={(window) => set({ change: { ...q.change, window } })}
          />
        </InlineFieldRow>
      )}
    </div>
  );
}
