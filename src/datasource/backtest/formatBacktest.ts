/**
 * How backtest figures read on screen, shared by the editor's preview and the app's Backtest view: one rule for
 * undefined figures (a dash), percentages, short numbers and detection delays.
 */
import { dateTimeFormat } from '@grafana/data';
import { formatDuration } from '../../shared/parseDuration';

/** A UTC-free local date and time to the minute, as the rest of the editor shows times. */
export const formatTime = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });
/** 0.75 → "75 %"; NaN (undefined: no firings / no incidents) → "–". */
export const formatPercent = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');
/** Three significant digits without trailing zeros; NaN → "–". */
export const formatNumber = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : '–');
/** Seconds → "2m"; negative is early ("30s early"); NaN → "–". */
export const formatDelay = (s: number) =>
  !Number.isFinite(s) ? '–' : s < 0 ? `${formatDuration(-s * 1000)} early` : formatDuration(s * 1000);
/** Signed σ with a real minus sign, one decimal: "+6.1", "−3.3"; NaN → "–". */
export const formatSigma = (score: number) =>
  Number.isFinite(score) ? `${score >= 0 ? '+' : '−'}${Math.abs(score).toFixed(1)}` : '–';
