import type { Batch } from "../nn/sequential";
import { tensor, type Tensor } from "../nn/tensor";
import type { Rng } from "../nn/rng";

/** Inputs and targets with a name; classification sets carry their class count (targets are class indices). */
export interface Dataset extends Batch {
  name: string;
  /** Number of classes (targets n×1 hold 0 … classes−1); absent for regression. */
  classes?: number;
}

/** Options every generator takes. */
export interface DatasetOptions {
  /** Seed of the sampling (default 0): same seed, same data. */
  seed?: number;
  /** Std of Gaussian noise added to each input coordinate (classification) or target (regression). */
  noise?: number;
  /** Shuffle rows (default true, like scikit-learn); false keeps them grouped by class — the i.i.d. lesson. */
  shuffle?: boolean;
}

/** Builds a dataset from row-major inputs and targets, shuffling the rows together if asked. */
export function makeDataset(
  name: string,
  x: number[],
  cols: number,
  y: number[],
  tcols: number,
  rng: Rng,
  shuffle: boolean,
  classes?: number,
): Dataset {
  const n = y.length / tcols;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (shuffle) rng.shuffle(order);
  const X = tensor(n, cols);
  const Y = tensor(n, tcols);
  order.forEach((src, i) => {
    for (let c = 0; c < cols; c++) X.data[i * cols + c] = x[src * cols + c];
    for (let c = 0; c < tcols; c++) Y.data[i * tcols + c] = y[src * tcols + c];
  });
  return { name, x: X, y: Y, ...(classes !== undefined ? { classes } : {}) };
}

/** Class indices (n×1) as one-hot rows (n×classes). */
export function oneHot(y: Tensor, classes: number): Tensor {
  const out = tensor(y.rows, classes);
  for (let i = 0; i < y.rows; i++) {
    const c = y.data[i * y.cols];
    if (!Number.isInteger(c) || c < 0 || c >= classes)
      throw new Error(`oneHot: row ${i} holds ${c}, not a class index in [0, ${classes - 1}]`);
    out.data[i * classes + c] = 1;
  }
  return out;
}

/** Checks a sample count. */
export function checkCount(name: string, n: number, min = 1): void {
  if (!Number.isInteger(n) || n < min) throw new Error(`${name}: n must be an integer ≥ ${min}, got ${n}`);
}
