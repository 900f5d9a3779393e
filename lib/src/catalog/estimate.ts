import type { Properties } from "../activation";
import { range } from "./params";

/** Sample points: every 1/128 on [−20, 20], then 20 per decade out to ±1e6. */
function samples(): number[] {
  const xs: number[] = [];
  for (let i = -20 * 128; i <= 20 * 128; i++) xs.push(i / 128);
  for (let k = 1; k <= 20 * 4.7; k++) {
    const v = 20 * 10 ** (k / 20);
    xs.push(v, -v);
  }
  return xs.sort((a, b) => a - b);
}

/**
 * Properties read off samples of f and f′ (for user-defined activations, and as an independent check of
 * the table). Smoothness cannot be sampled and is "unknown"; kinks are not searched for.
 */
export function estimateProperties(f: (x: number) => number, df: (x: number) => number): Properties {
  const xs = samples();
  const ys = xs.map(f);
  const ds = xs.map(df);
  let lo = Infinity,
    hi = -Infinity,
    best = 0;
  for (let i = 0; i < xs.length; i++) {
    if (ys[i] < lo) lo = ys[i];
    if (ys[i] > hi) hi = ys[i];
    if (Math.abs(ds[i]) > Math.abs(ds[best])) best = i;
  }
  // Still moving at the outermost samples: call that end unbounded.
  const last = xs.length - 1;
  const moving = (i: number, j: number) => Math.abs(ys[i] - ys[j]) > 1e-9 * Math.max(1, Math.abs(ys[i]));
  const loEnd = ys[0] === lo ? 0 : ys[last] === lo ? last : -1;
  const hiEnd = ys[last] === hi ? last : ys[0] === hi ? 0 : -1;
  if (loEnd >= 0 && moving(loEnd, loEnd === 0 ? 1 : last - 1)) lo = -Infinity;
  if (hiEnd >= 0 && moving(hiEnd, hiEnd === 0 ? 1 : last - 1)) hi = Infinity;
  const pos = ds.every((d) => d >= 0),
    neg = ds.every((d) => d <= 0);
  const strict = ds.filter((d) => d === 0).length <= 1;
  const tol = (a: number) => 1e-12 * Math.max(1, Math.abs(a));
  let odd = true,
    even = true;
  for (let i = 0; i < xs.length; i++) {
    const a = f(xs[i]),
      b = f(-xs[i]);
    if (Math.abs(a + b) > tol(a)) odd = false;
    if (Math.abs(a - b) > tol(a)) even = false;
  }
  const r = range(lo, hi, Number.isFinite(lo), Number.isFinite(hi));
  return {
    range: { ...r, text: `${r.text} (estimated from samples)` },
    monotonic: pos
      ? strict
        ? "increasing"
        : "non-decreasing"
      : neg
        ? strict
          ? "decreasing"
          : "non-increasing"
        : "no",
    bounded:
      Number.isFinite(lo) && Number.isFinite(hi)
        ? "yes"
        : Number.isFinite(lo)
          ? "below"
          : Number.isFinite(hi)
            ? "above"
            : "no",
    zeroCentred: f(0) === 0 && lo < 0 && hi > 0,
    symmetry: odd ? "odd" : even ? "even" : "none",
    smoothness: "unknown",
    maxAbsDf: {
      value: Math.abs(ds[best]),
      at: xs[best],
      where: `x ≈ ${xs[best]} (the largest |f′| among samples)`,
      attained: true,
    },
    kinks: [],
  };
}
