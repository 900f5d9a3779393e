import type { Interval, Kink } from "../activation";

/** Where an activation saturates: the set {x : |f′(x)| < eps}. */
export interface Saturation {
  readonly eps: number;
  /** Disjoint, sorted; ends are the outermost doubles inside the set (closed) or ±Infinity (open). */
  readonly intervals: readonly Interval[];
  /** When set, the set repeats with this period and `intervals` cover one period. */
  readonly period?: number;
  /** The set in words, e.g. "|f′(x)| < 0.0001 for x ≤ −9.21 and x ≥ 9.21". */
  readonly text: string;
}

/**
 * Sample points: every 1/64 on [−20, 20] (exact binary fractions), then 40 per decade out to ±1e300.
 * NB: shared by every call; 2 × (1280 + 11 880) points.
 */
let GRID: Float64Array | undefined;
function grid(): Float64Array {
  if (GRID) return GRID;
  const pos: number[] = [];
  for (let i = 1; i <= 20 * 64; i++) pos.push(i / 64);
  for (let k = 1; ; k++) {
    const v = 20 * 10 ** (k / 40);
    if (v > 1e300) break;
    pos.push(v);
  }
  pos.push(1e300);
  const g = new Float64Array(2 * pos.length + 1);
  for (let i = 0; i < pos.length; i++) {
    g[pos.length - 1 - i] = -pos[i];
    g[pos.length + 1 + i] = pos[i];
  }
  return (GRID = g);
}

/** The boundary between a (in == inA) and b (in != inA): the last double on a's side, by bisection. */
function boundary(inside: (x: number) => boolean, a: number, b: number): [number, number] {
  const inA = inside(a);
  for (let k = 0; k < 2100; k++) {
    const m = a / 2 + b / 2; // NB: a/2 + b/2 cannot overflow at ±1e300
    if (m === a || m === b) break;
    if (inside(m) === inA) a = m;
    else b = m;
  }
  return [a, b]; // a keeps a's status, b the other; they are adjacent doubles
}

/** Argmin of |df| on [a, b] by golden-section search (for dips that do not cross zero between samples). */
function dip(absDf: (x: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let c = b - r * (b - a);
  let d = a + r * (b - a);
  for (let k = 0; k < 200 && c < d; k++) {
    if (absDf(c) < absDf(d)) b = d;
    else a = c;
    c = b - r * (b - a);
    d = a + r * (b - a);
  }
  return (a + b) / 2;
}

/**
 * {x : |f′(x)| < eps} from samples of f′ refined by bisection: every boundary is located to the double.
 * Features narrower than the 1/64 grid are found when f′ changes sign across them or |f′| dips between
 * samples; declared kinks are sampled exactly.
 */
export function saturation(df: (x: number) => number, eps: number, kinks: readonly Kink[] = []): Saturation {
  const absDf = (x: number) => Math.abs(df(x));
  const inside = (x: number) => absDf(x) < eps;
  const pts = Array.from(grid());
  for (const k of kinks) pts.push(k.x);
  pts.sort((a, b) => a - b);
  // Saturated points found by root and dip searches, which the samples alone would miss.
  const extra: number[] = [];
  const d = pts.map(df);
  for (let i = 1; i < pts.length; i++) {
    const [a, b] = [pts[i - 1], pts[i]];
    if (!inside(a) && !inside(b)) {
      if (Math.sign(d[i - 1]) * Math.sign(d[i]) < 0) {
        // f′ crosses zero between two unsaturated samples: bisect on the sign.
        let [lo, hi] = [a, b];
        const sLo = Math.sign(d[i - 1]);
        for (let k = 0; k < 200; k++) {
          const m = lo / 2 + hi / 2;
          if (m === lo || m === hi) break;
          if (inside(m)) {
            lo = hi = m;
            break;
          }
          if (Math.sign(df(m)) === sLo) lo = m;
          else hi = m;
        }
        if (inside(lo)) extra.push(lo);
        else if (inside(hi)) extra.push(hi);
      } else if (i + 1 < pts.length && Math.abs(d[i]) < Math.abs(d[i - 1]) && Math.abs(d[i]) < Math.abs(d[i + 1])) {
        const m = dip(absDf, a, pts[i + 1]);
        if (inside(m)) extra.push(m);
      }
    }
  }
  if (extra.length) {
    pts.push(...extra);
    pts.sort((a, b) => a - b);
  }
  const intervals: Interval[] = [];
  let start: number | undefined;
  let prev = pts[0];
  let prevIn = inside(prev);
  if (prevIn) start = -Infinity;
  for (let i = 1; i < pts.length; i++) {
    const x = pts[i];
    if (x === prev) continue;
    const xIn = inside(x);
    if (xIn && !prevIn) start = boundary(inside, x, prev)[0];
    if (!xIn && prevIn) {
      intervals.push(closed(start!, boundary(inside, prev, x)[0]));
      start = undefined;
    }
    prev = x;
    prevIn = xIn;
  }
  if (start !== undefined) intervals.push(closed(start, Infinity));
  return { eps, intervals, text: describe(eps, intervals) };
}

function closed(lo: number, hi: number): Interval {
  return { lo, hi, loClosed: lo !== -Infinity, hiClosed: hi !== Infinity };
}

/** Four significant digits, with a real minus sign. */
export function fmt4(v: number): string {
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  return Number(v.toPrecision(4)).toString().replace("-", "−");
}

/** e.g. "|f′(x)| < 0.0001 for x ≤ −9.21 and x ≥ 9.21". */
export function describe(eps: number, intervals: readonly Interval[], suffix = ""): string {
  const head = `|f′(x)| < ${fmt4(eps)}`;
  if (intervals.length === 0) return `${head} nowhere${suffix}`;
  const parts = intervals.map((iv) => {
    if (iv.lo === -Infinity && iv.hi === Infinity) return "every x";
    if (iv.lo === -Infinity) return `x ${iv.hiClosed ? "≤" : "<"} ${fmt4(iv.hi)}`;
    if (iv.hi === Infinity) return `x ${iv.loClosed ? "≥" : ">"} ${fmt4(iv.lo)}`;
    if (iv.lo === iv.hi) return `x = ${fmt4(iv.lo)}`;
    return `${fmt4(iv.lo)} ${iv.loClosed ? "≤" : "<"} x ${iv.hiClosed ? "≤" : "<"} ${fmt4(iv.hi)}`;
  });
  return `${head} for ${parts.join(" and ")}${suffix}`;
}
