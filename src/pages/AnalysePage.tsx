/**
 * The analyse page, opened from a Prometheus or InfluxDB panel (or Explore): the product's three answers for that
 * query on one screen — the series with its expected band and the windows flagged, its STL decomposition, and what
 * moved with it over a window the user drags — plus the ways on: add the band to the panel, create an alert rule,
 * open both queries in Explore.
 */
import React, { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { DataFrame, dateTime, TimeRange } from '@grafana/data';
import { Alert, Button, Field, Input, LinkButton, Select, Stack } from '@grafana/ui';
import { AnalyseParams } from '../extensions/analyseParams';
import { alertRuleUrl } from '../extensions/alertRuleUrl';
import { exploreWithBandUrl } from '../extensions/exploreUrl';
import { LensDataSourceInfo, LensMatch, matchLensDataSource } from '../extensions/matchLensDataSource';
import { BandPreview, prepareBand, saveBand } from '../extensions/saveBand';
import { readAnomalyWindows, AnomalyWindow } from '../datasource/annotations/readAnomalyWindows';
import { LensQuery, QUERY_SCHEMA_VERSION } from '../shared/queryModel';
import { PageServices } from './pageServices';
import { suggestCandidates } from './suggestCandidates';
import { pageSelectors as sel } from './selectors';

const PANEL_HEIGHT = 260;
/** Width before the page is measured (and where it cannot be, as in jsdom). */
const DEFAULT_WIDTH = 1000;

/** The page's inner width, followed as the window is resized, so panels fill it at any size. */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const measure = () => el.clientWidth > 0 && setWidth(Math.floor(el.clientWidth));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/** A URL range end (`now-6h` or epoch ms) as a time. */
function timeOf(text: string, now: number): number {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const m = /^now(?:-(\d+)([smhdw]))?$/.exec(text.trim());
  if (!m) {
    return NaN;
  }
  const unit = { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 }[(m[2] ?? 's') as 's'];
  return now - (m[1] ? Number(m[1]) * unit : 0);
}

export function toTimeRange(p: Pick<AnalyseParams, 'from' | 'to'>, now = Date.now()): TimeRange | undefined {
  const from = timeOf(p.from, now);
  const to = timeOf(p.to, now);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) {
    return undefined;
  }
  return { from: dateTime(from), to: dateTime(to), raw: { from: p.from, to: p.to } };
}

/** A range end as people read it: relative text as is, epoch milliseconds as a date and time. */
function shownTime(text: string): string {
  return /^\d+$/.test(text) ? dateTime(Number(text)).format('YYYY-MM-DD HH:mm') : text;
}

type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

