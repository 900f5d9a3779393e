// Activations of a whole vector: softmax and log_softmax, with Jacobian–vector products.
// Inputs may hold several rows back to back (a row-major batch): pass rowLength; by default one row.
import type { Formulas, Range } from "../activation";
import { range } from "./params";

/** Anything indexable by number with a length: number[], Float64Array, Float32Array. */
export type Vector = ArrayLike<number>;
/** A writable output vector. */
export type OutVector = { [i: number]: number; readonly length: number };

/** Facts about a vector activation, each checked by the tests. */
export interface VectorProperties {
  /** The range of each output. */
  readonly range: Range;
  /** Outputs are unchanged when the same constant is added to every input of a row. */
  readonly shiftInvariant: boolean;
  /** What each row of outputs satisfies, e.g. "Σᵢ fᵢ = 1". */
  readonly rowIdentity: string;
  /** sup over x of max |∂fᵢ/∂xⱼ|. */
  readonly maxAbsJacobian: { readonly value: number; readonly where: string };
}

/** One row of the vector-activation table. */
export interface VectorActivationEntry {
  readonly id: string;
  readonly label: string;
  readonly summary: string;
  readonly torch: string;
  /** f, the Jacobian–vector product (df) and the second directional derivative d²/dt² f(x + t·v) at t = 0 (d2f). */
  readonly latex: Formulas;
  readonly properties: VectorProperties;
  readonly notes?: readonly string[];
  /** out = f(x), row by row. */
  f(x: Vector, out: OutVector, n: number): void;
  /** out = J(x)·v. */
  jvp(x: Vector, v: Vector, out: OutVector, n: number): void;
  /** out = J(x)ᵀ·g (the backward step). */
  vjp(x: Vector, g: Vector, out: OutVector, n: number): void;
  /** out = d²/dt² f(x + t·v) at t = 0. */
  jvp2(x: Vector, v: Vector, out: OutVector, n: number): void;
  /** The n×n Jacobian of one row, row-major into out. */
  jacobian(x: Vector, out: OutVector, n: number): void;
}

/**
 * s[so .. so+n) = softmax(x[o .. o+n)); returns log Σⱼ e^(xⱼ − max).
 * NB: the 1 at the maximum is kept apart from Σ_{j≠k} e^(xⱼ−m), so log Σ = log1p(rest) stays exact when one
 * input dominates (log_softmax of the winner is −rest, not 0). A single +∞ input gets probability 1; NaN
 * anywhere in the row makes the whole row NaN.
 */
function softmaxInto(x: Vector, o: number, n: number, s: OutVector, so: number): number {
  let m = x[o];
  let k = 0;
  for (let i = 1; i < n; i++) {
    if (x[o + i] > m) {
      m = x[o + i];
      k = i;
    }
  }
  let rest = 0;
  for (let i = 0; i < n; i++) {
    if (i === k) continue;
    const e = Math.exp(x[o + i] - m);
    s[so + i] = e;
    rest += e;
  }
  const inv = 1 / (1 + rest);
  for (let i = 0; i < n; i++) s[so + i] = i === k ? inv : s[so + i] * inv;
  if (m !== m) for (let i = 0; i < n; i++) s[so + i] = NaN;
  return Math.log1p(rest);
}

