/**
 * The app's Backtest view: would an alert on this series have fired, and would it have caught the incidents we
 * know about? The user picks an Anomaly Lens data source, a series, a past range, the incidents (annotation tags
 * or ranges) and up to four variants of the detector; the view runs one `backtest` query through the data source
 * (docs/backtest.md) and shows the variants side by side, a sentence comparing them, and each one's firings.
 */
import React, { useState } from 'react';
import { dateTime, SelectableValue } from '@grafana/data';
import { Alert, Button, Field, Input, RadioButtonGroup, Select, Stack, TextArea } from '@grafana/ui';
import { BacktestResult, readBacktest } from '../datasource/backtest/readBacktest';
import { BacktestWindowsTable } from '../datasource/backtest/BacktestWindowsTable';
import { formatDelay, formatNumber, formatPercent } from '../datasource/backtest/formatBacktest';
import { METHOD_HELP } from '../datasource/editor/optionHelp';
import { PREVIEW_SPANS } from '../datasource/editor/PreviewBacktest';
import { APP_ID } from '../extensions/analyseParams';
import { BAND_METHODS, BandMethod } from '../shared/queryModel';
import { QUERY_LIMITS } from '../shared/validateQuery';
import { BacktestForm, buildBacktestQuery, emptyVariant, VariantForm } from './backtest/buildBacktestQuery';
import { compareVariants } from './backtest/compareVariants';
import { PageServices } from './pageServices';
import { pageSelectors as sel } from './selectors';

export const BACKTEST_PAGE = `/a/${APP_ID}/backtest`;

/** What the view can be opened with (from its URL): a series and the data source to run it on. */
export interface BacktestInitial {
  expr?: string;
  lensUid?: string;
}

type Run =
  | { state: 'loading' }
  | { state: 'done'; result: BacktestResult; spanLabel: string }
  | { state: 'error'; message: string };

const METHOD_OPTIONS: Array<SelectableValue<BandMethod | ''>> = [
  { value: '', label: 'as saved', description: 'The query’s method: auto unless set' },
  ...BAND_METHODS.map((m) => ({ value: m, label: m, description: METHOD_HELP[m] })),
];

/**
 * Summary cells: numbers right-aligned on one line, headers and names wrapping between words (not inside them,
 * which the page's overflow rule would otherwise allow), so the nine columns fit a 600 px page.
 */
const HEAD: React.CSSProperties = { padding: '4px 6px', textAlign: 'right', verticalAlign: 'bottom' };
const CELL: React.CSSProperties = { padding: '4px 6px', textAlign: 'right', whiteSpace: 'nowrap' };
const TEXT_CELL: React.CSSProperties = { padding: '4px 6px', textAlign: 'left', overflowWrap: 'normal' };