function useQuery<T>(run: (() => Promise<T>) | undefined, key: string): Loaded<T> | undefined {
  const [result, setResult] = useState<{ key: string; value: Loaded<T> }>();
  useEffect(() => {
    if (!run) {
      return;
    }
    let live = true;
    run().then(
      (value) => live && setResult({ key, value: { state: 'done', value } }),
      (e) => live && setResult({ key, value: { state: 'error', message: e?.message ?? String(e) } })
    );
    return () => {
      live = false;
    };
    // `run` is rebuilt every render; `key` says when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!run) {
    return undefined;
  }
  // An answer for an earlier key is stale: the current one is still loading.
  return result?.key === key ? result.value : { state: 'loading' };
}

function Failed({ title, message }: { title: string; message: string }) {
  return (
    <Alert severity="error" title={title}>
      {message}
    </Alert>
  );
}

export function AnalysePage({ params, services }: { params: AnalyseParams; services: PageServices }) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const range = useMemo(() => toTimeRange(params), [params]);
  const [match, setMatch] = useState<LensMatch>();
  const [picked, setPicked] = useState<string>();
  const [window, setWindow] = useState<{ fromMs: number; toMs: number } | undefined>(params.window);
  const [candidates, setCandidates] = useState(() => suggestCandidates(params.kind, params.expr) ?? '');
  const [band, setBand] = useState<BandPreview | { error: string } | { saved: string }>();

  useEffect(() => {
    let live = true;
    const lens = services.lensDataSources();
    services.dataSourceUrl(params.sourceUid).then(async (url) => {
      // The Anomaly Lens data sources' own URLs, read the same way (the list gives only proxy paths).
      const withUrls: LensDataSourceInfo[] = await Promise.all(
        lens.map(async (l) => ({
          ...l,
          url: l.upstream === params.kind ? await services.dataSourceUrl(l.uid) : undefined,
        }))
      );
      if (live) {
        setMatch(matchLensDataSource({ kind: params.kind, url }, withUrls));
      }
    });
    return () => {
      live = false;
    };
  }, [params, services]);

  const lens = match?.chosen ?? match?.candidates.find((c) => c.uid === picked);
  const lensUid = lens?.uid;

  useEffect(() => {
    if (params.openExplore && lensUid) {
      services.navigate(exploreWithBandUrl({ ...params, lensUid }));
    }
  }, [params, lensUid, services]);

  const base = { schemaVersion: QUERY_SCHEMA_VERSION, expr: params.expr };
  const series = useQuery<DataFrame[]>(
    lensUid && range
      ? () => services.runQueries(lensUid, [{ ...base, refId: 'A', outputs: ['raw', 'band', 'flag'] }], range)
      : undefined,
    `series:${lensUid}:${params.expr}`
  );
  // The data source decomposes with its training history before the range (three seasons), so a panel's last
  // 6 hours still shows trend and season. The season is the daily one services mostly have; the STL panel's
  // options change it.
  const decomposition = useQuery<DataFrame[]>(
    lensUid && range
      ? () =>
          services.runQueries(
            lensUid,
            [{ ...base, refId: 'S', outputs: ['raw', 'decomposition'], seasonality: ['1d'] }],
            range
          )
      : undefined,
    `decomposition:${lensUid}:${params.expr}`
  );
  const windows = useQuery<AnomalyWindow[]>(
    lensUid && range
      ? async () =>
          readAnomalyWindows(
            await services.runQueries(lensUid, [{ ...base, refId: 'W', queryType: 'anomalyWindows' }], range)
          )
      : undefined,
    `windows:${lensUid}:${params.expr}`
  );
  const correlations = useQuery<DataFrame[]>(
    lensUid && range && window && candidates.trim()
      ? () =>
          services.runQueries(
            lensUid,
            [
              {
                refId: 'R',
                schemaVersion: QUERY_SCHEMA_VERSION,
                queryType: 'correlations',
                expr: candidates.trim(),
                correlate: { target: params.expr, window: { from: window.fromMs, to: window.toMs } },
              } as LensQuery,
            ],
            range
          )
      : undefined,
    `correlations:${lensUid}:${candidates}:${window?.fromMs}:${window?.toMs}`
  );

  const title = params.panelTitle ?? params.expr;

  if (!range) {
    return (
      <Failed title="Cannot read the time range" message={`"${params.from}" to "${params.to}" is not a time range.`} />
    );
  }
  return (
    <div data-testid={sel.page} ref={box} style={{ width: '100%', minWidth: 0, overflowWrap: 'anywhere' }}>
      <p>
        <code data-testid={sel.expr}>{params.expr}</code> from{' '}
        {services.dataSourceName(params.sourceUid) ?? params.sourceUid}, {shownTime(params.from)} to{' '}
        {shownTime(params.to)}
      </p>
      {!match && <p>Finding the Anomaly Lens data source for this query…</p>}
      {match && !lens && (
        <Field
          label="Anomaly Lens data source"
          description={
            match.candidates.length === 0
              ? undefined
              : "No single Anomaly Lens data source has the same upstream URL as the panel's; choose the one to use."
          }
        >
          {match.candidates.length === 0 ? (
            <Alert
              severity="warning"
              title={`No Anomaly Lens data source wraps a ${params.kind} upstream`}
              data-testid={sel.noLens}
            >
              Add one under Connections → Data sources (type Anomaly Lens, upstream {params.kind}, the same URL as the
              panel&apos;s data source), or provision it as a file: see docs/provisioning.md.
            </Alert>
          ) : (
            <Select
              aria-label={sel.lensPicker}
              width={48}
              options={match.candidates.map((c) => ({ value: c.uid, label: c.name }))}
              value={picked ?? null}
              onChange={(v) => setPicked(v.value)}
            />
          )}
        </Field>
      )}
      {lens && (
        <Stack direction="column" gap={2}>
          <Stack gap={1} wrap="wrap">
            <span data-testid={sel.lensName}>Anomaly Lens data source: {lens.name}</span>
            {params.dashboardUid && params.panelId !== undefined && (
              <Button
                size="sm"
                icon="plus"
                onClick={async () =>
                  setBand(
                    await prepareBand(services.dashboards, params.dashboardUid!, params.panelId!, lens.uid, params.expr)
                  )
                }
              >
                {sel.addBand}
              </Button>
            )}
            <LinkButton
              size="sm"
              variant="secondary"
              icon="bell"
              href={alertRuleUrl({ lensUid: lens.uid, expr: params.expr, title })}
            >
              {sel.createAlert}
            </LinkButton>
            <LinkButton
              size="sm"
              variant="secondary"
              icon="compass"
              href={exploreWithBandUrl({ ...params, lensUid: lens.uid })}
            >
              {sel.openExplore}
            </LinkButton>
          </Stack>
          {band && <BandPanel band={band} services={services} onDone={setBand} />}
          <section>
            <h3>Expected band and flagged windows</h3>
            {series?.state === 'error' && <Failed title="The band query failed" message={series.message} />}
            {series?.state === 'done' &&
              services.renderPanel({
                pluginId: 'timeseries',
                title: `${title}: expected band`,
                frames: series.value,
                range,
                width,
                height: PANEL_HEIGHT,
                onSelectRange: (fromMs, toMs) => setWindow({ fromMs, toMs }),
              })}
            <Windows windows={windows} />
          </section>
          <section>
            <h3>Trend, season or a one-off?</h3>
            {decomposition?.state === 'error' && (
              <Failed title="The decomposition failed" message={decomposition.message} />
            )}
            {decomposition?.state === 'done' &&
              services.renderPanel({
                pluginId: 'seedlabs-stl-panel',
                title: `${title}: STL decomposition`,
                frames: decomposition.value,
                range,
                width,
                height: PANEL_HEIGHT + 140,
              })}
          </section>
          <section>
            <h3>What moved with it</h3>
            <Field label="Candidates" description="The series to rank against this one (PromQL or InfluxQL)">
              <Input
                aria-label={sel.candidates}
                width={60}
                value={candidates}
                placeholder={
                  params.kind === 'influxdb'
                    ? 'SELECT mean(*) FROM /.*/ WHERE $timeFilter GROUP BY time($__interval), *'
                    : '{job="…"}'
                }
                onChange={(e) => setCandidates(e.currentTarget.value)}
              />
            </Field>
            {!window && (
              <p data-testid={sel.dragHint}>
                Drag across the anomaly in the band panel above to rank what moved with it in that window.
              </p>
            )}
            {window && !candidates.trim() && <p>Name the candidate series to rank.</p>}
            {correlations?.state === 'error' && <Failed title="The ranking failed" message={correlations.message} />}
            {correlations?.state === 'done' &&
              services.renderPanel({
                pluginId: 'seedlabs-correlations-panel',
                title: 'What moved with it',
                frames: correlations.value,
                range,
                width,
                height: PANEL_HEIGHT + 140,
              })}
          </section>
        </Stack>
      )}
    </div>
  );
}

