/**
 * Peer outliers: 1,000 series × 1,000 points (goal < 100 ms each). MAD, z-score and our 1-D DBSCAN,
 * with augurs' `OutlierDetector.dbscan` (same chain rule, sensitivity only) and `.mad` (a different,
 * global-median algorithm: shown for scale only) in the same run, plus augurs' `DbscanClusterer`, which
 * needs an n × n distance matrix per time step (timed on a few steps and extrapolated).
 * Run: npm run bench -- outliers
 */
import { DbscanClusterer } from '@bsull/augurs/clustering';
import { OutlierDetector } from '@bsull/augurs/outlier';
import { dbscan1d } from '../src/analytics/outliers/dbscan1d';
import { dbscanOutliers } from '../src/analytics/outliers/dbscanOutliers';
import { madOutliers } from '../src/analytics/outliers/madOutliers';
import { zScoreOutliers } from '../src/analytics/outliers/zScoreOutliers';
import { loadAugursForTests } from '../tests/helpers/loadAugursWasm';
import { report, seededRandom, time } from './harness';

const SERIES = 1000;
const LEN = 1000;

function heapDeltaMb(fn: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = fn();
  const after = process.memoryUsage().heapUsed;
  void keep;
  return (after - before) / 1e6;
}

function main(): void {
  loadAugursForTests();
  const rand = seededRandom(7);
  const group: Float64Array[] = [];
  for (let s = 0; s < SERIES; s++) {
    const offset = s % 100 === 0 ? 5 : 0; // 1 % of the series run high
    group.push(
      Float64Array.from(
        { length: LEN },
        (_, t) => 10 + 3 * Math.sin((2 * Math.PI * t) / 144) + offset + rand() + rand() - 1
      )
    );
  }
  console.log(`peer outliers: ${SERIES} series × ${LEN} points`);

  const mad = time(() => madOutliers(group, { sensitivity: 0.5 }), 5, 1);
  const augursMad = time(
    () => {
      const d = OutlierDetector.mad({ sensitivity: 0.5 });
      const r = d.detect(group);
      d.free();
      return r;
    },
    3,
    1
  );
  report('madOutliers per step (ours)', mad, { label: 'augurs mad (global)', medianMs: augursMad.medianMs });
  report(
    'zScoreOutliers (ours)',
    time(() => zScoreOutliers(group, { sensitivity: 0.5 }), 5, 1)
  );

  const db = time(() => dbscanOutliers(group, { sensitivity: 0.9 }), 5, 1);
  const augursDb = time(
    () => {
      const d = OutlierDetector.dbscan({ sensitivity: 0.9 });
      const r = d.detect(group);
      d.free();
      return r;
    },
    3,
    1
  );
  report('dbscanOutliers (ours)', db, { label: 'augurs OutlierDetector.dbscan', medianMs: augursDb.medianMs });

  const ours = dbscanOutliers(group, { sensitivity: 0.9 });
  const d = OutlierDetector.dbscan({ sensitivity: 0.9 });
  const theirs = d.detect(group);
  d.free();
  let agree = 0;
  let compared = 0;
  for (let t = 0; t < LEN; t++) {
    if (Number.isNaN(ours.band.lower[t])) {
      continue;
    }
    compared++;
    if (ours.series.every((s, i) => s.flaggedIndices.includes(t) === (theirs.seriesResults[i].scores[t] === 1))) {
      agree++;
    }
  }
  console.log(
    `dbscan flags identical to augurs at ${agree}/${compared} steps with a majority cluster; outliers: ours ${ours.outlierSeries.length}, augurs ${theirs.outlyingSeries.length}`
  );

  // One time step through augurs' DbscanClusterer (distance matrix) vs our 1-D DBSCAN on the same values.
  const column = group.map((s) => s[0]);
  const steps = 3;
  const clusterer = new DbscanClusterer({ epsilon: 0.3, minClusterSize: 2 });
  const matrixT = time(
    () => {
      const m = column.map((a) => Float64Array.from(column, (b) => Math.abs(a - b)));
      return clusterer.fit(m);
    },
    steps,
    1
  );
  clusterer.free();
  const oneD = time(() => dbscan1d(column, { epsilon: 0.3, minPts: 2 }), 20, 2);
  report('dbscan1d, one step of 1000 values (ours)', oneD, {
    label: 'augurs DbscanClusterer+matrix',
    medianMs: matrixT.medianMs,
  });
  console.log(`augurs DbscanClusterer extrapolated to ${LEN} steps: ${((matrixT.medianMs * LEN) / 1000).toFixed(1)} s`);

  console.log(
    `heap delta: mad ${heapDeltaMb(() => madOutliers(group)).toFixed(1)} MB, dbscan ${heapDeltaMb(() => dbscanOutliers(group)).toFixed(1)} MB (inputs ${((SERIES * LEN * 8) / 1e6).toFixed(0)} MB)`
  );
}

main();
