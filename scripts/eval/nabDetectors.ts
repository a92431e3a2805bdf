/**
 * Detectors evaluated on NAB. Names ending in `Baseline` are harness-side re-creations of published
 * detectors; the others are built from the analytics core or from harness parts named in their entry.
 * Every entry is causal: it is a StreamingDetector fed one row at a time.
 */
import { anomalyLikelihood } from '../../src/eval/detectors/anomalyLikelihood';
import { DetectorFactory } from '../../src/eval/detectors/streamingDetector';
import { suppressRepeats } from '../../src/eval/detectors/suppressRepeats';
import { windowedGaussian } from '../../src/eval/detectors/windowedGaussian';
import { seasonalRankDetector } from '../../src/eval/detectors/seasonalRankDetector';

export const NAB_DETECTORS: Record<string, DetectorFactory> = {
  nullBaseline: () => ({ update: () => 0.5 }),
  windowedGaussianBaseline: () => windowedGaussian({ windowSize: 1000 }),
  /** Windowed Gaussian raw score → anomaly likelihood (Ahmad et al. 2017) → one alert per event. */
  gaussianLikelihoodBaseline: ({ probationaryLength }) => {
    const g = windowedGaussian({ windowSize: 1000 });
    const l = anomalyLikelihood({ learningPeriod: Math.min(300, probationaryLength) });
    const s = suppressRepeats(Math.max(1, Math.round(probationaryLength / 2)));
    return { update: (v, t) => s.update(l.update(g.update(v, t))) };
  },
  /** Value z and daily-difference z, each calibrated by its own history, one alert per event (harness). */
  seasonalRank: ({ probationaryLength, length }) => seasonalRankDetector({ probationaryLength, length }),
};
