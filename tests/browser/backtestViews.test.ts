/**
 * The two backtest views in headless Chromium with the real @grafana/ui, fed by the built backend executable on
 * the demo upstream: the app's Backtest view comparing two variants against the demo's three checkout spikes, and
 * the query editor's compact Preview with its band sparkline. Both at 600 and 1200 px in both themes, held to
 * "nothing runs past the page, no text is cut". The page's clock is fixed at the end of the demo week, so "the
 * last 7 d" is that week (the views compute their range from now). Screenshots go to test-results/browser/.
 */
import type { DataFrameJSON } from '@grafana/data';
import { querySelectors } from '../../src/datasource/components/selectors';
import { pageSelectors } from '../../src/pages/selectors';
import type { ThemeMode } from './harness/harness';
import { BrowserSession, lensQuery, startBrowserSession } from './support/browserSession';
import { findLayoutProblems } from './support/layoutProblems';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const THEMES: ThemeMode[] = ['light', 'dark'];
const SIZES = THEMES.flatMap((t) => [600, 1200].map((w) => [t, w] as const));
/** The data source's SPARKLINE_POINTS (datasource.ts pulls in Grafana's runtime, which this Node test cannot load). */
const SPARKLINE_POINTS = 3000;
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

// The demo's checkout latency spikes for 20 minutes every 53 h from 2024-01-01T07:00Z: three in the week before
// 2024-01-22 (docs/backtest.md, worked example).
const TO = Date.UTC(2024, 0, 22);
const RANGE = { from: TO - 7 * 24 * HOUR, to: TO };
const SPIKES = ['2024-01-16T18:00:00.000Z', '2024-01-18T23:00:00.000Z', '2024-01-21T04:00:00.000Z'].map((t, i) => ({
  from: t,
  to: new Date(Date.parse(t) + 20 * MIN).toISOString(),
  label: `spike ${i + 1}`,
}));

let s: BrowserSession;

beforeAll(async () => {
  s = await startBrowserSession();
  await s.page.clock.setFixedTime(new Date(TO));
});

afterAll(async () => {
  await s?.close();
});

afterEach(() => {
  const problems = s ? s.problems.splice(0) : [];
  expect(problems).toEqual([]);
});

const textOf = (selector: string) =>
  s.page.evaluate((sel) => Array.from(document.querySelectorAll(sel), (e) => e.textContent ?? ''), selector);

describe('Backtest view (app page)', () => {
  // The view's default variants: A as saved, B with sensitivity 5; the executable answers that same query.
  const variants = [{ name: 'variant A' }, { name: 'variant B', sensitivity: 5 }];
  let frames: DataFrameJSON[];

  beforeAll(async () => {
    frames = await s.queryFrames(
      lensQuery(
        'B',
        { queryType: 'backtest', expr: CHECKOUT, minStepMs: MIN, backtest: { variants, incidents: SPIKES } },
        RANGE,
        MIN
      )
    );
  });

  it.each(SIZES)(
    'compares the variants on the demo week: a row each, the verdict in words, each one’s firings (%s theme, %i px)',
    async (mode, width) => {
      await s.render({
        component: 'backtestPage',
        theme: mode,
        width,
        height: 0,
        backtest: { initial: { expr: CHECKOUT }, frames },
      });
      await s.page
        .getByLabel(pageSelectors.incidentRanges)
        .fill(SPIKES.map((x) => `${x.from}, ${x.to}, ${x.label}`).join('\n'));
      await s.page.getByRole('button', { name: pageSelectors.runBacktest }).click();
      await s.page.getByTestId(pageSelectors.backtestResult).waitFor();
      await s.page.mouse.move(1, 1);
      await s.screenshot(`backtest-view-${mode}-${width}`);

      // One query, the one the frames came from, over the last 7 days.
      const sent = (await s.page.evaluate(() => window.harness.events.pageQueries))!;
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ from: RANGE.from, to: RANGE.to });
      expect(sent[0].query).toMatchObject({ queryType: 'backtest', expr: CHECKOUT, minStepMs: MIN });
      expect(sent[0].query.backtest!.variants).toEqual(variants);
      expect(sent[0].query.backtest!.incidents).toEqual(SPIKES);

      // The merged default catches all three spikes with one stray firing; sensitivity 5 drops it
      // (docs/backtest.md, checked against the backend in runBacktest.test.ts).
      expect(await textOf(`[data-testid="${pageSelectors.backtestVerdict}"] p`)).toEqual([
        'variant A would have fired 4 times and caught all 3 incidents.',
        'variant B would have fired 3 times instead of 4 and caught all 3 incidents.',
      ]);
      const rows = await s.page.evaluate(
        (sel) =>
          Array.from(document.querySelectorAll(`[data-testid="${sel}"]`), (r) =>
            Array.from(r.querySelectorAll('td'), (td) => td.textContent)
          ),
        pageSelectors.backtestVariantRow
      );
      expect(rows.map((r) => [r[0], r[2], r[4], r[5], r[6], r[8]])).toEqual([
        ['variant A', '4', '3 of 3', '75 %', '100 %', '1'],
        ['variant B', '3', '3 of 3', '100 %', '100 %', '0'],
      ]);
      expect(await textOf(`[data-testid="${pageSelectors.variantWindows}"] h4`)).toEqual([
        'variant A: 4 firings',
        'variant B: 3 firings',
      ]);
      const firings = await textOf(`[data-testid="${pageSelectors.variantWindow}"]`);
      expect(firings).toHaveLength(7);
      expect(firings.filter((f) => f.endsWith('false alarm'))).toHaveLength(1);
      // Each spike is caught by both variants, in its first minutes.
      for (const [i, spike] of SPIKES.entries()) {
        const minute = spike.from.slice(0, 10) + ' ' + spike.from.slice(11, 14);
        expect(firings.filter((f) => f.startsWith(minute) && f.endsWith(`spike ${i + 1}`))).toHaveLength(2);
      }

      expect(await findLayoutProblems(s.page, '[data-testid="harness-page"]')).toEqual([]);
    }
  );
});

