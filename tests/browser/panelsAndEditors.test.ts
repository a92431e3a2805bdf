/**
 * The panels and editors in headless Chromium with the real @grafana/ui, fed by the built backend executable:
 * frames come from real QueryData calls against the demo upstream, the query editor's completion from real
 * CallResource calls. Each check is one a person would make looking at the screen: four plots drawn across the
 * panel, the incident marked, a tooltip with values, rows in rank order with their overlays and Explore links,
 * readable colours in both themes, re-layout after a resize, a message instead of an empty box.
 * Screenshots go to test-results/browser/<name>-<theme>.png.
 */
import type { DataFrameJSON } from '@grafana/data';
import { configSelectors, querySelectors } from '../../src/datasource/components/selectors';
import { correlationsSelectors as S } from '../../src/panels/correlations/components/selectors';
import type { HarnessSpec, ThemeInfo, ThemeMode } from './harness/harness';
import type { CorrelationsProbe, StlProbe } from './harness/probes';
import { BrowserSession, lensQuery, startBrowserSession } from './support/browserSession';
import { contrastRatio, parseCssColour, relativeLuminance } from './support/colours';
import { findLayoutProblems } from './support/layoutProblems';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const THEMES: ThemeMode[] = ['light', 'dark'];
const DATASOURCE = { uid: 'anomalylens-demo', type: 'seedlabs-anomalylens-datasource' };
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

// The demo's checkout latency spike recurs every 53 h from 2024-01-01T07:00Z for 20 minutes (demoCatalog.ts);
// k = 1 is 2024-01-03 12:00–12:20 UTC. Two days around it at a 5-minute step: 576 points, two daily seasons.
const STL_RANGE = { from: Date.UTC(2024, 0, 2, 12), to: Date.UTC(2024, 0, 4, 12) };
const INCIDENT = { from: Date.UTC(2024, 0, 3, 12), to: Date.UTC(2024, 0, 3, 12, 20) };
const STL_STEP = 5 * MIN;
// A week at a 15-minute step for the panel's own decomposition: 672 points, seven daily seasons of 96 points,
// and three checkout incidents (k = 1, 2, 3). With only two seasons every cycle-subseries of STL has two points
// and the seasonal component absorbs the spike, so the panel's own decomposition is checked on a week.
const WEEK_RANGE = { from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 0, 9) };
const WEEK_STEP = 15 * MIN;
const WEEK_INCIDENTS = [1, 2, 3].map((k) => Date.UTC(2024, 0, 1, 7) + k * 53 * HOUR);

// The same spike at k = 10 (2024-01-23 09:00), where the demo's orders-db slows down 2 minutes earlier: the known
// cause the correlations query must rank first (src/backend/query/__tests__/runCorrelations.test.ts).
const SPIKE = Date.UTC(2024, 0, 23, 9);
const CORR_RANGE = { from: SPIKE - HOUR, to: SPIKE + HOUR };
const ORDERS_DB = 'demo_db_query_latency_seconds{db="orders-db"}';

const PANEL = { width: 900, height: 520 };
/** The panel box's border (1 px) and padding (8 px) on each side: what the panel itself gets is smaller. */
const CHROME = 2 * (1 + 8);

let s: BrowserSession;

beforeAll(async () => {
  s = await startBrowserSession();
});

afterAll(async () => {
  await s?.close();
});

afterEach(() => {
  // Every check also holds the page to "no uncaught errors, nothing failed to load".
  // (No session means beforeAll failed and already reported why.)
  const problems = s ? s.problems.splice(0) : [];
  expect(problems).toEqual([]);
});

const probeStl = () => s.page.evaluate(() => window.harness.probe.stl());
const probeCorrelations = () => s.page.evaluate(() => window.harness.probe.correlations());
const probeSurface = () => s.page.evaluate(() => window.harness.probe.surface());
const cssColour = (c: string) => s.page.evaluate((colour) => window.harness.probe.cssColour(colour), c);

/** Renders and waits until `ready` holds on the page (polling the probe), then returns the last probe. */
async function renderUntil<T>(spec: HarnessSpec, probe: () => Promise<T>, ready: (p: T) => boolean): Promise<T> {
  await s.render(spec);
  return waitFor(probe, ready);
}

