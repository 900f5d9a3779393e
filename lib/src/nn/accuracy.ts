import type { Batch, Sequential } from "./sequential";

/** Options of `accuracy`. */
export interface AccuracyOptions {
  /** One output: class 1 where the output exceeds this (default 0 for "bce_with_logits" — a logit — else 0.5). */
  threshold?: number;
  /**
   * Outputs this close to the threshold (times max(1, |threshold|)), or this close to the row's largest output, are
   * ties: rounding, not a decision (default 1e-9). NB: an identity network fit to XOR outputs 0.5 ± 1e-16, so
   * without this its accuracy would be whatever the rounding says, up to 100 %.
   */
  tieTolerance?: number;
  /**
   * What a tie predicts. "first" (default): what exact arithmetic gives under PyTorch's and scikit-learn's rules —
   * `p > threshold` is false, so class 0; several equal largest outputs give the first (`argmax`).
   * "wrong": a tie is no answer and counts as a mistake whatever the target.
   */
  ties?: "first" | "wrong";
}

/**
 * The fraction of rows classified right. One output: class 1 where the output exceeds the threshold, and targets
 * ≥ 0.5 are class 1. Several outputs: the argmax against a class index (targets n×1) or the targets' argmax
 * (one-hot). Outputs within rounding of the threshold, or of each other, are ties (see AccuracyOptions).
 */
export function accuracy(model: Sequential, data: Batch, options: number | AccuracyOptions = {}): number {
  const o = typeof options === "number" ? { threshold: options } : options;
  const tol = o.tieTolerance ?? 1e-9;
  if (!(tol >= 0)) throw new Error(`accuracy: tieTolerance must be a number ≥ 0, got ${tol}`);
  const ties = o.ties ?? "first";
  if (ties !== "first" && ties !== "wrong")
    throw new Error(`accuracy: ties must be "first" or "wrong", got ${JSON.stringify(ties)}`);
  const out = model.predict(data.x);
  const n = out.rows,
    m = out.cols,
    t = data.y.cols;
  if (data.y.rows !== n) throw new Error(`accuracy: ${n} predictions but ${data.y.rows} targets`);
  let right = 0;
  if (m === 1) {
    const th = o.threshold ?? (model.loss === "bce_with_logits" ? 0 : 0.5);
    const band = tol * Math.max(1, Math.abs(th));
    for (let i = 0; i < n; i++) {
      const p = out.data[i];
      const tie = Math.abs(p - th) <= band;
      if (tie && ties === "wrong") continue;
      if (!tie && p > th) {
        if (data.y.data[i * t] >= 0.5) right++;
      } else if (data.y.data[i * t] < 0.5) right++;
    }
  } else {
    const argmax = (a: Float64Array, off: number, len: number) => {
      let best = 0;
      for (let j = 1; j < len; j++) if (a[off + j] > a[off + best]) best = j;
      return best;
    };
    for (let i = 0; i < n; i++) {
      const want = t === 1 ? data.y.data[i] : argmax(data.y.data, i * t, t);
      const off = i * m;
      const top = out.data[off + argmax(out.data, off, m)];
      const band = tol * Math.max(1, Math.abs(top));
      // The first output within rounding of the largest; a tie when another one is too.
      let first = -1,
        count = 0;
      for (let j = 0; j < m; j++) {
        if (top - out.data[off + j] <= band) {
          if (first < 0) first = j;
          count++;
        }
      }
      if (count > 1 && ties === "wrong") continue;
      if (first === want) right++;
    }
  }
  return right / n;
}
