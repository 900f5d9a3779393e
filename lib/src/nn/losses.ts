// Losses over a batch of predictions (rows×cols) and targets, each returning the loss and writing
// ∂loss/∂prediction. All work on logits where that is the stable form.

/** The valid loss names. */
export const LOSSES = ["mse", "sse", "bce_with_logits", "softmax_cross_entropy"] as const;
export type LossName = (typeof LOSSES)[number];

/** Throws the list of valid names unless `name` is one. */
export function checkLoss(name: string): LossName {
  if (!(LOSSES as readonly string[]).includes(name)) {
    throw new Error(`unknown loss "${name}"; valid losses are: ${LOSSES.join(", ")}`);
  }
  return name as LossName;
}

/** The target width a loss accepts for `cols` prediction columns. */
export function targetColsOk(loss: LossName, cols: number, targetCols: number): boolean {
  return targetCols === cols || (loss === "softmax_cross_entropy" && targetCols === 1 && cols > 1);
}

/**
 * The loss of `pred` (rows×cols) against `target` (rows×tcols); writes ∂loss/∂pred into `grad` unless null.
 * - mse: mean over all elements of (p − y)² (PyTorch's MSELoss).
 * - sse: ½ Σ (y − p)², the J of the 3-2-1 worked example (a sum, not a mean).
 * - bce_with_logits: mean of max(z,0) − z·y + log(1 + e^(−|z|)); gradient σ(z) − y (PyTorch's BCEWithLogitsLoss).
 * - softmax_cross_entropy: mean over rows of logsumexp(z) − Σ y·z, with y one-hot/probabilities (tcols = cols)
 *   or class indices (tcols = 1); gradient softmax(z)·Σy − y (PyTorch's CrossEntropyLoss).
 */
export function computeLoss(
  loss: LossName,
  pred: Float64Array,
  target: Float64Array,
  grad: Float64Array | null,
  rows: number,
  cols: number,
  tcols: number,
): number {
  const len = rows * cols;
  switch (loss) {
    case "mse": {
      let s = 0;
      const k = 2 / len;
      for (let i = 0; i < len; i++) {
        const e = pred[i] - target[i];
        s += e * e;
        if (grad) grad[i] = k * e;
      }
      return s / len;
    }
    case "sse": {
      let s = 0;
      for (let i = 0; i < len; i++) {
        const e = pred[i] - target[i];
        s += e * e;
        if (grad) grad[i] = e;
      }
      return 0.5 * s;
    }
    case "bce_with_logits": {
      let s = 0;
      for (let i = 0; i < len; i++) {
        const z = pred[i];
        const y = target[i];
        const e = Math.exp(-Math.abs(z));
        s += Math.max(z, 0) - z * y + Math.log1p(e);
        // NB: σ(z) from e = e^(−|z|), never overflowing.
        if (grad) grad[i] = ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - y) / len;
      }
      return s / len;
    }
    case "softmax_cross_entropy": {
      let s = 0;
      const indices = tcols === 1 && cols > 1;
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let max = -Infinity;
        for (let j = 0; j < cols; j++) if (pred[o + j] > max) max = pred[o + j];
        let sum = 0;
        for (let j = 0; j < cols; j++) sum += Math.exp(pred[o + j] - max);
        const lse = max + Math.log(sum);
        let ySum = 1;
        if (indices) {
          const c = target[r];
          if (!Number.isInteger(c) || c < 0 || c >= cols) {
            throw new Error(
              `softmax_cross_entropy: target of row ${r} is ${c}, but class indices must be integers in [0, ${cols - 1}]`,
            );
          }
          s += lse - pred[o + c];
        } else {
          ySum = 0;
          for (let j = 0; j < cols; j++) {
            s += target[o + j] * (lse - pred[o + j]);
            ySum += target[o + j];
          }
        }
        if (grad) {
          for (let j = 0; j < cols; j++) {
            const y = indices ? (j === target[r] ? 1 : 0) : target[o + j];
            grad[o + j] = (Math.exp(pred[o + j] - lse) * ySum - y) / rows;
          }
        }
      }
      return s / rows;
    }
  }
}
