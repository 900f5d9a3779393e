import { Rng } from "../nn/rng";
import { checkCount, makeDataset, type Dataset, type DatasetOptions } from "./dataset";

/**
 * XOR: the corners (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0, repeated to n points with Gaussian noise.
 * The defaults (n = 4, noise 0, unshuffled) give the truth table itself: no line separates it.
 */
export function xor(options: DatasetOptions & { n?: number } = {}): Dataset {
  const n = options.n ?? 4;
  checkCount("xor", n);
  const rng = new Rng(options.seed ?? 0);
  const noise = options.noise ?? 0;
  const corners = [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ];
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, c] = corners[i % 4];
    x.push(a + (noise ? rng.normal(0, noise) : 0), b + (noise ? rng.normal(0, noise) : 0));
    y.push(c);
  }
  return makeDataset("xor", x, 2, y, 1, rng, options.shuffle ?? n > 4, 2);
}

/** Two interleaving half circles (scikit-learn's make_moons): class 0 the upper moon, class 1 the lower. */
export function moons(options: DatasetOptions & { n?: number } = {}): Dataset {
  const n = options.n ?? 200;
  checkCount("moons", n, 2);
  const rng = new Rng(options.seed ?? 0);
  const noise = options.noise ?? 0.1;
  const nOut = Math.floor(n / 2);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i < nOut;
    const m = outer ? nOut : n - nOut;
    const t = (Math.PI * (outer ? i : i - nOut)) / Math.max(1, m - 1);
    const px = outer ? Math.cos(t) : 1 - Math.cos(t);
    const py = outer ? Math.sin(t) : 0.5 - Math.sin(t);
    x.push(px + rng.normal(0, noise), py + rng.normal(0, noise));
    y.push(outer ? 0 : 1);
  }
  return makeDataset("moons", x, 2, y, 1, rng, options.shuffle ?? true, 2);
}

/** A circle inside a circle (scikit-learn's make_circles): class 0 outside (radius 1), class 1 inside (radius `factor`). */
export function circles(options: DatasetOptions & { n?: number; factor?: number } = {}): Dataset {
  const n = options.n ?? 200;
  checkCount("circles", n, 2);
  const factor = options.factor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new Error(`circles: factor must be in (0, 1), got ${factor}`);
  const rng = new Rng(options.seed ?? 0);
  const noise = options.noise ?? 0.05;
  const nOut = Math.floor(n / 2);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i < nOut;
    const m = outer ? nOut : n - nOut;
    const t = (2 * Math.PI * (outer ? i : i - nOut)) / m;
    const rad = outer ? 1 : factor;
    x.push(rad * Math.cos(t) + rng.normal(0, noise), rad * Math.sin(t) + rng.normal(0, noise));
    y.push(outer ? 0 : 1);
  }
  return makeDataset("circles", x, 2, y, 1, rng, options.shuffle ?? true, 2);
}

/** `classes` interleaved spiral arms (CS231n's spiral data): arm k at angle 2πk/classes + 4t, radius t. */
export function spirals(options: DatasetOptions & { n?: number; classes?: number; turns?: number } = {}): Dataset {
  const n = options.n ?? 300;
  const k = options.classes ?? 2;
  checkCount("spirals", n, k);
  checkCount("spirals (classes)", k, 2);
  const rng = new Rng(options.seed ?? 0);
  const noise = options.noise ?? 0.2;
  const turns = options.turns ?? 4;
  const x: number[] = [];
  const y: number[] = [];
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let i = 0; i < m; i++) {
      const t = m === 1 ? 0 : i / (m - 1);
      const angle = (2 * Math.PI * c) / k + turns * t + rng.normal(0, noise);
      x.push(t * Math.sin(angle), t * Math.cos(angle));
      y.push(c);
    }
  }
  return makeDataset("spirals", x, 2, y, 1, rng, options.shuffle ?? true, k);
}

/**
 * Gaussian blobs (scikit-learn's make_blobs): `classes` isotropic clusters of std `std` (default 1) around
 * `centers`, or around centers drawn uniformly in [−box, box]² (box default 5). `dims` inputs (default 2).
 */
export function blobs(
  options: DatasetOptions & {
    n?: number;
    classes?: number;
    std?: number;
    centers?: number[][];
    box?: number;
    dims?: number;
  } = {},
): Dataset {
  const rng = new Rng(options.seed ?? 0);
  const dims = options.centers?.[0]?.length ?? options.dims ?? 2;
  const k = options.centers?.length ?? options.classes ?? 3;
  const n = options.n ?? 300;
  checkCount("blobs", n, k);
  const std = options.std ?? 1;
  const box = options.box ?? 5;
  const centers =
    options.centers ?? Array.from({ length: k }, () => Array.from({ length: dims }, () => rng.uniform(-box, box)));
  centers.forEach((c, i) => {
    if (c.length !== dims) throw new Error(`blobs: center ${i} has ${c.length} coordinates but center 0 has ${dims}`);
  });
  const x: number[] = [];
  const y: number[] = [];
  for (let c = 0; c < k; c++) {
    const m = Math.floor(n / k) + (c < n % k ? 1 : 0);
    for (let i = 0; i < m; i++) {
      for (let d = 0; d < dims; d++) x.push(centers[c][d] + rng.normal(0, std));
      y.push(c);
    }
  }
  return makeDataset("blobs", x, dims, y, 1, rng, options.shuffle ?? true, k);
}