async function waitFor<T>(probe: () => Promise<T>, ready: (p: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await probe();
  while (!ready(last) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

/** "2024-01-03 12:05:00" (Grafana's default format, UTC here) → epoch ms. */
const parseShownTime = (text: string) => {
  const m = /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(text);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};

/** Layout faults inside `root` (support/layoutProblems.ts). */
const layoutProblems = (root: string, skipClipInside?: string, clippedInside?: string) =>
  findLayoutProblems(s.page, root, skipClipInside, clippedInside);

/** Checks shared by both panels: the surface follows the theme and text on it is readable. */
async function expectThemedSurface(theme: ThemeInfo, mode: ThemeMode) {
  const surface = await probeSurface();
  expect(surface.panelBackground).toBe(await cssColour(theme.background));
  const bg = parseCssColour(surface.panelBackground!);
  // Light theme: a light panel; dark theme: a dark one (relative luminance, 0 = black, 1 = white).
  if (mode === 'dark') {
    expect(relativeLuminance(bg)).toBeLessThan(0.05);
  } else {
    expect(relativeLuminance(bg)).toBeGreaterThan(0.8);
  }
  return bg;
}

describe('STL panel', () => {
  let decomposition: DataFrameJSON[];
  let rawOnly: DataFrameJSON[];
  let searchRaw: DataFrameJSON[];
  let correlationTable: DataFrameJSON[];
  const byTheme: Partial<Record<ThemeMode, StlProbe & { theme: ThemeInfo }>> = {};

  beforeAll(async () => {
    [decomposition, rawOnly, searchRaw] = await Promise.all([
      s.queryFrames(
        lensQuery('A', { expr: CHECKOUT, outputs: ['raw', 'decomposition'], seasonality: ['1d'] }, STL_RANGE, STL_STEP)
      ),
      s.queryFrames(lensQuery('B', { expr: CHECKOUT, outputs: ['raw'] }, WEEK_RANGE, WEEK_STEP)),
      s.queryFrames(
        lensQuery('C', { expr: 'demo_http_latency_seconds{service="search"}', outputs: ['raw'] }, WEEK_RANGE, WEEK_STEP)
      ),
    ]);
  });

  const spec = (theme: ThemeMode, frames: DataFrameJSON[] = decomposition): HarnessSpec => ({
    component: 'stl',
    theme,
    ...PANEL,
    frames,
    timeRange: STL_RANGE,
  });

  it.each(THEMES)('draws four plots across the panel from the data source components (%s theme)', async (mode) => {
    await s.render(spec(mode));
    const theme = (await s.page.evaluate(() => window.harness.theme))!;
    const p = await waitFor(probeStl, (x) => x.rows.length === 4);
    await s.screenshot(`stl-${mode}`);
    byTheme[mode] = { ...p, theme };

    expect(p.message).toBeUndefined();
    expect(p.header).toContain('components from the data source');
    expect(p.chartWidth).toBe(PANEL.width - CHROME);
    expect(p.rows.map((r) => r.component)).toEqual(['observed', 'trend', 'seasonal', 'remainder']);
    const points = decomposition[0].data!.values[0].length;
    for (const row of p.rows) {
      // Every point is drawn, the line runs from the first to the last time of the plot's frame, and it is not
      // a flat line at the frame's edge.
      expect(row.points).toBe(points);
      expect(row.line.x).toBeCloseTo(row.plot.x, 0);
      expect(row.line.width).toBeGreaterThan(0.99 * row.plot.width);
      expect(row.line.height).toBeGreaterThan(0.3 * row.plot.height);
      expect(row.line.y).toBeGreaterThanOrEqual(row.plot.y - 1);
      expect(row.line.y + row.line.height).toBeLessThanOrEqual(row.plot.y + row.plot.height + 1);
    }
    // Plots stacked top to bottom without overlapping.
    for (let i = 1; i < 4; i++) {
      expect(p.rows[i].plot.y).toBeGreaterThan(p.rows[i - 1].plot.y + p.rows[i - 1].plot.height);
    }
  });

  it('marks the checkout incident on the observed and remainder plots', () => {
    const p = byTheme.dark!;
    const remainder = p.markers.filter((m) => m.row === 'remainder');
    const observed = p.markers.filter((m) => m.row === 'observed');
    expect(remainder.length).toBeGreaterThan(0);
    // Each marked time is marked on both plots.
    const times = (ms: typeof remainder) => ms.map((m) => m.title.slice(0, 19));
    expect(times(observed)).toEqual(times(remainder));
    // The highest remainder marker (smallest y) is inside the 20-minute incident.
    const top = remainder.reduce((a, b) => (b.cy < a.cy ? b : a));
    const t = parseShownTime(top.title);
    expect(t).toBeGreaterThanOrEqual(INCIDENT.from);
    expect(t).toBeLessThan(INCIDENT.to);
    // And it sits where that time is on the time axis.
    const plot = p.rows[3].plot;
    const expectedX = plot.x + ((t - STL_RANGE.from) / (STL_RANGE.to - STL_RANGE.from)) * plot.width;
    expect(Math.abs(top.cx - expectedX)).toBeLessThan(plot.width / 200);
  });

  it('follows the theme: panel surface, readable text, series colours from the palette', async () => {
    for (const mode of THEMES) {
      const p = byTheme[mode]!;
      await s.render(spec(mode));
      await waitFor(probeStl, (x) => x.rows.length === 4);
      const bg = await expectThemedSurface(p.theme, mode);
      expect(p.headerColour).toBe(await cssColour(p.theme.textSecondary));
      expect(p.axisColour).toBe(await cssColour(p.theme.textSecondary));
      // Secondary text is still readable on the panel (WCAG AA for large text / UI components is 3:1).
      expect(contrastRatio(parseCssColour(p.headerColour!), bg)).toBeGreaterThan(3);
      const palette = p.theme.seriesColors;
      expect(p.rows.map((r) => r.stroke)).toEqual(
        await Promise.all([palette.blue, palette.orange, palette.green, palette.purple].map(cssColour))
      );
      expect(p.markers[0].fill).toBe(await cssColour(p.theme.errorMain));
    }
    // The two themes really differ.
    expect(byTheme.light!.headerColour).not.toBe(byTheme.dark!.headerColour);
    expect(byTheme.light!.rows[0].stroke).not.toBe(byTheme.dark!.rows[0].stroke);
  });

  it('shows a tooltip with the four values where the pointer is, and why the point is marked', async () => {
    await s.render(spec('dark'));
    await waitFor(probeStl, (x) => x.rows.length === 4);
    const at = (t: number) => (t - STL_RANGE.from) / (STL_RANGE.to - STL_RANGE.from);

    const peak = await s.page.evaluate((f) => window.harness.probe.stlHoverPoint(f), at(INCIDENT.from + 10 * MIN));
    await s.page.mouse.move(peak.x, peak.y);
    const tip = await waitFor(probeStl, (x) => x.tooltip !== undefined);
    await s.screenshot('stl-tooltip-dark');
    const shown = parseShownTime(tip.tooltip!);
    expect(Math.abs(shown - (INCIDENT.from + 10 * MIN))).toBeLessThanOrEqual(STL_STEP);
    for (const label of ['Observed', 'Trend', 'Seasonal', 'Remainder']) {
      expect(tip.tooltip).toMatch(new RegExp(`${label}-?[\\d.]+`));
    }
    expect(tip.tooltip).toMatch(/Marked: the remainder is [\d.]+σ above its median/);

    // A point away from every marker: values, and why it is not marked.
    const markedTimes = tip.markers.filter((m) => m.row === 'remainder').map((m) => parseShownTime(m.title));
    let calmTime = STL_RANGE.from + HOUR;
    while (markedTimes.some((t) => Math.abs(t - calmTime) <= 3 * STL_STEP)) {
      calmTime += STL_STEP;
    }
    const quiet = await s.page.evaluate((f) => window.harness.probe.stlHoverPoint(f), at(calmTime));
    await s.page.mouse.move(quiet.x, quiet.y);
    const calm = await waitFor(probeStl, (x) => x.tooltip !== undefined && !x.tooltip.includes('Marked:'));
    expect(Math.abs(parseShownTime(calm.tooltip!) - calmTime)).toBeLessThanOrEqual(STL_STEP);
    expect(calm.tooltip).toMatch(/Not marked: .* within 3σ/);

    await s.page.mouse.move(1, 1);
    expect((await waitFor(probeStl, (x) => x.tooltip === undefined)).tooltip).toBeUndefined();
  });

  it('re-lays out the plots to the new width and height when the panel is resized', async () => {
    await s.render(spec('light'));
    const before = await waitFor(probeStl, (x) => x.rows.length === 4);
    for (const size of [
      { width: 480, height: 360 },
      { width: 1150, height: 700 },
    ]) {
      await s.page.evaluate(({ width, height }) => window.harness.resize(width, height), size);
      const p = await waitFor(probeStl, (x) => x.chartWidth === size.width - CHROME);
      await s.screenshot(`stl-resized-${size.width}-light`);
      expect(p.chartWidth).toBe(size.width - CHROME);
      // The header takes 22 px of the panel's height (two lines, 38 px, when narrower than 760 px, so its notes
      // wrap instead of being cut); the chart gets the rest.
      expect(p.chartHeight).toBe(size.height - CHROME - (size.width - CHROME < 760 ? 38 : 22));
      for (const row of p.rows) {
        expect(row.line.width).toBeGreaterThan(0.99 * row.plot.width);
        expect(row.plot.x + row.plot.width).toBeLessThanOrEqual(size.width - CHROME);
        // Plot frames scale with the panel: a wider panel gives wider plots than the 900 px one, and so on.
        const ref = before.rows.find((r) => r.component === row.component)!;
        expect(Math.sign(row.plot.width - ref.plot.width)).toBe(Math.sign(size.width - PANEL.width));
        expect(Math.sign(row.plot.height - ref.plot.height)).toBe(Math.sign(size.height - PANEL.height));
      }
    }
  });

  it('decomposes a plain series in the browser with the season set in the options, marking every incident', async () => {
    const p = await renderUntil(
      { ...spec('dark', rawOnly), timeRange: WEEK_RANGE, options: { periodMode: 'fixed', period: '1d' } },
      probeStl,
      (x) => x.rows.length === 4
    );
    await s.screenshot('stl-browser-dark');
    // 1 day at a 15-minute step.
    expect(p.header).toContain('season 96 points');
    for (const row of p.rows) {
      expect(row.points).toBe(rawOnly[0].data!.values[0].length);
      expect(row.line.width).toBeGreaterThan(0.99 * row.plot.width);
      expect(row.line.height).toBeGreaterThan(0.3 * row.plot.height);
    }
    const marked = p.markers.filter((m) => m.row === 'remainder').map((m) => ({ ...m, t: parseShownTime(m.title) }));
    for (const start of WEEK_INCIDENTS) {
      expect(marked.some((m) => m.t >= start && m.t < start + 20 * MIN)).toBe(true);
    }
    const top = marked.reduce((a, b) => (b.cy < a.cy ? b : a));
    expect(WEEK_INCIDENTS.some((start) => top.t >= start && top.t < start + 20 * MIN)).toBe(true);
  });

  it('detects the daily season itself on a series without incidents', async () => {
    const p = await renderUntil(
      { ...spec('light', searchRaw), timeRange: WEEK_RANGE },
      probeStl,
      (x) => x.rows.length === 4 || !!x.message
    );
    await s.screenshot('stl-browser-auto-light');
    expect(p.message).toBeUndefined();
    expect(p.header).toContain('season 96 points');
  });

  it.each(THEMES)('says there is no data instead of drawing empty plots (%s theme)', async (mode) => {
    const p = await renderUntil(spec(mode, []), probeStl, (x) => x.message !== undefined);
    await s.screenshot(`stl-no-data-${mode}`);
    expect(p.rows).toEqual([]);
    expect(p.message).toMatch(/^No data/);
  });

  it('explains why a correlations table is unsuitable for STL', async () => {
    correlationTable = await s.queryFrames(
      lensQuery(
        'C',
        { queryType: 'correlations', expr: '{__name__=~"demo_.*"}', correlate: { target: CHECKOUT, overlays: 0 } },
        CORR_RANGE,
        MIN
      )
    );
    const p = await renderUntil(spec('light', correlationTable), probeStl, (x) => x.message !== undefined);
    await s.screenshot('stl-unsuitable-light');
    expect(p.rows).toEqual([]);
    expect(p.message).toMatch(/no time field/i);
  });
});

describe('correlations panel', () => {
  let frames: DataFrameJSON[];
  const targets = [{ refId: 'A', datasource: DATASOURCE, queryType: 'correlations' }];
  const byTheme: Partial<Record<ThemeMode, CorrelationsProbe>> = {};

  beforeAll(async () => {
    frames = await s.queryFrames(
      lensQuery(
        'A',
        {
          queryType: 'correlations',
          expr: '{__name__=~"demo_.*"}',
          correlate: { target: CHECKOUT, window: { from: SPIKE - 10 * MIN, to: SPIKE + 30 * MIN }, maxLag: '10m' },
        },
        CORR_RANGE,
        MIN
      )
    );
  });

  const spec = (theme: ThemeMode, f: DataFrameJSON[] = frames, size = PANEL): HarnessSpec => ({
    component: 'correlations',
    theme,
    ...size,
    frames: f,
    timeRange: CORR_RANGE,
    targets,
  });

  it.each(THEMES)(
    "lists candidates in the data source's rank order with their co-movement, the known cause on top (%s theme)",
    async (mode) => {
      const p = await renderUntil(spec(mode), probeCorrelations, (x) => x.rows.length > 0);
      await s.screenshot(`correlations-${mode}`);
      byTheme[mode] = p;

      expect(p.message).toBeUndefined();
      expect(p.header).toContain(CHECKOUT);
      const ranks = p.rows.map((r) => r.rank);
      expect(ranks).toEqual(Array.from({ length: ranks.length }, (_, i) => i + 1));
      // Rows on screen: as many as fit in the panel, not just one or two.
      expect(p.rows.length).toBeGreaterThanOrEqual(8);
      // The number shown is each row's co-movement r; the order is the root-cause rank (change, co-movement and
      // onset together, docs/algorithms/correlation.md), so r need not fall from row to row.
      const scores = p.rows.map((r) => Math.abs(Number(r.score)));
      expect(scores.every((x) => Number.isFinite(x) && x <= 1)).toBe(true);
      expect(scores[0]).toBe(Math.max(...scores));
      expect(p.rows[0].series).toBe(ORDERS_DB);
      expect(p.rows[0].lag).toBe('leads by 2m');
      expect(p.rows[0].direction).toBe('with');
      expect(Number(p.rows[0].score)).toBeGreaterThan(0.8);
    }
  );

  it('draws the overlay of target and candidate for the top rows', () => {
    const p = byTheme.dark!;
    const withOverlay = p.rows.filter((r) => r.overlay);
    // The query's default `overlays` is 20: every row on screen here is within the top 20.
    expect(withOverlay.map((r) => r.rank)).toEqual(p.rows.map((r) => r.rank));
    for (const r of withOverlay) {
      const o = r.overlay!;
      expect(o.targetPoints).toBeGreaterThan(10);
      expect(o.candidatePoints).toBeGreaterThan(10);
      expect(o.target.width).toBeGreaterThan(0.8 * o.width);
      expect(o.candidate.width).toBeGreaterThan(0.5 * o.width);
      expect(o.candidate.height).toBeGreaterThan(0);
    }
  });

  it('links each row to Explore with that candidate over the window', () => {
    const p = byTheme.light!;
    for (const r of p.rows) {
      expect(r.explore).toMatch(/^\/explore\?/);
    }
    const url = new URL(p.rows[0].explore!, 'http://grafana.local');
    expect(url.searchParams.get('schemaVersion')).toBe('1');
    const panes = JSON.parse(url.searchParams.get('panes')!);
    const pane = Object.values(panes)[0] as { datasource: string; queries: Array<Record<string, unknown>> };
    expect(pane.datasource).toBe(DATASOURCE.uid);
    expect(pane.queries[0].datasource).toEqual(DATASOURCE);
    expect(String(pane.queries[0].expr)).toContain('orders-db');
  });

  it('follows the theme', async () => {
    const colours: string[] = [];
    for (const mode of THEMES) {
      const theme = await s.render(spec(mode));
      await waitFor(probeCorrelations, (x) => x.rows.length > 0);
      const bg = await expectThemedSurface(theme, mode);
      const text = (await probeSurface()).panelText!;
      expect(text).toBe(await cssColour(theme.textPrimary));
      expect(contrastRatio(parseCssColour(text), bg)).toBeGreaterThan(7);
      colours.push(text);
    }
    expect(colours[0]).not.toBe(colours[1]);
  });

  it('drops the overlay column when resized narrow and brings it back when widened', async () => {
    await renderUntil(spec('light'), probeCorrelations, (x) => x.rows.length > 0);
    await s.page.evaluate(() => window.harness.resize(420, 400));
    const narrow = await waitFor(probeCorrelations, (x) => x.rows.length > 0 && !x.rows[0].overlay);
    await s.screenshot('correlations-narrow-light');
    expect(narrow.rows[0].overlay).toBeUndefined();
    expect(narrow.rows[0].series).toBe(ORDERS_DB);
    expect(narrow.rows[0].explore).toMatch(/^\/explore\?/);
    await s.page.evaluate(() => window.harness.resize(1000, 400));
    const wide = await waitFor(probeCorrelations, (x) => x.rows.length > 0 && x.rows[0].overlay !== undefined);
    expect(wide.rows[0].overlay!.target.width).toBeGreaterThan(0.8 * wide.rows[0].overlay!.width);
  });

  it.each(THEMES)(
    'says so when there is no data or the result is not a correlations query (%s theme)',
    async (mode) => {
      const empty = await renderUntil(spec(mode, []), probeCorrelations, (x) => x.message !== undefined);
      await s.screenshot(`correlations-no-data-${mode}`);
      expect(empty.rows).toEqual([]);
      expect(empty.message).toMatch(/^No data/);

      const series = await s.queryFrames(lensQuery('A', { expr: CHECKOUT, outputs: ['raw'] }, CORR_RANGE, MIN));
      const unsuitable = await renderUntil(spec(mode, series), probeCorrelations, (x) => x.message !== undefined);
      await s.screenshot(`correlations-unsuitable-${mode}`);
      expect(unsuitable.message).toContain('needs an Anomaly Lens query of type "Correlations"');
    }
  );
});

describe('panels at 600 and 1200 px in both themes: nothing overflows, no text is cut', () => {
  const WIDTHS = [600, 1200];
  const HEIGHT = 520;
  const CASES = WIDTHS.flatMap((w) => THEMES.map((mode) => [w, mode] as const));
  const ROOT = '[data-testid="harness-panel"]';
  // A calm hour away from every incident: nothing outside checkout's own family moves with it.
  const CALM = SPIKE - 6 * HOUR;
  let decomposition: DataFrameJSON[];
  let week: DataFrameJSON[];
  let ranking: DataFrameJSON[];
  let calm: DataFrameJSON[];
  const targets = [{ refId: 'A', datasource: DATASOURCE, queryType: 'correlations' }];

  beforeAll(async () => {
    const correlations = (from: number, to: number, window: { from: number; to: number }) =>
      s.queryFrames(
        lensQuery(
          'A',
          {
            queryType: 'correlations',
            expr: '{__name__=~"demo_.*"}',
            correlate: { target: CHECKOUT, window, maxLag: '10m' },
          },
          { from, to },
          MIN
        )
      );
    [decomposition, week, ranking, calm] = await Promise.all([
      s.queryFrames(
        lensQuery('A', { expr: CHECKOUT, outputs: ['raw', 'decomposition'], seasonality: ['1d'] }, STL_RANGE, STL_STEP)
      ),
      s.queryFrames(lensQuery('B', { expr: CHECKOUT, outputs: ['raw'] }, WEEK_RANGE, WEEK_STEP)),
      correlations(CORR_RANGE.from, CORR_RANGE.to, { from: SPIKE - 10 * MIN, to: SPIKE + 30 * MIN }),
      correlations(CALM - HOUR, CALM + HOUR, { from: CALM - 10 * MIN, to: CALM + 30 * MIN }),
    ]);
  });

  /** Box of the element with `testId`, in page coordinates, or undefined when it is not on the page. */
  const boxOf = (testId: string) =>
    s.page.evaluate((id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) {
        return undefined;
      }
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: el.textContent ?? '' };
    }, testId);
  const viewport = () => s.page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  /** Also text cut with an ellipsis inside a box that holds more than text (the leaf rule above skips those). */
  const cut = async () => [
    ...(await layoutProblems(ROOT)),
    ...(await s.page.evaluate((root) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(`${root} *`))) {
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
          out.push(`"${(el.textContent ?? '').trim().slice(0, 30)}" ends in an ellipsis`);
        }
      }
      return out;
    }, ROOT)),
  ];

  it.each(CASES)(
    'STL panel at %i px (%s theme): plots, hover tooltip and the browser decomposition fit',
    async (width, mode) => {
      const spec = (frames: DataFrameJSON[], extra: Partial<HarnessSpec> = {}): HarnessSpec => ({
        component: 'stl',
        theme: mode,
        width,
        height: HEIGHT,
        frames,
        timeRange: STL_RANGE,
        ...extra,
      });
      const p = await renderUntil(spec(decomposition), probeStl, (x) => x.rows.length === 4);
      await s.screenshot(`stl-${width}-${mode}`);
      expect(p.chartWidth).toBe(width - CHROME);
      expect(await cut()).toEqual([]);

      // The tooltip at the incident's peak stays inside the panel and says why the point is marked.
      const at = (INCIDENT.from + 10 * MIN - STL_RANGE.from) / (STL_RANGE.to - STL_RANGE.from);
      const peak = await s.page.evaluate((f) => window.harness.probe.stlHoverPoint(f), at);
      await s.page.mouse.move(peak.x, peak.y);
      const tip = await waitFor(probeStl, (x) => x.tooltip !== undefined);
      await s.screenshot(`stl-tooltip-${width}-${mode}`);
      expect(tip.tooltip).toMatch(/Marked: the remainder is [\d.]+σ above its median/);
      expect(await cut()).toEqual([]);
      await s.page.mouse.move(1, 1);

      // The panel's own (robust) decomposition of a week.
      const own = await renderUntil(
        spec(week, { timeRange: WEEK_RANGE, options: { periodMode: 'fixed', period: '1d' } }),
        probeStl,
        (x) => x.rows.length === 4
      );
      await s.screenshot(`stl-browser-${width}-${mode}`);
      expect(own.header).toContain('robust');
      expect(await cut()).toEqual([]);
    }
  );

  it.each(CASES)(
    'correlations panel at %i px (%s theme): rows, overlay tooltip, and muted rows under "no clear cause" fit',
    async (width, mode) => {
      const spec = (frames: DataFrameJSON[], range: { from: number; to: number }): HarnessSpec => ({
        component: 'correlations',
        theme: mode,
        width,
        height: HEIGHT,
        frames,
        timeRange: range,
        targets,
      });
      const p = await renderUntil(spec(ranking, CORR_RANGE), probeCorrelations, (x) => x.rows.length > 0);
      await s.screenshot(`correlations-${width}-${mode}`);
      expect(p.rows[0].series).toBe(ORDERS_DB);
      // Every row's name is shown whole (wrapped, not cut): the layout check below finds no cut text.
      expect(await cut()).toEqual([]);
      // The target line and the window shading are drawn in every overlay.
      expect(p.rows.every((r) => r.overlay && r.overlay.targetPoints > 10)).toBe(true);
      expect(await boxOf(S.overlayWindow)).toBeDefined();

      // Hover the middle of the top row's overlay: a tooltip with the time and both values.
      const area = (await boxOf(S.overlayHoverArea))!;
      await s.page.mouse.move((area.left + area.right) / 2, (area.top + area.bottom) / 2);
      const tip = await waitFor(
        () => boxOf(S.overlayTooltip),
        (x) => x !== undefined
      );
      await s.screenshot(`correlations-tooltip-${width}-${mode}`);
      expect(tip!.text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
      expect(tip!.text).toContain(CHECKOUT);
      expect(tip!.text).toContain(ORDERS_DB);
      expect(tip!.text).toContain('leads by 2m, drawn shifted');
      // The tooltip is on screen, whole.
      const vp = await viewport();
      expect(tip!.left).toBeGreaterThanOrEqual(0);
      expect(tip!.right).toBeLessThanOrEqual(vp.width);
      expect(tip!.bottom).toBeLessThanOrEqual(vp.height);
      await s.page.mouse.move(1, 1);
      expect(
        await waitFor(
          () => boxOf(S.overlayTooltip),
          (x) => x === undefined
        )
      ).toBeUndefined();

      // A calm window: no clear cause, every row muted, still nothing cut.
      await renderUntil(
        spec(calm, { from: CALM - HOUR, to: CALM + HOUR }),
        probeCorrelations,
        (x) => x.rows.length > 0
      );
      const banner = await waitFor(
        () => boxOf(S.noClearCause),
        (x) => x !== undefined
      );
      await s.screenshot(`correlations-no-clear-cause-${width}-${mode}`);
      expect(banner!.text).toBe(S.texts.noClearCause);
      const muted = await s.page.evaluate(
        (id) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)).map((r) => r.getAttribute('data-muted')),
        S.row
      );
      expect(muted.length).toBeGreaterThan(0);
      expect(muted.every((m) => m === 'true')).toBe(true);
      expect(await cut()).toEqual([]);
    }
  );
});

