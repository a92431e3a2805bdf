/**
 * Validation messages per query option, for the editor: each option control shows its own message, and the messages
 * no control can show are listed once under the options.
 */
export interface FieldError {
  /** Dotted path of the invalid option, as in QueryValidationError (`forecast.level`, `exclusions[2].from`). */
  field: string;
  message: string;
}

/** Options that have a control in the editor's option sections, which marks its own error. */
export const FIELDS_WITH_CONTROLS: readonly string[] = [
  'outputs',
  'method',
  'sensitivity',
  'seasonality',
  'history',
  'movingWindow',
  'flags.minDuration',
  'flags.fractionWindow',
  'forecast.horizon',
  'forecast.level',
  'forecast.model',
  'threshold.value',
  'threshold.direction',
  'threshold.window',
  'outliers.algorithm',
  'outliers.sensitivity',
  'outliers.percentPoints',
  'change.window',
  'correlate.target',
  'correlate.window',
  'correlate.context',
  'correlate.method',
  'correlate.preprocess',
  'correlate.maxLag',
  'correlate.limit',
  'correlate.overlays',
  'correlate.serviceGraph',
  'correlate.serviceLabel',
];

const covers = (field: string, errorField: string) =>
  errorField === field || errorField.startsWith(`${field}.`) || errorField.startsWith(`${field}[`);

/** The message for `field` or a part of it, when it is invalid. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): string | undefined {
  return errors?.find((e) => covers(field, e.field))?.message;
}

/** The errors no option control shows. */
export function errorsWithoutControl(errors: readonly FieldError[]): FieldError[] {
  return errors.filter((e) => !FIELDS_WITH_CONTROLS.some((f) => covers(f, e.field)));
}
