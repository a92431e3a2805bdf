/**
 * What the browser tests read off the rendered page, measured in the browser (layout boxes, computed colours)
 * and returned as plain JSON. Kept in the bundle rather than in `page.evaluate` callbacks so the measuring code
 * is compiled for the browser once and reads like the checks a person makes.
 */
import { correlationsSelectors as C } from '../../../src/panels/correlations/components/selectors';
import { stlSelectors as S } from '../../../src/panels/stl/components/selectors';

const byTestId = (id: string, root: ParentNode = document) => root.querySelector(`[data-testid="${id}"]`);
const allByTestId = (id: string, root: ParentNode = document) =>
  Array.from(root.querySelectorAll(`[data-testid="${id}"]`));

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const box = (b: DOMRect | SVGRect): Box => ({ x: b.x, y: b.y, width: b.width, height: b.height });

/** A colour as the browser resolves it (`rgb(…)`/`rgba(…)`), so theme values and computed styles compare. */
export function cssColour(colour: string): string {
  const el = document.createElement('span');
  el.style.color = colour;
  document.body.appendChild(el);
  const out = getComputedStyle(el).color;
  el.remove();
  return out;
}

export interface StlRowProbe {
  component: string;
  /** The plot's frame (its `rect`), in SVG user units. */
  plot: Box;
  /** Bounding box of the drawn line. */
  line: Box;
  /** Commands in the path (`M`/`L`), i.e. how many points are drawn. */
  points: number;
  stroke: string;
}

export interface StlProbe {
  message?: string;
  header?: string;
  headerColour?: string;
  chartWidth?: number;
  chartHeight?: number;
  rows: StlRowProbe[];
  markers: Array<{ row: string; cx: number; cy: number; title: string; fill: string }>;
  axisColour?: string;
  tooltip?: string;
}

export function probeStl(): StlProbe {
  const message = byTestId(S.message);
  const chart = byTestId(S.chart) as SVGSVGElement | null;
  const rows: StlRowProbe[] = [];
  const markers: StlProbe['markers'] = [];
  if (chart) {
    for (const component of ['observed', 'trend', 'seasonal', 'remainder']) {
      const g = byTestId(S.row(component), chart) as SVGGElement;
      const rect = g.querySelector('rect') as SVGRectElement;
      const path = g.querySelector('path') as SVGPathElement;
      rows.push({
        component,
        plot: box(rect.getBBox()),
        line: box(path.getBBox()),
        points: (path.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0,
        stroke: getComputedStyle(path).stroke,
      });
      for (const m of allByTestId(S.outlier, g) as SVGCircleElement[]) {
        markers.push({
          row: component,
          cx: m.cx.baseVal.value,
          cy: m.cy.baseVal.value,
          title: m.querySelector('title')?.textContent ?? '',
          fill: getComputedStyle(m).fill,
        });
      }
    }
  }
  const header = chart?.closest('[data-testid="harness-panel-content"]')?.firstElementChild?.firstElementChild;
  const axisLabel = chart?.querySelector('text');
  return {
    message: message?.textContent ?? undefined,
    header: header?.textContent ?? undefined,
    headerColour: header ? getComputedStyle(header).color : undefined,
    chartWidth: chart?.width.baseVal.value,
    chartHeight: chart?.height.baseVal.value,
    rows,
    markers,
    axisColour: axisLabel ? getComputedStyle(axisLabel).fill : undefined,
    tooltip: byTestId(S.tooltip)?.textContent ?? undefined,
  };
}

/** Page coordinates of the point of the STL hover area at fraction `f` (0 = first time, 1 = last) of its width. */
export function stlHoverPoint(f: number): { x: number; y: number } {
  const area = byTestId(S.hoverArea) as SVGRectElement;
  const r = area.getBoundingClientRect();
  return { x: r.left + f * r.width, y: r.top + r.height / 2 };
}

export interface CorrelationsProbe {
  message?: string;
  header?: string;
  rows: Array<{
    rank: number;
    series: string;
    score: string;
    lag: string;
    direction?: string;
    overlay?: { width: number; target: Box; candidate: Box; targetPoints: number; candidatePoints: number };
    overlayMissing: boolean;
    explore?: string;
  }>;
  listColour?: string;
}

export function probeCorrelations(): CorrelationsProbe {
  const text = (el: Element | null) => el?.textContent ?? '';
  const points = (p: Element | null) => (p?.getAttribute('d') ?? '').match(/[ML]/g)?.length ?? 0;
  const rows = allByTestId(C.row).map((row) => {
    const svg = byTestId(C.overlay, row) as SVGSVGElement | null;
    const target = byTestId(C.overlayTarget, row) as SVGPathElement | null;
    const candidate = byTestId(C.overlayCandidate, row) as SVGPathElement | null;
    return {
      rank: Number((row as HTMLElement).dataset.rank),
      series: text(byTestId(C.series, row)?.firstElementChild ?? null),
      score: text(byTestId(C.score, row)),
      lag: text(byTestId(C.lag, row)),
      direction: byTestId(C.direction, row) ? text(byTestId(C.direction, row)) : undefined,
      overlay:
        svg && target && candidate
          ? {
              width: svg.width.baseVal.value,
              target: box(target.getBBox()),
              candidate: box(candidate.getBBox()),
              targetPoints: points(target),
              candidatePoints: points(candidate),
            }
          : undefined,
      overlayMissing: byTestId(C.overlayMissing, row) !== null,
      explore: (byTestId(C.exploreLink, row) as HTMLAnchorElement | null)?.getAttribute('href') ?? undefined,
    };
  });
  const list = byTestId(C.list);
  return {
    message: byTestId(C.message)?.textContent ?? undefined,
    header: byTestId(C.header)?.textContent ?? undefined,
    rows,
    listColour: list ? getComputedStyle(list).color : undefined,
  };
}

/** Background and text colour of the panel box (Grafana's panel chrome) and of the page. */
export function probeSurface(): { panelBackground?: string; panelText?: string; bodyBackground: string } {
  const panel = document.querySelector('[data-testid="harness-panel"]');
  return {
    panelBackground: panel ? getComputedStyle(panel).backgroundColor : undefined,
    panelText: panel ? getComputedStyle(panel).color : undefined,
    bodyBackground: getComputedStyle(document.body).backgroundColor,
  };
}
