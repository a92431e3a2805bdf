/**
 * Correlations panel with 5,000 ranked candidates: reading the frames into the view model, filtering, and the
 * first render of the whole panel into a jsdom document (React 19, react-dom/client, flushSync). Reference,
 * measured in the same run: the same panel made tall enough that every row is in view, i.e. what a
 * non-virtualised list would render. jsdom has no layout or paint, so browser figures are higher for both
 * sides; the ratio is what virtualisation saves in React and DOM work.
 */
import Module from 'node:module';
import { JSDOM } from 'jsdom';
import { report, seededRandom, time } from './harness';

// @grafana/ui expects a browser: a jsdom window as the global, and its CSS imports (uPlot) ignored.
(Module as unknown as { _extensions: Record<string, (m: { exports: unknown }) => void> })._extensions['.css'] = (m) => {
  m.exports = {};
};
const dom = new JSDOM('<!doctype html><html><body></body></html>', {
  url: 'http://localhost/',
  pretendToBeVisual: true,
});
const g = globalThis as Record<string, unknown>;
g.window = dom.window;
g.document = dom.window.document;
for (const k of Object.getOwnPropertyNames(dom.window)) {
  // Node has its own Event/EventTarget; jsdom only dispatches its own, so those are replaced too.
  if (!(k in g) || /Event/.test(k)) {
    try {
      g[k] = (dom.window as unknown as Record<string, unknown>)[k];
    } catch {
      // read-only globals (e.g. crypto) stay Node's
    }
  }
}
(dom.window as unknown as { matchMedia: unknown }).matchMedia = () => ({
  matches: false,
  addListener() {},
  removeListener() {},
  addEventListener() {},
  removeEventListener() {},
});
g.matchMedia = (dom.window as unknown as { matchMedia: unknown }).matchMedia;
(g as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const N = 5000;
const OVERLAYS = 20;
const POINTS = 720; // 12 h at 1 min: window plus context

async function main() {
  const [{ createElement }, { flushSync }, { createRoot }, data, panelMod, viewMod, filterMod, types, tq] =
    await Promise.all([
      import('react'),
      import('react-dom'),
      import('react-dom/client'),
      // Through require: the ESM build of @grafana/data does not load under plain Node (moment-timezone named import).
      Promise.resolve(require('@grafana/data') as typeof import('@grafana/data')),
      import('../src/panels/correlations/components/CorrelationsPanel'),
      import('../src/panels/correlations/data/buildCorrelationsView'),
      import('../src/panels/correlations/data/filterRows'),
      import('../src/panels/correlations/types'),
      import('../src/shared/queryTypes'),
    ]);
  const { FieldType, toDataFrame, dateTime, LoadingState } = data;
  const rnd = seededRandom(7);
  const T0 = Date.UTC(2026, 0, 1);
  const F = tq.CORRELATION_FRAME.fields;
  const ranks = Array.from({ length: N }, (_, i) => i + 1);
  const scores = ranks.map((r) => Math.round((1 - r / N) * (rnd() < 0.3 ? -1 : 1) * 1e4) / 1e4);
  const table = toDataFrame({
    name: tq.CORRELATION_FRAME.name,
    refId: 'A',
    meta: {
      custom: {
        target: 'checkout latency',
        windowFromMs: T0 + 6 * 3600e3,
        windowToMs: T0 + 12 * 3600e3,
        candidates: N,
      },
    },
    fields: [
      { name: F.rank, type: FieldType.number, values: ranks },
      { name: F.series, type: FieldType.string, values: ranks.map((r) => `metric_${r % 97} instance ${r}`) },
      {
        name: F.labels,
        type: FieldType.string,
        values: ranks.map((r) => `{__name__="metric_${r % 97}", instance="${r}"}`),
      },
      { name: F.score, type: FieldType.number, values: scores },
      { name: F.lagSeconds, type: FieldType.number, values: ranks.map(() => Math.round((rnd() - 0.5) * 20) * 60) },
      { name: F.direction, type: FieldType.string, values: scores.map((s) => (s >= 0 ? 'with' : 'against')) },
      { name: F.overlap, type: FieldType.number, values: ranks.map(() => 360) },
      { name: F.exploreExpr, type: FieldType.string, values: ranks.map((r) => `metric_${r % 97}{instance="${r}"}`) },
    ],
  });
  const times = Array.from({ length: POINTS }, (_, i) => T0 + i * 60e3);
  const overlay = (rank?: number) =>
    toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: times },
        {
          name: 'value',
          type: FieldType.number,
          values: times.map((_, i) => Math.sin(i / 30) + rnd()),
          labels:
            rank === undefined
              ? { [tq.OVERLAY_ROLE_LABEL]: tq.OVERLAY_ROLES.target }
              : { [tq.OVERLAY_ROLE_LABEL]: tq.OVERLAY_ROLES.candidate, [tq.OVERLAY_RANK_LABEL]: String(rank) },
        },
      ],
    });
  const frames = [table, overlay(), ...Array.from({ length: OVERLAYS }, (_, i) => overlay(i + 1))];
  const range = { fromMs: T0, toMs: T0 + 12 * 3600e3 };

  report(
    `buildCorrelationsView ${N} rows, ${OVERLAYS}×${POINTS}-pt overlays`,
    time(() => viewMod.buildCorrelationsView(frames, range), 20)
  );
  const view = viewMod.buildCorrelationsView(frames, range);
  const rows = view.kind === 'ranking' ? view.rows : [];
  report(
    `filterRows ${N} rows, text "instance 4"`,
    time(() => filterMod.filterRows(rows, { text: 'instance 4' }), 50)
  );

  const container = document.createElement('div');
  document.body.appendChild(container);
  const props = (height: number) => ({
    data: {
      series: frames,
      state: LoadingState.Done,
      timeRange: { from: dateTime(range.fromMs), to: dateTime(range.toMs), raw: { from: 'now-12h', to: 'now' } },
      request: {
        targets: [{ refId: 'A', datasource: { uid: 'anomalylens-demo', type: 'seedlabs-anomalylens-datasource' } }],
      },
    },
    options: { ...types.defaultCorrelationsPanelOptions, maxRows: 0 },
    width: 900,
    height,
    timeZone: 'utc',
    replaceVariables: (s: string) => s,
  });
  let domRows = 0;
  const mount = (height: number) => () => {
    const root = createRoot(container);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    flushSync(() => root.render(createElement(panelMod.CorrelationsPanel, props(height) as any)));
    domRows = container.querySelectorAll('[data-testid="correlations-row"]').length;
    root.unmount();
  };
  const all = time(mount(N * 36 + 200), 1, 1); // ~25 s a run in jsdom, so one measured run
  const allRows = domRows;
  const ours = time(mount(400), 10, 2);
  report(`panel first render, ${N} rows, 400 px (${domRows} DOM rows)`, ours, {
    label: `all ${allRows} rows in view`,
    medianMs: all.medianMs,
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
