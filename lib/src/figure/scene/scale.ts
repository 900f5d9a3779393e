import { fmt } from "../format";

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

/** One tick: its position in axis units (log₁₀ of the value on a log axis) and its label. */
export interface Tick {
  at: number;
  label: string;
}

function ticksWithStep(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    const t = k * step;
    // NB: enough digits to tell neighbours apart far from 0 (ticks 2e-4 apart near 10⁶), none of k·step's noise.
    const digits = Math.min(17, Math.max(12, Math.ceil(Math.log10(Math.abs(t) / step)) + 3));
    ticks.push(k === 0 ? 0 : Number(t.toPrecision(digits)));
  }
  return ticks;
}

/** The next nice step below `step`: 5 → 2 → 1 → 0.5 (× 10ᵏ). */
function smallerStep(step: number): number {
  const mag = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const m = Math.round(step / mag);
  return m >= 5 ? 2 * mag : m >= 2 ? mag : 0.5 * mag;
}

/**
 * "Nice" tick values (1, 2, 5 × 10ᵏ) covering [lo, hi]: about `count` of them, and never fewer than 3
 * (a narrow range gets a finer step: [0.1, 0.9] gives 0.2, 0.4, 0.6, 0.8, not 0.5 alone).
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(hi - lo)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  let ticks = ticksWithStep(lo, hi, step);
  for (let k = 0; ticks.length < 3 && k < 60; k++) {
    step = smallerStep(step);
    ticks = ticksWithStep(lo, hi, step);
  }
  return ticks;
}

/**
 * Labels for tick values, with as many significant digits as it takes (from `digits`) for neighbours to
 * differ: [1000, 1000.1, 1000.2] reads "1000", "1000.1", "1000.2", not "1000" three times.
 */
export function tickLabels(values: readonly number[], digits = 4): string[] {
  for (let d = digits; d < 17; d++) {
    const labels = values.map((v) => fmt(v, d));
    if (labels.every((l, i) => i === 0 || l !== labels[i - 1])) return labels;
  }
  return values.map((v) => String(v));
}

/**
 * Ticks for a log₁₀ axis whose domain is in decades [lo, hi], at least 3 of them: whole decades (thinned
 * to about 6); if fewer than 3 fit, 1-2-5 × 10ᵏ; then 1…9 × 10ᵏ; then nice linear steps of the value.
 */
export function logTicks(lo: number, hi: number): Tick[] {
  if (!(hi > lo) || !Number.isFinite(hi - lo)) return Number.isFinite(lo) ? [{ at: lo, label: fmt(10 ** lo) }] : [];
  const label = (at: number[], digits: number): Tick[] => {
    const l = tickLabels(
      at.map((t) => 10 ** t),
      digits,
    );
    return at.map((t, i) => ({ at: t, label: l[i] }));
  };
  const a = Math.ceil(lo - 1e-9);
  const b = Math.floor(hi + 1e-9);
  if (b - a + 1 >= 3) {
    const step = Math.max(1, Math.ceil((b - a + 1) / 6));
    const out: number[] = [];
    for (let t = a; t <= b; t += step) out.push(t);
    return label(out, 1);
  }
  const inside = (t: number) => t >= lo - 1e-9 && t <= hi + 1e-9;
  for (const mantissas of [
    [1, 2, 5],
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  ]) {
    const out: number[] = [];
    for (let k = Math.floor(lo); k <= Math.ceil(hi); k++)
      for (const m of mantissas) if (inside(k + Math.log10(m))) out.push(k + Math.log10(m));
    if (out.length >= 3) {
      const step = Math.max(1, Math.ceil(out.length / 8));
      return label(
        out.filter((_, i) => i % step === 0),
        1,
      );
    }
  }
  return label(
    niceTicks(10 ** lo, 10 ** hi, 4)
      .filter((v) => v > 0)
      .map(Math.log10),
    2,
  );
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