export function BacktestPage({ services, initial }: { services: PageServices; initial?: BacktestInitial }) {
  const lensList = services.lensDataSources();
  const [lensUid, setLensUid] = useState<string | undefined>(
    lensList.find((l) => l.uid === initial?.lensUid)?.uid ?? (lensList.length === 1 ? lensList[0].uid : undefined)
  );
  const [spanMs, setSpanMs] = useState<number>(PREVIEW_SPANS[1].value);
  const [form, setForm] = useState<BacktestForm>(() => ({
    expr: initial?.expr ?? '',
    incidentTags: 'incident',
    incidentRanges: '',
    variants: [emptyVariant(0), { ...emptyVariant(1), sensitivity: '5' }],
  }));
  const [errors, setErrors] = useState<string[]>([]);
  const [run, setRun] = useState<Run>();

  const setVariant = (i: number, patch: Partial<VariantForm>) =>
    setForm((f) => ({ ...f, variants: f.variants.map((v, k) => (k === i ? { ...v, ...patch } : v)) }));

  const start = async () => {
    const built = buildBacktestQuery(form);
    if ('errors' in built) {
      setErrors(built.errors);
      return;
    }
    setErrors([]);
    if (!lensUid) {
      return;
    }
    setRun({ state: 'loading' });
    const now = Date.now();
    const from = dateTime(now - spanMs);
    const to = dateTime(now);
    const spanLabel = PREVIEW_SPANS.find((s) => s.value === spanMs)?.label.toLowerCase() ?? '';
    try {
      const frames = await services.runQueries(lensUid, [built.query], { from, to, raw: { from, to } });
      setRun({ state: 'done', result: readBacktest(frames), spanLabel });
    } catch (e) {
      setRun({ state: 'error', message: (e as Error)?.message ?? String(e) });
    }
  };

  if (lensList.length === 0) {
    return (
      <Alert severity="warning" title="No Anomaly Lens data source yet" data-testid={sel.noLens}>
        The backtest runs through an Anomaly Lens data source. Add one under Connections → Data sources (type Anomaly
        Lens, upstream Prometheus, InfluxDB or demo), or provision it as a file: see docs/provisioning.md.
      </Alert>
    );
  }

  return (
    <div data-testid={sel.backtestPage} style={{ width: '100%', minWidth: 0, overflowWrap: 'anywhere' }}>
      <p>
        Would an alert on this series have fired, and would it have caught the incidents you know about? Compare up to{' '}
        {QUERY_LIMITS.maxBacktestVariants} detector settings over a past range, replayed as an alert rule would have
        evaluated them (each minute, seeing only the data before it).
      </p>
      <Stack direction="column" gap={1}>
        {lensList.length > 1 && (
          <Field label={sel.lensPicker}>
            <Select
              aria-label={sel.lensPicker}
              width={40}
              options={lensList.map((l) => ({ value: l.uid, label: l.name }))}
              value={lensUid ?? null}
              onChange={(v) => setLensUid(v.value)}
            />
          </Field>
        )}
        <Field label={sel.backtestExpr} description="The query of the alert you are considering (PromQL or InfluxQL)">
          <Input
            aria-label={sel.backtestExpr}
            value={form.expr}
            placeholder='demo_http_latency_seconds{service="checkout"}'
            onChange={(e) => setForm({ ...form, expr: e.currentTarget.value })}
          />
        </Field>
        <Field label={sel.backtestRange}>
          <RadioButtonGroup<number>
            options={PREVIEW_SPANS.map((s) => ({ label: s.label, value: s.value }))}
            value={spanMs}
            onChange={setSpanMs}
          />
        </Field>
        <Stack gap={2} wrap="wrap">
          <Field
            label={sel.incidentTags}
            description="Annotations with any of these tags (comma-separated) are the known incidents"
          >
            <Input
              aria-label={sel.incidentTags}
              width={30}
              value={form.incidentTags}
              placeholder="incident"
              onChange={(e) => setForm({ ...form, incidentTags: e.currentTarget.value })}
            />
          </Field>
          <Field label={sel.incidentRanges} description="Or one per line: from, to, label (ISO times, UTC)">
            <TextArea
              aria-label={sel.incidentRanges}
              cols={56}
              rows={3}
              value={form.incidentRanges}
              placeholder={'2024-01-16T18:00Z, 2024-01-16T18:20Z, checkout spike'}
              onChange={(e) => setForm({ ...form, incidentRanges: e.currentTarget.value })}
            />
          </Field>
        </Stack>
        <h3>Variants</h3>
        {form.variants.map((v, i) => (
          <div key={i} data-testid={sel.variantForm}>
            <Stack gap={1} wrap="wrap" alignItems="flex-end">
              <Field label="Name">
                <Input
                  aria-label={`Variant ${i + 1} name`}
                  width={14}
                  value={v.name}
                  onChange={(e) => setVariant(i, { name: e.currentTarget.value })}
                />
              </Field>
              <Field label="Method">
                <Select
                  aria-label={`Variant ${i + 1} method`}
                  width={14}
                  options={METHOD_OPTIONS}
                  value={v.method}
                  onChange={(o) => setVariant(i, { method: o.value ?? '' })}
                />
              </Field>
              <Field label="Sensitivity">
                <Input
                  aria-label={`Variant ${i + 1} sensitivity`}
                  width={10}
                  value={v.sensitivity}
                  placeholder="default"
                  onChange={(e) => setVariant(i, { sensitivity: e.currentTarget.value })}
                />
              </Field>
              <Field label="Min duration">
                <Input
                  aria-label={`Variant ${i + 1} minimum duration`}
                  width={10}
                  value={v.minDuration}
                  placeholder="0s"
                  onChange={(e) => setVariant(i, { minDuration: e.currentTarget.value })}
                />
              </Field>
              <Field label="History">
                <Input
                  aria-label={`Variant ${i + 1} history`}
                  width={10}
                  value={v.history}
                  placeholder="auto"
                  onChange={(e) => setVariant(i, { history: e.currentTarget.value })}
                />
              </Field>
              {form.variants.length > 1 && (
                <Field label="">
                  <Button
                    variant="secondary"
                    fill="text"
                    icon="trash-alt"
                    aria-label={`Remove variant ${i + 1}`}
                    onClick={() => setForm({ ...form, variants: form.variants.filter((_, k) => k !== i) })}
                  />
                </Field>
              )}
            </Stack>
          </div>
        ))}
        <Stack gap={1} wrap="wrap">
          <Button
            variant="secondary"
            icon="plus"
            disabled={form.variants.length >= QUERY_LIMITS.maxBacktestVariants}
            onClick={() => setForm({ ...form, variants: [...form.variants, emptyVariant(form.variants.length)] })}
          >
            {sel.addVariant}
          </Button>
          <Button
            icon={run?.state === 'loading' ? 'fa fa-spinner' : 'history'}
            disabled={!lensUid || run?.state === 'loading'}
            onClick={start}
          >
            {sel.runBacktest}
          </Button>
        </Stack>
        {!lensUid && <p>Choose the Anomaly Lens data source to run the backtest on.</p>}
        {errors.length > 0 && (
          <Alert severity="warning" title="Fix these before running" data-testid={sel.backtestErrors}>
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </Alert>
        )}
        {run?.state === 'loading' && <p>Replaying the alert rule over the range…</p>}
        {run?.state === 'error' && (
          <Alert severity="error" title="The backtest failed" data-testid={sel.backtestErrors}>
            {run.message.replace(/\.$/, '')}. Fix what it names (the expression, a variant&apos;s setting) or choose a
            shorter range, then run again.
          </Alert>
        )}
        {run?.state === 'done' && <Results result={run.result} spanLabel={run.spanLabel} />}
      </Stack>
    </div>
  );
}

