import { net321Weights, type Net321Weights } from "../autodiff/net321";
import { Rng } from "../nn/rng";
import { checkCount, makeDataset, type Dataset, type DatasetOptions } from "./dataset";

/** A 1-D regression problem: training points in one range, extrapolation points in another, and the true curve. */
export interface RegressionSplit {
  train: Dataset;
  /** Points outside the training range: what a network does there is the extrapolation lesson. */
  extrapolation: Dataset;
  /** The noiseless target function. */
  f: (x: number) => number;
  trainRange: [number, number];
  extrapolationRange: [number, number];
}

/** Options of the 1-D regression sets. */
export interface RegressionOptions extends DatasetOptions {
  /** Training points (default 64), drawn uniformly in `trainRange`. */
  n?: number;
  /** Extrapolation points (default 64), evenly spaced over `extrapolationRange`, without noise. */
  nExtrapolation?: number;
  trainRange?: [number, number];
  extrapolationRange?: [number, number];
}

function regression1d(
  name: string,
  f: (x: number) => number,
  options: RegressionOptions,
  train: [number, number],
  extra: [number, number],
): RegressionSplit {
  const n = options.n ?? 64;
  const m = options.nExtrapolation ?? 64;
  checkCount(name, n);
  checkCount(`${name} (extrapolation)`, m, 2);
  const rng = new Rng(options.seed ?? 0);
  const noise = options.noise ?? 0;
  const tr = options.trainRange ?? train;
  const ex = options.extrapolationRange ?? extra;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(tr[0], tr[1]);
    xs.push(x);
    ys.push(f(x) + (noise ? rng.normal(0, noise) : 0));
  }
  // NB: sorted by x, so a line plot of predictions reads left to right; train() shuffles its batches anyway.
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const ex1 = Array.from({ length: m }, (_, i) => ex[0] + ((ex[1] - ex[0]) * i) / (m - 1));
  return {
    train: makeDataset(
      `${name} (train)`,
      order.map((i) => xs[i]),
      1,
      order.map((i) => ys[i]),
      1,
      rng,
      false,
    ),
    extrapolation: makeDataset(`${name} (extrapolation)`, ex1, 1, ex1.map(f), 1, rng, false),
    f,
    trainRange: tr,
    extrapolationRange: ex,
  };
}

/** y = sin(x) (times `amplitude`), trained on [−π, π] and extrapolated to [−2π, 2π]. */
export function sine(options: RegressionOptions & { amplitude?: number; frequency?: number } = {}): RegressionSplit {
  const a = options.amplitude ?? 1;
  const w = options.frequency ?? 1;
  return regression1d("sine", (x) => a * Math.sin(w * x), options, [-Math.PI, Math.PI], [-2 * Math.PI, 2 * Math.PI]);
}

/** y = c0 + c1·x + c2·x² + … (default x³ − x), trained on [−1.5, 1.5] and extrapolated to [−3, 3]. */
export function polynomial(options: RegressionOptions & { coefficients?: number[] } = {}): RegressionSplit {
  const c = options.coefficients ?? [0, -1, 0, 1];
  const f = (x: number) => {
    let s = 0;
    for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i];
    return s;
  };
  return regression1d("polynomial", f, options, [-1.5, 1.5], [-3, 3]);
}

/**
 * R³ → R data for the 3-2-1 network: x uniform in [−2, 2]³, y = h(x) of a teacher 3-2-1 sigmoid
 * network (weights from `teacherSeed`, default 42) plus noise, clipped to [0, 1] — so the student can fit it.
 */
export function net321Data(
  options: DatasetOptions & { n?: number; teacher?: Net321Weights; teacherSeed?: number } = {},
): Dataset {
  const n = options.n ?? 32;
  checkCount("net321Data", n);
  const rng = new Rng(options.seed ?? 0);
  const w = options.teacher ?? net321Weights(options.teacherSeed ?? 42);
  const noise = options.noise ?? 0.02;
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = rng.uniform(-2, 2),
      x2 = rng.uniform(-2, 2),
      x3 = rng.uniform(-2, 2);
    const h = sig(
      w.w46 * sig(w.w14 * x1 + w.w24 * x2 + w.w34 * x3 + w.b4) +
        w.w56 * sig(w.w15 * x1 + w.w25 * x2 + w.w35 * x3 + w.b5) +
        w.b6,
    );
    x.push(x1, x2, x3);
    y.push(Math.min(1, Math.max(0, h + (noise ? rng.normal(0, noise) : 0))));
  }
  return makeDataset("net321", x, 3, y, 1, rng, false);
}
