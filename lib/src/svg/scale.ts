/** A linear map from a data interval onto a pixel interval. */
export interface Scale {
  (v: number): number;
  readonly domain: readonly [number, number];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const s = ((v: number) => r0 + (v - d0) * k) as Scale;
  (s as { domain: readonly [number, number] }).domain = domain;
  return s;
}

/** "Nice" tick values (1, 2, 5 × 10ᵏ) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Ticks for a log₁₀ axis whose domain is in decades [lo, hi]: whole decades, thinned to at most about 6. */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.ceil(lo - 1e-9);
  const b = Math.floor(hi + 1e-9);
  if (b < a) return niceTicks(lo, hi, 3);
  const step = Math.max(1, Math.ceil((b - a + 1) / 6));
  const out: number[] = [];
  for (let t = a; t <= b; t += step) out.push(t);
  return out;
}

/** The finite min and max of several arrays, padded by `pad` of the span; [−1, 1] if there are none. */
export function extent(arrays: readonly (readonly number[])[], pad = 0.05): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (lo > hi) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}
