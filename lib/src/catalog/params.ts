import type { Interval, Kink, ParamSpec, Properties, Range } from "../activation";

/** A parameter that may be any finite number. */
export function finite(def: number, doc: string): ParamSpec {
  return { default: def, domain: "a finite number", valid: Number.isFinite, doc };
}

/** A parameter that must be finite and > 0. */
export function positive(def: number, doc: string): ParamSpec {
  return { default: def, domain: "a finite number > 0", valid: (v) => Number.isFinite(v) && v > 0, doc };
}

/** A parameter that must be finite and ≥ 0. */
export function nonNegative(def: number, doc: string): ParamSpec {
  return { default: def, domain: "a finite number ≥ 0", valid: (v) => Number.isFinite(v) && v >= 0, doc };
}

const INF = Infinity;

/** The range [lo, hi] with open/closed ends written as in maths: "[0, ∞)". */
export function range(lo: number, hi: number, loClosed: boolean, hiClosed: boolean, text?: string): Range {
  const num = (v: number) => (v === INF ? "∞" : v === -INF ? "−∞" : String(v).replace("-", "−"));
  return {
    lo,
    hi,
    loClosed: loClosed && lo !== -INF,
    hiClosed: hiClosed && hi !== INF,
    text: text ?? `${loClosed && lo !== -INF ? "[" : "("}${num(lo)}, ${num(hi)}${hiClosed && hi !== INF ? "]" : ")"}`,
  };
}

export const REALS: Range = range(-INF, INF, false, false, "ℝ");

/** "yes"/"below"/"above"/"no" from a range's ends. */
export function boundedness(r: Interval): Properties["bounded"] {
  const lo = r.lo > -INF;
  const hi = r.hi < INF;
  return lo && hi ? "yes" : lo ? "below" : hi ? "above" : "no";
}

/** Properties with `bounded` derived from the range and no kinks unless given. */
export function props(p: Omit<Properties, "bounded" | "kinks"> & { kinks?: readonly Kink[] }): Properties {
  return { ...p, bounded: boundedness(p.range), kinks: p.kinks ?? [] };
}

/** A kink that follows PyTorch's autograd. */
export function kink(x: number, breaks: Kink["breaks"], df: number, d2f: number, convention: string): Kink {
  return { x, breaks, df, d2f, convention };
}
