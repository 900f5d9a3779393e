// The activation figure's one tangent rule, shared by the static SVG (steepest point) and the Lab lens (pointer).

/** The finite extent of f over every series; [-1, 1] when none is finite. */
export function fExtent(series: readonly { f: readonly number[] }[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of s.f) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo <= hi ? [lo, hi] : [-1, 1];
}

/**
 * Half the x-width of the tangent segment at (x₀, f0) with slope f′: ±1/8 of the x range, shortened so the
 * segment stays within f's extent `[lo, hi]` (both renderers clip to the same rule, not to their own axes).
 */
export function tangentHalf(x: readonly number[], f0: number, slope: number, [lo, hi]: [number, number]): number {
  const w = (x[x.length - 1] - x[0]) / 8;
  const s = Math.abs(slope);
  return s > 0 ? Math.max(0, Math.min(w, (hi - f0) / s, (f0 - lo) / s)) : w;
}

/**
 * The names a figure uses for its variable and curves: with xLabel "z", "f(z)", "f′(z)", "f″(z)".
 * NB: a longer label ("pre-activation z") titles the axis only; the curves keep x.
 */
export function activationNames(xLabel: string | undefined): { axis: string; v: string; f: string; df: string; d2f: string } {
  const axis = xLabel ?? "x";
  const v = [...axis].length <= 3 && /^[^\s()]+$/.test(axis) ? axis : "x";
  return { axis, v, f: `f(${v})`, df: `f′(${v})`, d2f: `f″(${v})` };
}
