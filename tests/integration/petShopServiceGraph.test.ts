/**
 * One PetShop issue (low_traffic, train issue_7: PetSearch's error rate raised, PetSite's availability the target;
 * read in place from the shared yardstick folder) through the BUILT plugin executable over a real Prometheus that
 * also holds `traces_service_graph_request_total{client, server}` series made from the scenario's call graph
 * (graph.csv), as Tempo's metrics generator would write them. Every option is left at its default, so the executable
 * fetches the baseline and the service graph itself; its ranking must equal the in-process product path's
 * (eval/rca/productRanking.ts with the same edges) and put the root cause first, where without the graph a caller
 * showing its change would. Fails (never skips) when the build, the binaries or the data are missing.
 */
import { join } from 'node:path';
import { productRanking } from '../../eval/rca/productRanking';
import { readMetrics, readServiceGraph } from '../../eval/cli/rca';
import { sharedDataDir } from '../../scripts/loaders/sharedDataDir';
import { seriesDisplayName } from '../../src/backend/pipeline/analysisFrames';
import { CORRELATION_FRAME } from '../../src/shared/queryTypes';
import type { DecodedFrame } from '../conformance/support/decodeFrame';
import {
  correlationsThroughExecutable,
  openMetricsOf,
  pluginOverPrometheus,
  selectorOf,
} from './helpers/correlationsThroughExecutable';

jest.setTimeout(120_000);

const SCENARIO = join(sharedDataDir(), 'petshop/low_traffic');
const ISSUE = join(SCENARIO, 'train/issue_7');
const TARGET = { node: 'PetSite', metric: 'availability', agg: 'Average' };
const ROOT_CAUSE = 'PetSearch_AWS::ECS::Fargate';
const T0 = Date.UTC(2024, 0, 1);
const SEC = 1000;

const key = (c: { service: string; metric: string; stat: string }) => `${c.service}\u0000${c.metric}\u0000${c.stat}`;
const normal = readMetrics(join(SCENARIO, 'noissue/metrics.csv'));
const issue = readMetrics(join(ISSUE, 'metrics.csv'));
const normalByKey = new Map(normal.columns.map((c) => [key(c), c.values]));
// As the evaluation lays them out: the columns both recordings have, the normal one before the issue's rows.
const columns = issue.columns.filter((c) => normalByKey.has(key(c)));
const nNormal = normal.timestamps.length;
const nIssue = issue.timestamps.length;
const edges = readServiceGraph(join(SCENARIO, 'graph.csv'));
const labelsOf = (c: { service: string; stat: string }) => ({ service: c.service, statistic: c.stat });

function openMetrics(): string {
  const times = Array.from({ length: nNormal + nIssue }, (_, i) => T0 + i * SEC);
  return openMetricsOf([
    ...columns.map((c) => ({
      name: c.metric,
      labels: labelsOf(c),
      timesMs: times,
      // A gap is a NaN sample, so Prometheus does not carry the previous value into it.
      values: [...normalByKey.get(key(c))!, ...c.values],
    })),
    ...edges.map((e) => ({
      name: 'traces_service_graph_request_total',
      labels: { client: e.client, server: e.server },
      timesMs: times,
      values: times.map((_, i) => i + 1),
    })),
  ]);
}

const env = pluginOverPrometheus(openMetrics);

function inProcess(serviceGraph: 'auto' | 'off') {
  const asSeries = (c: (typeof columns)[number]) => ({
    name: c.metric,
    labels: labelsOf(c),
    history: normalByKey.get(key(c))!,
    window: c.values,
  });
  const target = columns.find(
    (c) => key(c) === key({ service: TARGET.node, metric: TARGET.metric, stat: TARGET.agg })
  )!;
  const pool = columns.filter((c) => c.service !== TARGET.node);
  const ranked = productRanking(asSeries(target), pool.map(asSeries), { serviceGraph }, edges);
  return ranked.map((r) => ({
    series: seriesDisplayName(pool[r.index].metric, labelsOf(pool[r.index])),
    service: pool[r.index].service,
    causeScore: r.causeScore,
    explainedBy: r.explainedBy ?? '',
  }));
}

async function rankThroughExecutable(): Promise<DecodedFrame> {
  return correlationsThroughExecutable({
    ...env,
    uid: 'lens-prom-petshop-graph',
    fromMs: T0 + nNormal * SEC,
    toMs: T0 + (nNormal + nIssue - 1) * SEC,
    stepMs: SEC,
    expr: `{__name__=~"availability|latency|requests", service!="${TARGET.node}"}`,
    correlate: { target: selectorOf(TARGET.metric, { service: TARGET.node, statistic: TARGET.agg }) },
  });
}

describe('a PetShop issue with its service graph through the built executable and real Prometheus', () => {
  it('ranks as the in-process product path does with the graph, the root cause before its callers', async () => {
    const table = await rankThroughExecutable();
    expect(table.name).toBe(CORRELATION_FRAME.name);
    const values = (name: string) => table.fields.find((f) => f.name === name)!.values;
    const withGraph = inProcess('auto');
    const withoutGraph = inProcess('off');

    // The graph matters here: without it a caller of the root cause ranks first.
    expect(withoutGraph[0].service).not.toBe(ROOT_CAUSE);
    expect(withGraph[0].service).toBe(ROOT_CAUSE);

    const series = values(CORRELATION_FRAME.fields.series) as string[];
    const scores = values(CORRELATION_FRAME.fields.causeScore) as number[];
    const explainedBy = values(CORRELATION_FRAME.fields.explainedBy) as string[];
    // Same candidates with the same scores; equal scores (constant series) may differ in order, as ties go by input
    // order and Prometheus returns the series in its own order.
    expect([...series].sort()).toEqual(withGraph.map((r) => r.series).sort());
    const scoreOf = new Map(series.map((s, i) => [s, scores[i]]));
    withGraph.forEach((r) => expect(scoreOf.get(r.series)).toBeCloseTo(r.causeScore, 9));
    expect(series.slice(0, 5)).toEqual(withGraph.slice(0, 5).map((r) => r.series));
    expect(explainedBy.slice(0, 5)).toEqual(withGraph.slice(0, 5).map((r) => r.explainedBy));
    // The caller that led without the graph now says which callee explains it.
    const caller = series.indexOf(withoutGraph[0].series);
    expect(caller).toBeGreaterThan(0);
    expect(explainedBy[caller]).toBe(withGraph[caller].explainedBy);
    expect(explainedBy[caller]).not.toBe('');
    const distinctEdges = new Set(edges.filter((e) => e.client !== e.server).map((e) => `${e.client}>${e.server}`));
    expect((table.meta?.custom as { serviceGraph?: string }).serviceGraph).toBe(`${distinctEdges.size} edges`);
    expect(table.meta?.executedQueryString).toMatch(/service graph: max by \(client, server\) \(traces_service_graph/);
  });
});
