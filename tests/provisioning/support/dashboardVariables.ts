/**
 * What the data source frontend would send for a provisioned dashboard target: dashboard variables replaced by their
 * saved current values in `expr` and a correlations query's target and window, and the window resolved as
 * `src/datasource/correlateWindow.ts` does (empty side → range edge, both empty → none). `$__from`/`$__to` are the
 * range in epoch ms, as Grafana's template service gives them.
 */
import { resolveCorrelateWindow } from '../../../src/datasource/correlateWindow';
import type { CorrelateOptions } from '../../../src/shared/queryModel';
import type { Dashboard } from './provisioningFiles';

interface TextVariable {
  name: string;
  current?: { value?: string | string[] };
}

export function interpolateDashboardVariables(
  target: Record<string, unknown>,
  dashboard: Dashboard,
  fromMs: number,
  toMs: number
): Record<string, unknown> {
  const vars = new Map<string, string>([
    ['__from', String(fromMs)],
    ['__to', String(toMs)],
  ]);
  for (const v of (dashboard as { templating?: { list?: TextVariable[] } }).templating?.list ?? []) {
    const value = v.current?.value;
    vars.set(v.name, Array.isArray(value) ? value.join('|') : (value ?? ''));
  }
  const replace = (text: string) =>
    text.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, braced, plain) => vars.get(braced ?? plain) ?? m);
  const out: Record<string, unknown> = { ...target };
  if (typeof target.expr === 'string') {
    out.expr = replace(target.expr);
  }
  const c = target.correlate as CorrelateOptions | undefined;
  if (c) {
    out.correlate = {
      ...c,
      target: c.target === undefined ? undefined : replace(c.target),
      window: resolveCorrelateWindow(c.window, replace),
    };
  }
  return out;
}
