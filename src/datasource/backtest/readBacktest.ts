/**
 * Reads the frames of a `backtest` query (src/shared/queryTypes.ts) into plain rows: the summary per variant and
 * the firings of every variant, for the editor's preview. Frames of other shapes are ignored.
 */
import { DataFrame, Field } from '@grafana/data';
import { BACKTEST_SUMMARY_FRAME, BACKTEST_WINDOW_FRAME } from '../../shared/queryTypes';

export interface BacktestSummary {
  variant: string;
  settings: string;
  fired: number;
  firedPerDay: number;
  incidents: number;
  caught: number;
  /** NaN when undefined (no firings / no incidents / none caught). */
  precision: number;
  recall: number;
  medianDelaySeconds: number;
  /** Firings that count for no incident: fired × (1 − precision); NaN without known incidents. */
  falseAlarms: number;
}

export interface BacktestWindow {
  variant: string;
  series: string;
  fromMs: number;
  toMs: number;
  /** Peak signed score in σ; NaN when absent. */
  score: number;
  value: number;
  expected: number;
  /** Label of the incident it counts for; empty for none. */
  incident: string;
  text: string;
}

export interface BacktestResult {
  summary: BacktestSummary[];
  windows: BacktestWindow[];
}

function column(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function at(field: Field | undefined, i: number): unknown {
  return field ? (field.values as ArrayLike<unknown>)[i] : undefined;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN;
}

export function readBacktest(frames: DataFrame[]): BacktestResult {
  const summary: BacktestSummary[] = [];
  const windows: BacktestWindow[] = [];
  const S = BACKTEST_SUMMARY_FRAME.fields;
  const W = BACKTEST_WINDOW_FRAME.fields;
  for (const frame of frames) {
    if (frame.name === BACKTEST_SUMMARY_FRAME.name) {
      for (let i = 0; i < frame.length; i++) {
        const n = (name: string) => num(at(column(frame, name), i));
        const fired = n(S.fired);
        const incidents = n(S.incidents);
        const precision = n(S.precision);
        summary.push({
          variant: String(at(column(frame, S.variant), i) ?? ''),
          settings: String(at(column(frame, S.settings), i) ?? ''),
          fired,
          firedPerDay: n(S.firedPerDay),
          incidents,
          caught: n(S.caught),
          precision,
          recall: n(S.recall),
          medianDelaySeconds: n(S.medianDelaySeconds),
          // Precision is counted firings / fired, so this is a whole number up to rounding.
          falseAlarms: !(incidents > 0) ? NaN : fired === 0 ? 0 : Math.round(fired * (1 - precision)),
        });
      }
    } else if (frame.name === BACKTEST_WINDOW_FRAME.name) {
      for (let i = 0; i < frame.length; i++) {
        const fromMs = num(at(column(frame, W.time), i));
        if (!Number.isFinite(fromMs)) {
          continue;
        }
        windows.push({
          variant: String(at(column(frame, W.variant), i) ?? ''),
          series: String(at(column(frame, W.series), i) ?? ''),
          fromMs,
          toMs: num(at(column(frame, W.timeEnd), i)),
          score: num(at(column(frame, W.score), i)),
          value: num(at(column(frame, W.value), i)),
          expected: num(at(column(frame, W.expected), i)),
          incident: String(at(column(frame, W.incident), i) ?? ''),
          text: String(at(column(frame, W.text), i) ?? ''),
        });
      }
    }
  }
  windows.sort((a, b) => a.fromMs - b.fromMs);
  return { summary, windows };
}
