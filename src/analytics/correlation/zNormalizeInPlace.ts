/**
 * z-normalisation of a work buffer, in place (our own): (x − mean) / sd over the non-NaN values of
 * `buf[0..len)`, population sd. NaN stays NaN. Returns false, leaving the buffer centred only, when the
 * values are constant (sd 0) or there are fewer than 2 of them: correlation is then undefined.
 * Only for buffers the caller owns; public inputs are copied first.
 */
export function zNormalizeInPlace(buf: Float64Array, len: number): boolean {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < len; i++) {
    const v = buf[i];
    if (v === v) {
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
    }
  }
  for (let i = 0; i < len; i++) {
    buf[i] -= mean;
  }
  // Relative test: a "constant" series can leave rounding noise of order 1e-16·|mean|.
  const sd = n > 0 ? Math.sqrt(m2 / n) : 0;
  if (n < 2 || !(sd > 1e-12 * Math.max(1, Math.abs(mean)))) {
    return false;
  }
  const inv = 1 / sd;
  for (let i = 0; i < len; i++) {
    buf[i] *= inv;
  }
  return true;
}
