import type { Batch, Sequential } from "./sequential";

/**
 * The fraction of rows classified right. One output: class 1 where the output exceeds `threshold`
 * (default 0 for "bce_with_logits" — a logit — else 0.5) and targets ≥ 0.5 count as class 1.
 * Several outputs: the argmax against a class index (targets n×1) or the targets' argmax (one-hot).
 */
export function accuracy(model: Sequential, data: Batch, threshold?: number): number {
  const out = model.predict(data.x);
  const n = out.rows, m = out.cols, t = data.y.cols;
  if (data.y.rows !== n) throw new Error(`accuracy: ${n} predictions but ${data.y.rows} targets`);
  let right = 0;
  if (m === 1) {
    const th = threshold ?? (model.loss === "bce_with_logits" ? 0 : 0.5);
    for (let i = 0; i < n; i++) if (out.data[i] > th === data.y.data[i * t] >= 0.5) right++;
  } else {
    const argmax = (a: Float64Array, o: number, len: number) => {
      let best = 0;
      for (let j = 1; j < len; j++) if (a[o + j] > a[o + best]) best = j;
      return best;
    };
    for (let i = 0; i < n; i++) {
      const want = t === 1 ? data.y.data[i] : argmax(data.y.data, i * t, t);
      if (argmax(out.data, i * m, m) === want) right++;
    }
  }
  return right / n;
}
