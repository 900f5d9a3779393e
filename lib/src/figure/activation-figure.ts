import type { Activation } from "../activation";
import { fmt } from "./format";
import { decimate, pick } from "./decimate";
import { Figure } from "./figure";
import type { ActivationPayload, ActivationSeries, Interval } from "./payload";

export interface ActivationFigureOptions {
  /** The x interval drawn; default [−6, 6]. */
  range?: [number, number];
  /** Grid points, at least 2; default 241. */
  points?: number;
  title?: string;
  /** Shade where |f′(x)| < epsilon (saturation); default 0.01. 0 turns shading off. */
  epsilon?: number;
  /** Which curves are drawn at first (each can be toggled in Lab); default f and f′. */
  show?: { f?: boolean; df?: boolean; d2f?: boolean };
  /** Most x values sent; more are decimated keeping each bucket's min and max; default 4000. */
  maxPoints?: number;
  /** The x axis title, e.g. "z" or "w"; default "x". A short symbol (up to 3 characters) also names the curves: f(z), f′(z). */
  xLabel?: string;
}

export { activationNames } from "./scene/activation";
import { activationNames } from "./scene/activation";

/** Evenly spaced points from a to b inclusive. */
export function linspace(a: number, b: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? b : a + ((b - a) * i) / (n - 1);
  return out;
}

/**
 * The intervals where |f′| < eps, from samples `df` on the sorted grid `x`. With `exact` (the closed-form
 * f′), each boundary is found by bisection to full precision; without it, by linear interpolation.
 */
export function saturatedIntervals(
  x: readonly number[],
  df: readonly number[],
  eps: number,
  exact?: (x: number) => number,
): Interval[] {
  const sat = (v: number) => Math.abs(v) < eps; // NB: NaN counts as not saturated
  const edge = (i: number): number => {
    // The boundary between x[i] and x[i + 1], where sat() changes.
    if (exact) {
      let lo = x[i];
      let hi = x[i + 1];
      const s = sat(df[i]);
      for (let k = 0; k < 200; k++) {
        const mid = lo + (hi - lo) / 2;
        if (mid === lo || mid === hi) break;
        if (sat(exact(mid)) === s) lo = mid;
        else hi = mid;
      }
      // NB: the endpoint on the saturated side, so an interval holds only saturated points (relu: exactly 0).
      return s ? lo : hi;
    }
    const a = Math.abs(df[i]) - eps;
    const b = Math.abs(df[i + 1]) - eps;
    const t = Number.isFinite(a) && Number.isFinite(b) && a !== b ? a / (a - b) : 0.5;
    return x[i] + Math.min(1, Math.max(0, t)) * (x[i + 1] - x[i]);
  };
  const out: Interval[] = [];
  let start: number | undefined;
  for (let i = 0; i < x.length; i++) {
    const s = sat(df[i]);
    if (s && start === undefined) start = i === 0 ? x[0] : edge(i - 1);
    else if (!s && start !== undefined) {
      out.push([start, edge(i - 1)]);
      start = undefined;
    }
  }
  if (start !== undefined) out.push([start, x[x.length - 1]]);
  return out;
}

/** The figure of one or more activations with f, f′ and f″ over a range. */
export function activationFigure(
  acts: readonly Activation[],
  options: ActivationFigureOptions = {},
): Figure<ActivationPayload> {
  const [a, b] = options.range ?? [-6, 6];
  const n = options.points ?? 241;
  const eps = options.epsilon ?? 0.01;
  const maxPoints = options.maxPoints ?? 4000;
  if (acts.length === 0) throw new Error("activationFigure: give at least one activation");
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) {
    throw new Error(`activationFigure: range must be two finite numbers [a, b] with a < b, got [${a}, ${b}]`);
  }
  if (!Number.isInteger(n) || n < 2) throw new Error(`activationFigure: points must be an integer ≥ 2, got ${n}`);
  if (!(eps >= 0 && Number.isFinite(eps)))
    throw new Error(`activationFigure: epsilon must be a finite number ≥ 0, got ${eps}`);
  if (!Number.isInteger(maxPoints) || maxPoints < 4)
    throw new Error(`activationFigure: maxPoints must be an integer ≥ 4, got ${maxPoints}`);
  const x = linspace(a, b, n);
  const full = acts.map((act) => {
    const f = new Array<number>(n);
    const df = new Array<number>(n);
    const d2f = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      f[i] = act.f(x[i]);
      df[i] = act.df(x[i]);
      d2f[i] = act.d2f(x[i]);
    }
    return { act, f, df, d2f, saturated: eps > 0 ? saturatedIntervals(x, df, eps, act.df) : [] };
  });
  const keep = decimate(
    n,
    full.flatMap((s) => [s.f, s.df, s.d2f]),
    maxPoints,
  );
  const series: ActivationSeries[] = full.map((s) => ({
    id: s.act.id,
    label: s.act.label,
    latex: { ...s.act.entry.latex },
    f: pick(s.f, keep),
    df: pick(s.df, keep),
    d2f: pick(s.d2f, keep),
    saturated: s.saturated,
  }));
  const title =
    options.title ??
    `${acts.map((s) => s.label).join(", ")} and ${acts.length > 1 ? "their derivatives" : "its derivative"}`;
  const show = { f: options.show?.f ?? true, df: options.show?.df ?? true, d2f: options.show?.d2f ?? false };
  const payload: ActivationPayload = {
    version: 1,
    kind: "activation",
    title,
    x: pick(x, keep),
    series,
    epsilon: eps,
    show,
  };
  if (options.xLabel !== undefined) payload.xLabel = options.xLabel;
  const v = activationNames(options.xLabel).v;
  return new Figure(payload, full.map((s) => summarize(s.act.id, x, s.df, v)).join("\n"));
}

/** e.g. "sigmoid on [-6, 6]: max f′ = 0.25 at x = 0". */
function summarize(id: string, x: readonly number[], df: readonly number[], v: string): string {
  let best = 0;
  for (let i = 1; i < df.length; i++) if (Math.abs(df[i]) > Math.abs(df[best])) best = i;
  return `${id} on [${fmt(x[0])}, ${fmt(x[x.length - 1])}]: max f′ = ${fmt(df[best])} at ${v} = ${fmt(x[best])}`;
}