function rows(what: string, x: Vector, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: rowLength must be an integer ≥ 1, got ${n}`);
  if (x.length % n !== 0)
    throw new Error(`${what}: x has length ${x.length}, which is not a multiple of rowLength ${n}`);
  return x.length / n;
}

/** Scratch for softmax(x) inside the derivative routines (they never nest). */
let scratch = new Float64Array(64);
function rowSoftmax(x: Vector, o: number, n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(2 * n);
  softmaxInto(x, o, n, scratch, 0);
  return scratch;
}

/** log Σⱼ e^(xⱼ − max) of one row (the softmax goes to scratch, so out may be x). */
function logSumExpRest(x: Vector, o: number, n: number): number {
  if (scratch.length < n) scratch = new Float64Array(2 * n);
  return softmaxInto(x, o, n, scratch, 0);
}

/** Σ_{j≠i} sⱼ = 1 − sᵢ without cancellation. */
function others(s: Float64Array, i: number, n: number): number {
  let t = 0;
  for (let j = 0; j < n; j++) if (j !== i) t += s[j];
  return t;
}

/** Deviations dᵢ = vᵢ − v̄ (v̄ = Σⱼ sⱼvⱼ) of one row into dev, and Σⱼ sⱼdⱼ² (returned). */
let dev = new Float64Array(64);
function deviations(s: Float64Array, v: Vector, o: number, n: number): number {
  if (dev.length < n) dev = new Float64Array(2 * n);
  // NB: v̄ is taken relative to the most probable entry k: vᵢ − v̄ = (vᵢ − v_k) − Σ_{j≠k} sⱼ(vⱼ − v_k). For the winner
  // (s_k ≈ 1) this is a small sum, not a difference of nearly equal numbers: softmax([37, 0]) has J·v ≈ e^(−37).
  let k = 0;
  for (let i = 1; i < n; i++) if (s[i] > s[k]) k = i;
  const vk = v[o + k];
  let shift = 0;
  for (let j = 0; j < n; j++) if (j !== k) shift += s[j] * (v[o + j] - vk);
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const d = i === k ? -shift : v[o + i] - vk - shift;
    dev[i] = d;
    variance += s[i] * d * d;
  }
  return variance;
}

export const softmax: VectorActivationEntry = {
  id: "softmax",
  label: "Softmax",
  summary:
    "Turns a vector of scores into probabilities: positive outputs that sum to 1; the output layer of classifiers.",
  torch: "torch.softmax(x, dim=-1)",
  latex: {
    f: String.raw`s_i=\operatorname{softmax}(x)_i=\frac{e^{x_i}}{\sum_j e^{x_j}}`,
    df: String.raw`(J v)_i=s_i\,(v_i-\bar v),\quad \bar v=\textstyle\sum_j s_j v_j\quad(J=\operatorname{diag}(s)-s\,s^\top=J^\top)`,
    d2f: String.raw`\frac{d^2}{dt^2}s(x+tv)_i=s_i\left((v_i-\bar v)^2-\textstyle\sum_j s_j (v_j-\bar v)^2\right)`,
  },
  notes: ["The maximum of each row is subtracted first, so softmax([1000, 0]) = [1, e^(−1000)] without overflow."],
  properties: {
    range: range(0, 1, true, true, "[0, 1] (open (0, 1) in exact arithmetic); each row sums to 1"),
    shiftInvariant: true,
    rowIdentity: "Σᵢ fᵢ = 1",
    maxAbsJacobian: { value: 0.25, where: "∂sᵢ/∂xᵢ = sᵢ(1 − sᵢ) ≤ 1/4, reached when sᵢ = 1/2; |∂sᵢ/∂xⱼ| = sᵢsⱼ ≤ 1/4" },
  },
  f(x, out, n) {
    const r = rows("softmax", x, n);
    for (let b = 0; b < r; b++) softmaxInto(x, b * n, n, out, b * n);
  },
  jvp(x, v, out, n) {
    const r = rows("softmax.jvp", x, n);
    for (let o = 0; o < r * n; o += n) {
      const s = rowSoftmax(x, o, n);
      deviations(s, v, o, n);
      for (let i = 0; i < n; i++) out[o + i] = s[i] * dev[i];
    }
  },
  vjp(x, g, out, n) {
    softmax.jvp(x, g, out, n); // the Jacobian is symmetric
  },
  jvp2(x, v, out, n) {
    const r = rows("softmax.jvp2", x, n);
    for (let o = 0; o < r * n; o += n) {
      const s = rowSoftmax(x, o, n);
      const variance = deviations(s, v, o, n);
      for (let i = 0; i < n; i++) out[o + i] = s[i] * (dev[i] * dev[i] - variance);
    }
  },
  jacobian(x, out, n) {
    const s = rowSoftmax(x, 0, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) out[i * n + j] = i === j ? s[i] * others(s, i, n) : -s[i] * s[j]; // NB: sᵢ(1 − sᵢ) cancels for sᵢ ≈ 1
    }
  },
};

export const log_softmax: VectorActivationEntry = {
  id: "log_softmax",
  label: "Log-softmax",
  summary:
    "The logarithm of softmax, computed directly: the log-probabilities fed to the negative log-likelihood loss.",
  torch: "torch.log_softmax(x, dim=-1)",
  latex: {
    f: String.raw`f_i=x_i-\log	extstyle\sum_j e^{x_j}`,
    df: String.raw`(J v)_i=v_i-ar v,\quad ar v=	extstyle\sum_j s_j v_j\quad(J=I-\mathbf 1\,s^	op,\ s=\operatorname{softmax}(x))`,
    d2f: String.raw`rac{d^2}{dt^2}f(x+tv)_i=-	extstyle\sum_j s_j (v_j-ar v)^2`,
  },
  notes: [
    "Computed as (xᵢ − max) − log1p(Σ_{j≠max} e^(xⱼ−max)), never as log(softmax): log_softmax([0, −1000]) = [−0, −1000], not [0, −Infinity].",
  ],
  properties: {
    range: range(-Infinity, 0, false, true, "(−∞, 0]; each row satisfies Σᵢ e^(fᵢ) = 1"),
    shiftInvariant: true,
    rowIdentity: "Σᵢ e^(fᵢ) = 1",
    maxAbsJacobian: { value: 1, where: "∂fᵢ/∂xⱼ = δᵢⱼ − sⱼ, which approaches 1 (i = j) or −1 (i ≠ j) as sⱼ → 0 or 1" },
  },
  f(x, out, n) {
    const r = rows("log_softmax", x, n);
    for (let o = 0; o < r * n; o += n) {
      let m = x[o];
      for (let i = 1; i < n; i++) if (x[o + i] > m) m = x[o + i];
      const lse = logSumExpRest(x, o, n);
      for (let i = 0; i < n; i++) out[o + i] = x[o + i] - m - lse;
    }
  },
  jvp(x, v, out, n) {
    const r = rows("log_softmax.jvp", x, n);
    for (let o = 0; o < r * n; o += n) {
      const s = rowSoftmax(x, o, n);
      deviations(s, v, o, n);
      for (let i = 0; i < n; i++) out[o + i] = dev[i];
    }
  },
  vjp(x, g, out, n) {
    const r = rows("log_softmax.vjp", x, n);
    for (let o = 0; o < r * n; o += n) {
      const s = rowSoftmax(x, o, n);
      let total = 0;
      for (let i = 0; i < n; i++) total += g[o + i];
      for (let i = 0; i < n; i++) out[o + i] = g[o + i] - s[i] * total;
    }
  },
  jvp2(x, v, out, n) {
    const r = rows("log_softmax.jvp2", x, n);
    for (let o = 0; o < r * n; o += n) {
      const variance = deviations(rowSoftmax(x, o, n), v, o, n);
      for (let i = 0; i < n; i++) out[o + i] = -variance;
    }
  },
  jacobian(x, out, n) {
    const s = rowSoftmax(x, 0, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = i === j ? others(s, i, n) : -s[j];
  },
};
