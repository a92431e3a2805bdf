/**
 * Scores alert firings against known incidents with one matching rule: a firing counts for an incident when it
 * starts at most `earlyMs` before the incident starts, or while the incident lasts
 * (incident.fromMs − earlyMs ≤ firing.startMs ≤ incident.toMs). The start is what pages someone, so a firing that
 * began long before the incident and is still on when it starts does not count as catching it.
 *
 *  - precision: firings that count for some incident / all firings (NaN with no firings);
 *  - recall: incidents with at least one firing that counts / all incidents (NaN with no incidents);
 *  - delay of a caught incident: its first counting firing's start − the incident's start (negative: before it);
 *    the median over caught incidents (NaN when none is caught).
 * Our own definitions, documented in docs/backtest.md. Inputs are not mutated.
 */
import { median } from '../stats/median';

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

export interface IncidentMatchOptions {
  /** How long before an incident's start a firing still counts for it, ms. Default 15 minutes. */
  earlyMs?: number;
}

export interface IncidentMatch {
  /** Per firing: index of the first incident it counts for, −1 for none (a false alarm). */
  firingIncident: Int32Array;
  /** Per incident: the delay of its first counting firing in ms, NaN when missed. */
  delayMs: Float64Array;
  matchedFirings: number;
  caughtIncidents: number;
  precision: number;
  recall: number;
  medianDelayMs: number;
}

/** Default of `earlyMs`: an alert up to 15 minutes ahead of the incident's recorded start still counts. */
export const DEFAULT_EARLY_MS = 15 * 60_000;

export function matchIncidents(
  firings: ReadonlyArray<{ startMs: number }>,
  incidents: readonly TimeRange[],
  options: IncidentMatchOptions = {}
): IncidentMatch {
  const earlyMs = options.earlyMs ?? DEFAULT_EARLY_MS;
  if (!(earlyMs >= 0)) {
    throw new RangeError(`matchIncidents: earlyMs must be ≥ 0, got ${earlyMs}`);
  }
  const firingIncident = new Int32Array(firings.length).fill(-1);
  const delayMs = new Float64Array(incidents.length).fill(NaN);
  let matchedFirings = 0;
  firings.forEach((f, i) => {
    for (let j = 0; j < incidents.length; j++) {
      const inc = incidents[j];
      if (f.startMs >= inc.fromMs - earlyMs && f.startMs <= inc.toMs) {
        if (firingIncident[i] < 0) {
          firingIncident[i] = j;
          matchedFirings++;
        }
        const d = f.startMs - inc.fromMs;
        if (delayMs[j] !== delayMs[j] || d < delayMs[j]) {
          delayMs[j] = d;
        }
      }
    }
  });
  let caught = 0;
  for (const d of delayMs) {
    caught += d === d ? 1 : 0;
  }
  return {
    firingIncident,
    delayMs,
    matchedFirings,
    caughtIncidents: caught,
    precision: firings.length ? matchedFirings / firings.length : NaN,
    recall: incidents.length ? caught / incidents.length : NaN,
    // NaN delays (missed incidents) are skipped by median; none caught gives NaN.
    medianDelayMs: median(delayMs),
  };
}

