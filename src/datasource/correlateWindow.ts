/**
 * The anomaly window of a correlations query after dashboard variables are replaced: an empty side (a variable
 * not set yet) becomes the dashboard range's edge (`${__from}` / `${__to}`), and a window with both sides empty is
 * no window (the whole range). Pure; `interpolate` is the template service's replace.
 */
import type { CorrelateOptions } from '../shared/queryModel';

type Window = NonNullable<CorrelateOptions['window']>;

export function resolveCorrelateWindow(
  window: Window | undefined,
  interpolate: (text: string) => string
): Window | undefined {
  if (!window) {
    return undefined;
  }
  const side = (v: number | string) => (typeof v === 'string' ? interpolate(v).trim() : v);
  const from = side(window.from);
  const to = side(window.to);
  if (from === '' && to === '') {
    return undefined;
  }
  return {
    from: from === '' ? interpolate('${__from}') : from,
    to: to === '' ? interpolate('${__to}') : to,
  };
}