describe('query editor backtest preview with its sparkline', () => {
  let backtest: DataFrameJSON[];
  let band: DataFrameJSON[];

  beforeAll(async () => {
    [backtest, band] = await Promise.all([
      s.queryFrames(
        lensQuery(
          'A',
          { queryType: 'backtest', expr: CHECKOUT, minStepMs: MIN, backtest: { incidents: SPIKES } },
          RANGE,
          MIN
        )
      ),
      // What the preview asks for the sparkline: raw and band at SPARKLINE_POINTS points over the week.
      s.queryFrames(
        lensQuery('A', { expr: CHECKOUT, outputs: ['raw', 'band'] }, RANGE, (RANGE.to - RANGE.from) / SPARKLINE_POINTS)
      ),
    ]);
  });

  it.each(SIZES)(
    'draws the series, its band and the firings shaded above the table of firings (%s theme, %i px)',
    async (mode, width) => {
      await s.render({
        component: 'queryEditor',
        theme: mode,
        width,
        height: 0,
        query: { refId: 'A', schemaVersion: 2, expr: CHECKOUT },
        dsQueryFrames: backtest,
        dsSeriesFrames: band,
      });
      await s.page.getByText(querySelectors.preview, { exact: true }).click();
      const picture = s.page.getByTestId(querySelectors.previewSparkline);
      await picture.waitFor();
      // Away from the button, whose tooltip would cover the summary.
      await s.page.mouse.move(1, 1);
      await s.page.getByRole('tooltip').waitFor({ state: 'detached' });
      await s.screenshot(`query-editor-backtest-sparkline-${mode}-${width}`);

      // Both queries over the same week, the sparkline's at a coarse step.
      const sent = (await s.page.evaluate(() => window.harness.events.dsQueries)) as Array<Record<string, unknown>>;
      expect(sent.map((q) => q.queryType).sort()).toEqual(['analysis', 'backtest']);
      expect(sent.find((q) => q.queryType === 'analysis')).toMatchObject({
        outputs: ['raw', 'band'],
        maxDataPoints: SPARKLINE_POINTS,
      });

      const p = await s.page.evaluate((sel) => {
        const svg = document.querySelector<SVGSVGElement>(`[data-testid="${sel}"]`)!;
        const box = svg.getBoundingClientRect();
        const rect = (e: Element | null) => {
          const r = e!.getBoundingClientRect();
          return { x: r.x - box.x, width: r.width, height: r.height };
        };
        return {
          label: svg.getAttribute('aria-label'),
          width: box.width,
          height: box.height,
          container: svg.parentElement!.getBoundingClientRect().width,
          series: rect(svg.querySelector('[data-role="series"]')),
          band: rect(svg.querySelector('[data-role="band"]')),
          expected: rect(svg.querySelector('[data-role="expected"]')),
          fired: Array.from(svg.querySelectorAll('[data-role="fired"]'), (r) => rect(r)),
        };
      }, querySelectors.previewSparkline);

      expect(p.label).toMatch(
        /^demo_http_latency_seconds\{service="checkout"\} over the last 7 d \(values [\d.]+ to [\d.]+\), with its expected value and band; 4 fired windows shaded$/
      );
      // Small, and as wide as the result it sits in.
      expect(p.height).toBe(56);
      expect(Math.abs(p.width - p.container)).toBeLessThanOrEqual(1);
      // The series and its expected line run across the picture; the band has a height.
      expect(p.series.width).toBeGreaterThan(0.95 * p.width);
      expect(p.expected.width).toBeGreaterThan(0.9 * p.width);
      expect(p.band.height).toBeGreaterThan(5);
      // A shaded window where each firing of the table started.
      const starts = (await textOf(`[data-testid="${querySelectors.previewWindow}"]`)).map((r) =>
        Date.parse(`${r.slice(0, 10)}T${r.slice(11, 16)}:00Z`)
      );
      expect(starts).toHaveLength(4);
      const xs = p.fired.map((f) => f.x).sort((a, b) => a - b);
      starts
        .sort((a, b) => a - b)
        .forEach((t, i) => {
          expect(Math.abs(xs[i] - ((t - RANGE.from) / (RANGE.to - RANGE.from)) * p.width)).toBeLessThan(2);
        });

      // The preview's own part of the editor (its controls, summary, sparkline and table).
      expect(await findLayoutProblems(s.page, `[data-testid="${querySelectors.previewBox}"]`)).toEqual([]);
    }
  );
});
