/**
 * Remembers where the default detector (`auto`) stopped on a series, so the next evaluation of the same query (an
 * alert rule every minute, a dashboard refresh) goes on from there instead of running again over the whole
 * history: the detector is causal, so its state after the first k points depends on those points only. The core
 * (`resumeAutoDetect`) resumes only when the checkpoint's points equal the first points of the new fetch, one by
 * one, and its options are the same; otherwise it starts again, so the result is always the one a fresh run gives.
 * Evaluations share their first point because the history of an `auto` query starts on a whole hour
 * (planWindow.ts). On the LRU of `BoundedLruCache.ts`, one per data source instance (modelCaches.ts).
 */
import type { AutoDetectCheckpoint } from '../../analytics/detect/autoDetect';
import { BoundedLruCache } from './BoundedLruCache';

/** The history's first point moves every hour, so older checkpoints can no longer match: let them go. */
export const CHECKPOINT_TTL_MS = 2 * 60 * 60 * 1000;
/**
 * The checkpoint is taken this far before the last point: an upstream may still revise its latest points (late
 * samples; Grafana's default incremental-query overlap is 10 minutes), and a checkpoint over a revised point cannot
 * be resumed.
 */
export const CHECKPOINT_SETTLE_MS = 10 * 60 * 1000;
/**
 * A kept checkpoint is moved forward only once it is this many points behind the settled end: each new checkpoint
 * copies the detector's state and outputs (about 0.5 MB at 5,000 points, in blocks the backend's allocator maps
 * afresh), while going on from an older one costs a few microseconds per point.
 */
export const CHECKPOINT_REFRESH_POINTS = 60;
/** A checkpoint of 5,000 points is about 0.6 MB: room for about 50 such series per data source. */
const BUDGET_BYTES = 32 * 1024 * 1024;

/** A new, empty cache (one per data source instance, see modelCaches.ts). */
export function newDetectorCheckpointCache(): BoundedLruCache<AutoDetectCheckpoint> {
  return new BoundedLruCache<AutoDetectCheckpoint>({ maxBytes: BUDGET_BYTES, sizeOf: (c) => c.bytes });
}