describe('query editor', () => {
  const latestQuery = () => s.page.evaluate(() => window.harness.events.query);
  const monaco = () => s.page.locator('[data-testid="harness-editor"] .monaco-editor').first();

  /** Waits for Grafana's Monaco editor to load (the real one, bundled from node_modules) and puts the cursor in it. */
  async function focusEditor() {
    await monaco().locator('.view-lines').waitFor();
    await monaco().click();
  }

  /** The labels of Monaco's suggest widget in the order it lists them (its rows are positioned, not ordered). */
  async function suggestions(): Promise<string[]> {
    const rows = s.page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor();
    return rows.evaluateAll((els) =>
      els
        .map((e) => ({ i: Number(e.getAttribute('data-index')), label: e.querySelector('.label-name')?.textContent }))
        .sort((x, y) => x.i - y.i)
        .map((x) => x.label ?? '')
    );
  }

  it.each(THEMES)(
    'completes metric names from the backend while typing and inserts the chosen one (%s theme)',
    async (mode) => {
      await s.render({
        component: 'queryEditor',
        theme: mode,
        width: 900,
        height: 400,
        query: { refId: 'A', schemaVersion: 2, expr: '' },
      });
      // What the backend offers, asked directly through the same resource route.
      const metrics = (await (
        await fetch(`${s.server.url}/api/datasources/uid/${DATASOURCE.uid}/resources/metrics`)
      ).json()) as {
        metrics: Array<{ name: string }>;
      };
      const expected = metrics.metrics.map((m) => m.name).filter((n) => n.startsWith('demo_k'));
      expect(expected.length).toBeGreaterThan(0);

      await focusEditor();
      await s.page.keyboard.type('demo_k', { delay: 20 });
      const shown = await suggestions();
      await s.screenshot(`query-editor-completion-${mode}`);
      expect(shown).toEqual([...expected].sort());

      // Enter takes the highlighted (first) suggestion into the query and closes the list.
      await s.page.keyboard.press('Enter');
      await s.page
        .locator('.suggest-widget.visible')
        .waitFor({ state: 'detached' })
        .catch(() => undefined);
      await expect(s.page.locator('.suggest-widget.visible').count()).resolves.toBe(0);
      expect((await latestQuery())?.expr).toBe(shown[0]);
    }
  );

  it('completes label values of the chosen metric from the backend', async () => {
    await s.render({
      component: 'queryEditor',
      theme: 'dark',
      width: 900,
      height: 400,
      query: { refId: 'A', schemaVersion: 2, expr: '' },
    });
    await focusEditor();
    // Monaco closes the brace and quote it opens; the cursor stays inside them.
    await s.page.keyboard.type('demo_kafka_bytes_in{broker="', { delay: 10 });
    expect([...(await suggestions())].sort()).toEqual(['kafka-1', 'kafka-2', 'kafka-3', 'kafka-4']);
    expect(s.server.resourceCalls.some((c) => c.startsWith('label-values') || c.startsWith('series'))).toBe(true);
  });

  it('colours PromQL with our language: functions, keywords, metric, label names, strings and durations apart', async () => {
    await s.render({
      component: 'queryEditor',
      theme: 'dark',
      width: 1200,
      height: 400,
      jsonData: { upstream: 'prometheus' },
      resources: {},
      query: { refId: 'A', schemaVersion: 2, expr: 'sum by (job) (rate(http_requests_total{job="api"}[5m]))' },
    });
    // Monaco first paints the line whole and tokenizes it afterwards: wait for the last token's own span.
    await monaco().locator('.view-line span span', { hasText: /^5m$/ }).waitFor();
    const tokens = await monaco()
      .locator('.view-line span span')
      .evaluateAll((els) => els.map((e) => [e.textContent ?? '', getComputedStyle(e).color] as const));
    const colourOf = (text: string) => tokens.find(([t]) => t.trim() === text)?.[1];
    const colours = new Set(['sum', 'by', 'http_requests_total', '"api"', '5m'].map(colourOf));
    expect(colours.has(undefined)).toBe(false);
    expect(colours.size).toBeGreaterThanOrEqual(4);
    expect(colourOf('sum')).toBe(colourOf('rate'));
    await s.screenshot('query-editor-promql-highlighting-dark');
  });

  // Prometheus and InfluxDB upstreams: the harness's executable serves the demo upstream, so the resource answers of
  // those upstreams are stand-ins in the page (HarnessSpec.resources), in the shapes src/shared/resources.ts names.
  const PROMETHEUS = {
    upstream: { upstream: 'prometheus' as const, url: 'http://prometheus.invalid' },
    resources: {
      'label-values?label=__name__': {
        label: '__name__',
        values: ['http_requests_total', 'node_http_errors_total', 'rate_limited_requests_total', 'up'],
      },
      'metadata?': { metadata: { http_requests_total: { type: 'counter', help: 'Requests served', unit: '' } } },
    },
    typed: 'rat',
    // The metric starting with the prefix, then the functions starting with it, then the function containing it.
    order: ['rate_limited_requests_total', 'rate', 'irate'],
  };
  const INFLUXDB = {
    upstream: { upstream: 'influxdb' as const, url: 'http://influxdb.invalid', database: 'telegraf' },
    resources: {
      'measurements?': { measurements: ['cpu', 'mem'] },
      'field-keys?measurement=cpu': {
        measurement: 'cpu',
        fields: [
          { key: 'memory_used', type: 'float' },
          { key: 'usage_mean', type: 'float' },
        ],
      },
      'tag-keys?measurement=cpu': { measurement: 'cpu', keys: ['host', 'region'] },
    },
    typed: 'me',
    // Fields starting with the prefix, then functions starting with it, then the field containing it.
    order: ['memory_used', 'mean', 'median', 'usage_mean'],
  };

  describe.each([
    ['Prometheus', PROMETHEUS],
    ['InfluxQL', INFLUXDB],
  ] as const)('%s upstream', (name, u) => {
    const cases = THEMES.flatMap((mode) => [600, 1200].map((width) => [mode, width] as const));

    it.each(cases)(
      `loads Monaco, ranks the completion of a typed prefix, and fits at its width (%s theme, %i px)`,
      async (mode, width) => {
        await s.render({
          component: 'queryEditor',
          theme: mode,
          width,
          height: 500,
          jsonData: u.upstream,
          resources: u.resources,
          query:
            name === 'InfluxQL'
              ? {
                  refId: 'A',
                  schemaVersion: 2,
                  expr: 'SELECT  FROM cpu WHERE $timeFilter GROUP BY time($__interval), host',
                }
              : { refId: 'A', schemaVersion: 2, expr: '' },
        });
        await focusEditor();
        if (name === 'InfluxQL') {
          // Into the SELECT list: after "SELECT ".
          await s.page.keyboard.press('Control+Home');
          for (let i = 0; i < 'SELECT '.length; i++) {
            await s.page.keyboard.press('ArrowRight');
          }
        }
        await s.page.keyboard.type(u.typed, { delay: 30 });
        expect(await suggestions()).toEqual(u.order);
        // The highlighting is ours: keywords and names get different token colours.
        const tokenClasses = await monaco()
          .locator('.view-line span span')
          .evaluateAll((els) => new Set(els.map((e) => e.className)).size);
        if (name === 'InfluxQL') {
          expect(tokenClasses).toBeGreaterThan(2);
        }
        const tag = `query-editor-${name.toLowerCase()}-${width}-${mode}`;
        await s.screenshot(`${tag}-completion`);
        // The suggest widget floats over the page like any menu (at 600 px it reaches past the editor's right
        // edge): it stays inside the window and shows every label whole.
        const box = await s.page.getByTestId('harness-editor').boundingBox();
        const widget = await s.page.locator('.suggest-widget.visible').boundingBox();
        expect(widget!.x + widget!.width).toBeLessThanOrEqual(s.page.viewportSize()!.width);
        const cut = await s.page
          .locator('.suggest-widget .monaco-list-row .label-name')
          .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
        expect(cut).toEqual([]);
        await s.page.keyboard.press('Escape');

        // The Options row, collapsed with its summary and opened.
        await expect(s.page.getByTestId(querySelectors.optionsSummary).textContent()).resolves.toBe(
          'Legend: VerboseMin step: autoFormat: Time seriesType: Range'
        );
        await s.page.getByText('Options', { exact: true }).click();
        await s.page.getByLabel(querySelectors.minStep, { exact: true }).fill('15s');
        await expect(s.page.getByTestId(querySelectors.optionsSummary).textContent()).resolves.toContain(
          'Min step: 15s'
        );
        expect((await latestQuery())?.minStepMs).toBe(15_000);
        if (name === 'Prometheus') {
          await s.page.getByRole('button', { name: querySelectors.metricsBrowser }).click();
          await s.page.getByLabel(querySelectors.browserMetric).waitFor();
        }
        await s.screenshot(`${tag}-options`);
        // Nothing in the expression section (browser, field, Options row) runs past it or is cut, and the section
        // fits the editor's box; Monaco's lines scroll inside its own box, which is held to the rules like the rest.
        const section = `[data-testid="${querySelectors.exprSection}"]`;
        expect(await layoutProblems(section, undefined, '.monaco-editor')).toEqual([]);
        const sectionBox = await s.page.locator(section).boundingBox();
        expect(sectionBox!.x + sectionBox!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
        const editorBox = await monaco().boundingBox();
        expect(editorBox!.x + editorBox!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
      }
    );
  });
});

describe('query editor validation at 600 and 1200 px', () => {
  const EDITOR = '[data-testid="harness-editor"]';
  const CASES = [600, 1200].flatMap((w) => THEMES.map((mode) => [w, mode] as const));
  const alerts = () =>
    s.page.evaluate((root) => {
      const texts = Array.from(document.querySelectorAll(`${root} [role="alert"]`)).map((e) => e.textContent ?? '');
      const invalid = Array.from(document.querySelectorAll(`${root} [aria-invalid="true"]`)).map(
        (e) => e.getAttribute('aria-label') ?? e.id
      );
      return { texts, invalid };
    }, EDITOR);

  it.each(CASES)(
    'accepts $var in a correlations window, shows each message once and marks each invalid field at %i px (%s theme)',
    async (width, mode) => {
      await s.render({
        component: 'queryEditor',
        theme: mode,
        width,
        height: 600,
        query: {
          refId: 'A',
          schemaVersion: 2,
          expr: '{__name__=~"demo_.*"}',
          queryType: 'correlations',
          correlate: { target: CHECKOUT, window: { from: '$anomaly_from', to: '${anomaly_to}' } },
        },
      });
      await s.page.getByText('Window from').first().waitFor();
      await s.screenshot(`query-editor-variables-${width}-${mode}`);
      const ok = await alerts();
      expect(ok.invalid).toEqual([]);
      // No error bubble at all: the query is valid once the dashboard sets the variables.
      expect(ok.texts).toEqual([]);
      expect(await layoutProblems(EDITOR, undefined, '.monaco-editor')).toEqual([]);

      await s.render({
        component: 'queryEditor',
        theme: mode,
        width,
        height: 600,
        query: { refId: 'A', schemaVersion: 2, expr: 'demo_up', sensitivity: 42, movingWindow: 'soon' },
      });
      await s.page
        .getByText(/^sensitivity must be/)
        .first()
        .waitFor();
      await s.screenshot(`query-editor-invalid-${width}-${mode}`);
      const page = await s.page.evaluate((root) => document.querySelector(root)!.textContent ?? '', EDITOR);
      expect(page.match(/sensitivity must be/g)).toHaveLength(1);
      expect(page.match(/movingWindow /g)).toHaveLength(1);
      const bad = await alerts();
      expect(bad.invalid.length).toBeGreaterThanOrEqual(2);
      expect(await layoutProblems(EDITOR, undefined, '.monaco-editor')).toEqual([]);
    }
  );
});

describe('query editor backtest', () => {
  // The demo's checkout spikes in the week before 2024-01-22 (20 min every 53 h from 2024-01-01T07:00Z).
  const TO = Date.UTC(2024, 0, 22);
  const RANGE = { from: TO - 7 * 24 * HOUR, to: TO };
  const SPIKES = ['2024-01-16T18:00:00Z', '2024-01-18T23:00:00Z', '2024-01-21T04:00:00Z'].map((t) => ({
    from: Date.parse(t),
    to: Date.parse(t) + 20 * MIN,
  }));

  it.each(THEMES)(
    'backtests the query over the last 7 days and tables the firings against the incidents (%s theme)',
    async (mode) => {
      // What the built executable answers for this backtest, served as the data source's query answer.
      const frames = await s.queryFrames(
        lensQuery(
          'A',
          { queryType: 'backtest', expr: CHECKOUT, minStepMs: MIN, backtest: { incidents: SPIKES } },
          RANGE,
          MIN
        )
      );
      await s.render({
        component: 'queryEditor',
        theme: mode,
        width: 900,
        height: 600,
        query: { refId: 'A', schemaVersion: 2, expr: CHECKOUT },
        dsQueryFrames: frames,
      });
      await s.page.getByText(querySelectors.preview, { exact: true }).click();
      const result = s.page.getByTestId(querySelectors.previewResult);
      await result.waitFor();
      await expect(result.textContent()).resolves.toContain(
        'Over the last 7 d an alert on this query would have fired 4 times (0.571 per day). It caught 3 of 3 ' +
          'tagged incidents: precision 75 %, recall 100 %, median delay 2m.'
      );
      const rows = await s.page.getByTestId(querySelectors.previewWindow).allTextContents();
      expect(rows).toHaveLength(4);
      expect(rows.filter((r) => r.endsWith('false alarm'))).toHaveLength(1);
      // The spike of 16 January: fired at its second minute, above, far over the expected latency.
      expect(rows.find((r) => r.startsWith('2024-01-16 18:01'))).toMatch(/above\d.* vs \d.*\+\d+\.\d/);
      const sent = (await s.page.evaluate(() => window.harness.events.dsQueries)) as Array<Record<string, unknown>>;
      // The backtest, beside the sparkline's series query (backtestViews.test.ts checks that one).
      expect(sent.find((q) => q.queryType === 'backtest')).toMatchObject({
        refId: 'A',
        queryType: 'backtest',
        minStepMs: MIN,
        expr: CHECKOUT,
      });
      await s.screenshot(`query-editor-backtest-${mode}`);
    }
  );
});

describe('config editor', () => {
  /** The editor's sections and sub-sections, as plugin-ui titles them (h3 and h6). */
  const sections = () => s.page.locator('[data-testid="harness-editor"] h3').allTextContents();
  const subSections = () => s.page.locator('[data-testid="harness-editor"] h6').allTextContents();

  /** Picks an authentication method in plugin-ui's method select. */
  async function chooseAuth(method: string) {
    await s.page.locator('#auth-method-select').click();
    await s.page.getByRole('option', { name: new RegExp(`^${method}`) }).click();
  }

  it.each(THEMES)(
    'shows the sections of a Prometheus data source and switches to InfluxDB (%s theme)',
    async (mode) => {
      await s.render({
        component: 'configEditor',
        theme: mode,
        width: 900,
        height: 800,
        jsonData: { upstream: 'prometheus' },
        secureJsonFields: { bearerToken: true },
      });
      await s.page.getByText('HTTP headers').first().waitFor();
      await s.screenshot(`config-editor-${mode}`);
      expect(await sections()).toEqual(['Upstream', 'Connection', 'Authentication', 'Additional settings', 'Limits']);
      expect(await subSections()).toEqual([
        'Authentication methods',
        'TLS settings',
        'HTTP headers',
        'Advanced HTTP settings',
        'Prometheus',
      ]);
      await expect(s.page.getByLabel('Data source connection URL').isVisible()).resolves.toBe(true);
      // A stored token shows as configured (never its value) with a way to reset it.
      await expect(s.page.getByRole('button', { name: 'Reset' }).isVisible()).resolves.toBe(true);
      // The timeout's default is said in words beside an empty box.
      await expect(s.page.getByLabel(new RegExp(`^${configSelectors.timeout}`)).inputValue()).resolves.toBe('');
      await expect(s.page.getByText('Default: 30 s.', { exact: false }).isVisible()).resolves.toBe(true);

      await s.page.getByRole('radio', { name: 'InfluxDB' }).click();
      await s.page.getByLabel(new RegExp(`^${configSelectors.database}`)).waitFor();
      const settings = await s.page.evaluate(() => window.harness.events.settings);
      expect(settings?.jsonData.upstream).toBe('influxdb');
      expect(await subSections()).not.toContain('Prometheus');
    }
  );

  it.each(THEMES.flatMap((t) => [600, 1200].map((w) => [t, w] as const)))(
    'fits every field of a fully set Prometheus source, TLS, headers and limits open, with nothing cut or overflowing (%s theme, %i px)',
    async (mode, width) => {
      await s.render({
        component: 'configEditor',
        theme: mode,
        width,
        height: 0,
        jsonData: {
          upstream: 'prometheus',
          prometheusType: 'Mimir',
          prometheusVersion: '2.9.1',
          customQueryParameters: 'max_source_resolution=5m&dedup=true',
          tlsAuthWithCACert: true,
          tlsAuth: true,
          tlsSkipVerify: true,
          serverName: 'mimir.internal',
          httpHeaderName1: 'X-Scope-OrgID',
          httpHeaderName2: 'CF-Access-Client-Secret',
          maxResponseBytes: 8 * 1024 * 1024,
          maxHistory: '2w',
        },
        secureJsonFields: { httpHeaderValue1: true, tlsCACert: true, tlsClientCert: true, tlsClientKey: true },
      });
      await chooseAuth('Basic authentication');
      await s.page.locator('#basic-auth-user-input').waitFor();
      await s.page.getByRole('button', { name: 'Expand section Limits' }).click();
      await s.page.getByLabel(/^Max upstream answer size/).waitFor();
      await expect(s.page.getByLabel(/^Max upstream answer size/).inputValue()).resolves.toBe('8');
      await expect(s.page.locator('#client-auth-servername-input').inputValue()).resolves.toBe('mimir.internal');
      await s.screenshot(`config-editor-full-${mode}-${width}`);
      expect(await layoutProblems('[data-testid="harness-editor"]')).toEqual([]);
    }
  );

  it.each([600, 1200])('fits an InfluxDB source with a token at %i px (dark theme)', async (width) => {
    await s.render({
      component: 'configEditor',
      theme: 'dark',
      width,
      height: 0,
      jsonData: { upstream: 'influxdb', httpMode: 'POST' },
      secureJsonFields: { influxToken: true },
    });
    await s.page.getByLabel(new RegExp(`^${configSelectors.influxToken}`)).waitFor();
    await s.screenshot(`config-editor-influxdb-dark-${width}`);
    expect(await layoutProblems('[data-testid="harness-editor"]')).toEqual([]);
  });

  it('keeps a header name paired with its stored value when the header before it is removed, in the browser', async () => {
    await s.render({
      component: 'configEditor',
      theme: 'light',
      width: 900,
      height: 0,
      jsonData: { upstream: 'prometheus', httpHeaderName1: 'A', httpHeaderName2: 'B', httpHeaderName3: 'C' },
      secureJsonFields: { httpHeaderValue1: true, httpHeaderValue2: true, httpHeaderValue3: true },
    });
    await s.page.getByRole('button', { name: 'Remove header' }).nth(1).click();
    await s.page.waitForFunction(() => window.harness.events.settings?.jsonData.httpHeaderName2 === undefined);
    const settings = await s.page.evaluate(() => window.harness.events.settings);
    expect(settings?.jsonData).toMatchObject({ httpHeaderName1: 'A', httpHeaderName3: 'C' });
    expect(settings?.jsonData).not.toHaveProperty('httpHeaderName2');
    expect(settings?.secureJsonFields).toMatchObject({
      httpHeaderValue1: true,
      httpHeaderValue2: false,
      httpHeaderValue3: true,
    });
  });

  it('needs no connection settings for the demo upstream', async () => {
    await s.render({
      component: 'configEditor',
      theme: 'light',
      width: 900,
      height: 400,
      jsonData: { upstream: 'demo' },
    });
    await s.page.getByTestId(configSelectors.demoNote).waitFor();
    expect(await sections()).toEqual(['Upstream', 'Limits']);
  });
});

describe('analyse page (opened from a panel menu)', () => {
  let analyse: NonNullable<HarnessSpec['analyse']>;
  const WINDOW = { fromMs: SPIKE - 10 * MIN, toMs: SPIKE + 30 * MIN };

  beforeAll(async () => {
    const [series, decomposition, windows, correlations] = await Promise.all([
      s.queryFrames(lensQuery('A', { expr: CHECKOUT, outputs: ['raw', 'band', 'flag'] }, CORR_RANGE, MIN)),
      s.queryFrames(
        lensQuery('S', { expr: CHECKOUT, outputs: ['raw', 'decomposition'], seasonality: ['1d'] }, CORR_RANGE, MIN)
      ),
      s.queryFrames(lensQuery('W', { expr: CHECKOUT, queryType: 'anomalyWindows' }, CORR_RANGE, MIN)),
      s.queryFrames(
        lensQuery(
          'R',
          {
            queryType: 'correlations',
            expr: '{__name__=~"demo_.*"}',
            correlate: { target: CHECKOUT, window: { from: WINDOW.fromMs, to: WINDOW.toMs }, maxLag: '10m' },
          },
          CORR_RANGE,
          MIN
        )
      ),
    ]);
    analyse = {
      params: {
        kind: 'prometheus',
        sourceUid: 'prometheus-demo',
        expr: CHECKOUT,
        from: String(CORR_RANGE.from),
        to: String(CORR_RANGE.to),
        dashboardUid: 'anomalylens-start-here',
        panelId: 1,
        panelTitle: 'checkout latency',
        window: WINDOW,
      },
      series,
      decomposition,
      windows,
      correlations,
    };
  });

  /** Every element inside the page box, and the page's own text not cut (the panels shorten long names by design). */
  const pageProblems = () => layoutProblems('[data-testid="harness-page"]', '[data-testid="harness-panel"]');

  const spec = (theme: ThemeMode, width: number): HarnessSpec => ({
    component: 'analysePage',
    theme,
    width,
    height: 0,
    analyse,
  });

  it.each(THEMES.flatMap((t) => [600, 1200].map((w) => [t, w] as const)))(
    'shows the band, the flagged windows, the decomposition and the ranking for the window (%s theme, %i px)',
    async (mode, width) => {
      await s.render(spec(mode, width));
      await s.page.waitForSelector('[data-testid="anomalylens-analyse-windows"]', { timeout: 10_000 });
      await s.page.waitForSelector('[data-testid="harness-timeseries"] polyline', { timeout: 10_000 });
      const stl = await waitFor(probeStl, (p) => p.rows.length === 4);
      const ranking = await waitFor(probeCorrelations, (p) => p.rows.length > 0);
      await s.screenshot(`analyse-page-${mode}-${width}`);

      const text = await s.page.evaluate(
        () => document.querySelector('[data-testid="harness-page"]')!.textContent ?? ''
      );
      expect(text).toContain('Anomaly Lens data source: Anomaly Lens (Prometheus)');
      expect(text).toContain('Add anomaly band to this panel');
      expect(text).toContain('Create alert rule');
      // The demo's checkout spike at SPIKE is flagged, and its cause is ranked first over the window.
      const windows = await s.page.evaluate(() =>
        Array.from(document.querySelectorAll('[data-testid="anomalylens-analyse-windows"] tbody tr')).map(
          (r) => r.textContent ?? ''
        )
      );
      expect(windows.length).toBeGreaterThan(0);
      expect(windows.some((w) => w.includes('checkout'))).toBe(true);
      expect(stl.message).toBeUndefined();
      expect(stl.rows.every((r) => r.points > 1)).toBe(true);
      expect(ranking.rows[0].series).toBe(ORDERS_DB);
      expect(await pageProblems()).toEqual([]);
    }
  );
});
