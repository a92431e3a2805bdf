/**
 * A numeric setting shown in a human unit (MiB for bytes, seconds for a timeout) while the stored value keeps the
 * unit the backend reads (bytes, seconds, counts), so provisioned settings stay valid. The default is written in
 * the description, never as a placeholder, so an empty box cannot be mistaken for a value.
 */
import React, { ChangeEvent, useState } from 'react';
import { Field, Input } from '@grafana/ui';

export interface NumberFieldProps {
  id: string;
  label: string;
  /** What the setting does; the default is appended as "Default: …". */
  description: string;
  /** The default as people read it ("30 s", "50 MiB"); shown in the description. */
  defaultText: string;
  /**
   * Stored value in stored units, as found in jsonData: a number, or a quoted number from a provisioning file
   * (the backend accepts both); anything else shows as empty, i.e. the default.
   */
  value: unknown;
  onChange: (stored: number | undefined) => void;
  /** Shown after the number ("MiB", "s"). */
  unit?: string;
  /** Stored units per shown unit (bytes per MiB = 1048576); default 1. */
  scale?: number;
  /** Stored values are whole numbers (counts, bytes); default false. */
  integer?: boolean;
  /** Input width in multiples of 8 px; default 20. */
  width?: number;
}

function storedValue(raw: unknown): number | undefined {
  const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Shown text of a stored value: up to three decimals, no trailing zeros. */
export function shownNumber(stored: number | undefined, scale = 1): string {
  return stored === undefined ? '' : String(Number((stored / scale).toFixed(3)));
}

/** Stored value of typed text; undefined for empty text, null for text that is not a number above zero. */
export function storedNumber(text: string, scale = 1, integer = false): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const shown = Number(trimmed);
  if (!Number.isFinite(shown) || shown <= 0) {
    return null;
  }
  const stored = shown * scale;
  return integer ? Math.max(1, Math.round(stored)) : stored;
}

export function NumberField(props: NumberFieldProps) {
  const { id, label, description, defaultText, value, onChange, unit, scale = 1, integer = false, width = 20 } = props;
  // The text being typed ("1." on the way to "1.5") is kept until the field loses focus; the stored value follows
  // each keystroke that parses.
  const [draft, setDraft] = useState<string | undefined>();
  const stored = draft === undefined ? storedValue(value) : storedNumber(draft, scale, integer);
  const invalid = stored === null;
  return (
    <Field
      label={label}
      description={`${description}. Default: ${defaultText}.`}
      invalid={invalid}
      error={invalid ? 'Enter a number above 0, or leave empty for the default' : undefined}
    >
      <Input
        id={id}
        width={width}
        inputMode="decimal"
        value={draft ?? shownNumber(storedValue(value), scale)}
        suffix={unit}
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const next = storedNumber(text, scale, integer);
          if (next !== null) {
            onChange(next);
          }
        }}
        onBlur={() => setDraft(undefined)}
      />
    </Field>
  );
}
