/**
 * The input shape shared by the peer-outlier detectors (our own): a group of series sampled at the same
 * times, either one array per series or one row-major matrix (row = series, column = time step).
 * Detectors compare series with each other at each time step, so they read a time-major copy.
 */

/** Row-major matrix: `values[series * length + t]`. */
export interface RowMajorMatrix {
  values: ArrayLike<number>;
  /** Number of rows (series). */
  seriesCount: number;
  /** Number of columns (time steps). */
  length: number;
}

export type PeerGroup = ReadonlyArray<ArrayLike<number>> | RowMajorMatrix;

/** Time-major copy: `data[t * seriesCount + series]`, so one time step is one contiguous slice. */
export interface TimeMajor {
  data: Float64Array;
  seriesCount: number;
  length: number;
}

function isMatrix(group: PeerGroup): group is RowMajorMatrix {
  return !Array.isArray(group) && typeof (group as RowMajorMatrix).seriesCount === 'number';
}

/**
 * Validates the group and transposes it to time-major order (never mutates the input).
 * Errors: series of different lengths, or a matrix whose `values.length` is not seriesCount × length.
 */
export function toTimeMajor(group: PeerGroup): TimeMajor {
  if (isMatrix(group)) {
    const { values, seriesCount, length } = group;
    if (!Number.isInteger(seriesCount) || !Number.isInteger(length) || seriesCount < 0 || length < 0) {
      throw new RangeError(`peer group matrix: seriesCount and length must be non-negative integers`);
    }
    if (values.length !== seriesCount * length) {
      throw new RangeError(
        `peer group matrix: values.length ${values.length} ≠ seriesCount × length (${seriesCount} × ${length})`
      );
    }
    const data = new Float64Array(seriesCount * length);
    for (let s = 0; s < seriesCount; s++) {
      const row = s * length;
      for (let t = 0; t < length; t++) {
        data[t * seriesCount + s] = values[row + t];
      }
    }
    return { data, seriesCount, length };
  }
  if (!Array.isArray(group)) {
    throw new TypeError('peer group: expected an array of series or a row-major matrix');
  }
  const seriesCount = group.length;
  const length = seriesCount === 0 ? 0 : group[0].length;
  for (let s = 1; s < seriesCount; s++) {
    if (group[s].length !== length) {
      throw new RangeError(
        `peer group: series ${s} has length ${group[s].length}, series 0 has ${length}; all series must share the same timestamps`
      );
    }
  }
  const data = new Float64Array(seriesCount * length);
  for (let s = 0; s < seriesCount; s++) {
    const series = group[s];
    for (let t = 0; t < length; t++) {
      data[t * seriesCount + s] = series[t];
    }
  }
  return { data, seriesCount, length };
}
