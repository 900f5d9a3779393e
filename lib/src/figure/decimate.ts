// Shape-preserving decimation: keep each bucket's extremes so peaks, valleys and spikes survive.

/**
 * Indices kept by min/max decimation of `n` points into `buckets` equal-count buckets: the first and
 * last point, and per bucket and per array in `ys` the index of its minimum and of its maximum
 * (plus its first non-finite value, so gaps in a line stay gaps). Sorted ascending, no duplicates.
 */
export function minMaxIndices(n: number, ys: readonly ArrayLike<number>[], buckets: number): number[] {
  const keep = new Uint8Array(n);
  if (n === 0) return [];
  keep[0] = 1;
  keep[n - 1] = 1;
  const b = Math.max(1, Math.min(buckets, n));
  for (let k = 0; k < b; k++) {
    const lo = Math.floor((k * n) / b);
    const hi = Math.floor(((k + 1) * n) / b);
    for (const y of ys) {
      let iMin = -1;
      let iMax = -1;
      let gap = -1;
      for (let i = lo; i < hi; i++) {
        const v = y[i];
        if (!Number.isFinite(v)) {
          if (gap < 0) gap = i;
          continue;
        }
        if (iMin < 0 || v < y[iMin]) iMin = i;
        if (iMax < 0 || v > y[iMax]) iMax = i;
      }
      if (iMin >= 0) keep[iMin] = 1;
      if (iMax >= 0) keep[iMax] = 1;
      if (gap >= 0) keep[gap] = 1;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
  return out;
}

/**
 * At most `maxPoints` indices of `n` points that preserve the shape of every array in `ys`
 * (min/max per bucket); all indices when `n ≤ maxPoints`.
 * NB: several arrays share one x, so a bucket may keep up to 2 points per array; the bucket count
 * shrinks until the union fits.
 */
export function decimate(n: number, ys: readonly ArrayLike<number>[], maxPoints: number): number[] {
  if (!(maxPoints >= 4)) throw new Error(`decimate: maxPoints must be at least 4, got ${maxPoints}`);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  let buckets = Math.floor((maxPoints - 2) / 2);
  for (;;) {
    const idx = minMaxIndices(n, ys, buckets);
    if (idx.length <= maxPoints || buckets === 1) return idx;
    buckets = Math.max(1, Math.min(buckets - 1, Math.floor(((buckets * maxPoints) / idx.length) * 0.95)));
  }
}

/** The values of `a` at `idx`, as a plain array (also from a typed array). */
export function pick<T>(a: ArrayLike<T>, idx: readonly number[]): T[] {
  return idx.map((i) => a[i]);
}

/** About `max` evenly spaced indices of `n`, always including the first and last; all of them if n ≤ max. */
export function strideIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const m = Math.max(2, max);
  const out: number[] = [];
  for (let k = 0; k < m; k++) {
    const i = Math.round((k * (n - 1)) / (m - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}
