/**
 * Turns per-metric scores into a ranking of services: a service scores the maximum over its metrics
 * (NaN scores ignored; a service with no scored metric ranks last), higher first, ties broken by name so
 * the ranking is deterministic.
 */
export interface ScoredMetric {
  service: string;
  score: number;
}

export interface RankedService {
  service: string;
  score: number;
}

export function rankServices(metrics: readonly ScoredMetric[]): RankedService[] {
  const best = new Map<string, number>();
  for (const m of metrics) {
    const prev = best.get(m.service);
    const s = m.score === m.score ? m.score : -Infinity;
    if (prev === undefined || s > prev) {
      best.set(m.service, s);
    }
  }
  return [...best.entries()]
    .map(([service, score]) => ({ service, score }))
    .sort((a, b) => b.score - a.score || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