function Results({ result, spanLabel }: { result: BacktestResult; spanLabel: string }) {
  const rows = result.summary;
  if (rows.length === 0) {
    return (
      <Alert severity="info" title="The backtest returned nothing" data-testid={sel.backtestErrors}>
        The expression matched no series over the {spanLabel}. Check it in Explore, or choose a longer range.
      </Alert>
    );
  }
  const incidentsKnown = rows[0].incidents > 0;
  return (
    <section data-testid={sel.backtestResult}>
      <h3>Over the {spanLabel}</h3>
      <div data-testid={sel.backtestVerdict}>
        {compareVariants(rows).map((s) => (
          <p key={s} style={{ margin: '0 0 4px' }}>
            {s}
          </p>
        ))}
      </div>
      {!incidentsKnown && (
        <p data-testid={sel.noIncidents}>
          No known incident falls in this range, so precision, recall and false alarms are empty: tag the
          incidents&apos; annotations and name the tag above, or give their ranges.
        </p>
      )}
      <div style={{ maxWidth: '100%', overflowWrap: 'normal' }}>
        <table data-testid={sel.backtestSummary} style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={{ ...TEXT_CELL, verticalAlign: 'bottom' }}>Variant</th>
              <th style={{ ...TEXT_CELL, verticalAlign: 'bottom' }}>Settings</th>
              <th style={HEAD}>Fired</th>
              <th style={HEAD}>Per day</th>
              <th style={HEAD}>Caught</th>
              <th style={HEAD}>Precision</th>
              <th style={HEAD}>Recall</th>
              <th style={HEAD}>Median delay</th>
              <th style={HEAD}>False alarms</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.variant} data-testid={sel.backtestVariantRow}>
                <td style={{ ...TEXT_CELL, whiteSpace: 'nowrap' }}>{r.variant}</td>
                <td style={TEXT_CELL}>{r.settings}</td>
                <td style={CELL}>{r.fired}</td>
                <td style={CELL}>{formatNumber(r.firedPerDay)}</td>
                <td style={CELL}>{r.incidents > 0 ? `${r.caught} of ${r.incidents}` : '–'}</td>
                <td style={CELL}>{formatPercent(r.precision)}</td>
                <td style={CELL}>{formatPercent(r.recall)}</td>
                <td style={CELL}>{formatDelay(r.medianDelaySeconds)}</td>
                <td style={CELL}>{formatNumber(r.falseAlarms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.map((r) => {
        const fired = result.windows.filter((w) => w.variant === r.variant);
        return (
          <section key={r.variant} data-testid={sel.variantWindows}>
            <h4>
              {r.variant}: {r.fired === 0 ? 'no firings' : `${r.fired} firing${r.fired === 1 ? '' : 's'}`}
            </h4>
            <BacktestWindowsTable
              windows={fired}
              incidentsKnown={incidentsKnown}
              rowTestId={sel.variantWindow}
              label={`Firings of ${r.variant}`}
            />
          </section>
        );
      })}
    </section>
  );
}
