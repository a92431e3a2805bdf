/**
 * Detectors evaluated on NAB. Names ending in `Baseline` are harness-side re-creations of published
 * detectors; the others are built from the analytics core. Every entry is causal: it is a
 * StreamingDetector fed one row at a time.
 */
import { DetectorFactory } from '../../src/eval/detectors/streamingDetector';
import { windowedGaussian } from '../../src/eval/detectors/windowedGaussian';

export const NAB_DETECTORS: Record<string, DetectorFactory> = {
  nullBaseline: () => ({ update: () => 0.5 }),
  windowedGaussianBaseline: () => windowedGaussian({ windowSize: 1000 }),
};