function Windows({ windows }: { windows?: Loaded<AnomalyWindow[]> }) {
  if (!windows || windows.state === 'loading') {
    return null;
  }
  if (windows.state === 'error') {
    return <Failed title="Flagged windows could not be computed" message={windows.message} />;
  }
  if (windows.value.length === 0) {
    return <p data-testid={sel.windows}>Nothing flagged in this range.</p>;
  }
  return (
    <table data-testid={sel.windows} style={{ width: '100%', borderSpacing: '8px 4px' }}>
      <thead>
        <tr>
          <th align="left" style={{ paddingRight: 16 }}>
            When
          </th>
          <th align="left">Why</th>
        </tr>
      </thead>
      <tbody>
        {windows.value.map((w) => (
          <tr key={`${w.series}:${w.fromMs}`} style={{ verticalAlign: 'top' }}>
            <td style={{ whiteSpace: 'nowrap', paddingRight: 16 }}>
              {dateTime(w.fromMs).format('YYYY-MM-DD HH:mm')}–{dateTime(w.toMs).format('HH:mm')}
            </td>
            <td>
              <strong>{w.title}</strong>: {w.text}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BandPanel({
  band,
  services,
  onDone,
}: {
  band: BandPreview | { error: string } | { saved: string };
  services: PageServices;
  onDone: (b: BandPreview | { error: string } | { saved: string } | undefined) => void;
}) {
  if ('error' in band) {
    return (
      <Alert
        severity="warning"
        title="The band was not added"
        onRemove={() => onDone(undefined)}
        data-testid={sel.bandMessage}
      >
        {band.error}
      </Alert>
    );
  }
  if ('saved' in band) {
    return (
      <Alert severity="success" title="Band added" onRemove={() => onDone(undefined)} data-testid={sel.bandMessage}>
        {band.saved}
      </Alert>
    );
  }
  return (
    <div data-testid={sel.bandPreview}>
      <p>This query will be added to the panel &quot;{band.panelTitle}&quot;; its other queries stay as they are:</p>
      <pre>{JSON.stringify(band.target, null, 2)}</pre>
      <Stack gap={1}>
        <Button
          size="sm"
          onClick={async () => {
            const r = await saveBand(services.dashboards, band);
            onDone('ok' in r ? { saved: `Saved: "${band.panelTitle}" now draws the expected band.` } : r);
          }}
        >
          {sel.saveBand}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => onDone(undefined)}>
          Cancel
        </Button>
      </Stack>
    </div>
  );
}
