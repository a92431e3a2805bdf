/**
 * Small labelled inputs the query editor's option sections are built from: text (durations, lists), number and
 * choice. Each shows its one-line help as a tooltip and its validation message when invalid; text and number
 * fields run the query when they lose focus, choices when they change.
 */
import React, { ChangeEvent } from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, Input, Select } from '@grafana/ui';

export const OPTION_LABEL_WIDTH = 18;

interface Common {
  label: string;
  help: string;
  /** Validation message for this field, when the current value is invalid. */
  error?: string;
  onRunQuery: () => void;
}

/** The label, help tooltip and validation message every option field shows around its input. */
function OptionField({
  label,
  help,
  error,
  children,
}: Pick<Common, 'label' | 'help' | 'error'> & { children: React.ComponentProps<typeof InlineField>['children'] }) {
  return (
    <InlineField
      shrink
      label={label}
      labelWidth={OPTION_LABEL_WIDTH}
      tooltip={help}
      invalid={Boolean(error)}
      error={error}
    >
      {children}
    </InlineField>
  );
}

export function TextOption({
  label,
  help,
  error,
  value,
  placeholder,
  width = 16,
  onChange,
  onRunQuery,
}: Common & {
  value: string | undefined;
  placeholder?: string;
  width?: number;
  onChange: (v: string | undefined) => void;
}) {
  return (
    <OptionField label={label} help={help} error={error}>
      <Input
        aria-label={label}
        width={width}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(e: ChangeEvent<HTMLInputElement>) =>
          onChange(e.currentTarget.value.trim() === '' ? undefined : e.currentTarget.value)
        }
        onBlur={onRunQuery}
      />
    </OptionField>
  );
}

export function NumberOption({
  label,
  help,
  error,
  value,
  placeholder,
  step,
  onChange,
  onRunQuery,
}: Common & {
  value: number | undefined;
  placeholder?: string;
  step?: number;
  onChange: (v: number | undefined) => void;
}) {
  return (
    <OptionField label={label} help={help} error={error}>
      <Input
        aria-label={label}
        type="number"
        width={12}
        step={step}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const v = parseFloat(e.currentTarget.value);
          onChange(Number.isFinite(v) ? v : undefined);
        }}
        onBlur={onRunQuery}
      />
    </OptionField>
  );
}

export function ChoiceOption<T extends string>({
  label,
  help,
  error,
  value,
  options,
  defaultValue,
  describe,
  onChange,
  onRunQuery,
}: Common & {
  value: T | undefined;
  options: readonly T[];
  defaultValue: T;
  describe?: Record<T, string>;
  onChange: (v: T) => void;
}) {
  const choices: Array<SelectableValue<T>> = options.map((o) => ({
    value: o,
    label: o === defaultValue ? `${o} (default)` : o,
    description: describe?.[o],
  }));
  return (
    <OptionField label={label} help={help} error={error}>
      <Select<T>
        aria-label={label}
        // Grows with the chosen value: "difference (default)" is cut in 16 units (the browser tests measure it).
        width="auto"
        options={choices}
        value={value ?? defaultValue}
        onChange={(v: SelectableValue<T>) => {
          if (v.value) {
            onChange(v.value);
            onRunQuery();
          }
        }}
      />
    </OptionField>
  );
}
