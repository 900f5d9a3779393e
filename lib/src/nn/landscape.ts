import type { LandscapeSlice } from "../figure/data";
import { checkLoss, computeLoss, type LossName } from "./losses";
import { scalarLabel, scalarSymbol, type Param } from "./param";
import { Rng } from "./rng";
import type { Batch, Sequential } from "./sequential";

/** Options of `lossLandscape`. */
export interface LandscapeOptions {
  /** Default: the model's loss. */
  loss?: LossName;
  weightDecay?: number;
  /**
   * Two scalar parameters by name ("dense0.W[0,1]", or an alias such as "w14"), whose values become the axes;
   * or "random" (the default): two random directions, filter-normalized as in Li et al. 2018
   * (each unit's column scaled to the norm of its weights; biases and gains not moved).
   */
  axes?: readonly [string, string] | "random";
  /**
   * Axis labels. Default: the alias a scalar was named by ("w14"), else its short name counted from 1 ("w₁₁ of
   * dense0" for dense0.W[0,0]); "α (direction 1)" and "β (direction 2)" for random directions.
   */
  labels?: readonly [string, string];
  /** Seed of the random directions (default 0). */
  seed?: number;
  /** Half-width of the grid around the current weights, one number or one per axis (default 1). */
  span?: number | readonly [number, number];
  /** Grid points per axis (default 41). */
  resolution?: number;
  /**
   * Gradient descent restricted to the slice, starting at the current weights (or `start`, in axis
   * coordinates): each step moves by −lr·(∇L·d1, ∇L·d2). false draws no path. Default 50 steps, lr 0.1.
   */
  path?: false | { steps?: number; lr?: number; start?: readonly [number, number] };
  /** Also sample −∇L on the slice on an arrows×arrows grid (default 0: none). */
  arrows?: number;
  title?: string;
}

/**
 * The loss over a 2-D slice θ0 + α·d1 + β·d2 of parameter space, with a descent path on that slice:
 * the data of one landscape panel. The model's weights are restored afterwards.
 */
export function lossLandscape(model: Sequential, data: Batch, options: LandscapeOptions = {}): LandscapeSlice {
  const loss = checkLoss(options.loss ?? model.loss);
  model.checkInput(data.x);
  model.checkTargets(data.x, data.y, loss);
  const params = model.params();
  const theta0 = model.getWeights();
  const res = options.resolution ?? 41;
  if (!Number.isInteger(res) || res < 2) throw new Error(`resolution must be an integer ≥ 2, got ${res}`);
  const span =
    typeof options.span === "number" || options.span === undefined
      ? [options.span ?? 1, options.span ?? 1]
      : options.span;
  const wd = options.weightDecay ?? 0;
  const axes = options.axes ?? "random";

  const d1 = params.map((p) => new Float64Array(p.data.length));
  const d2 = params.map((p) => new Float64Array(p.data.length));
  let origin: [number, number] = [0, 0];
  let labels: [string, string];
  let defaultTitle: string | undefined;
  if (axes === "random") {
    const rng = new Rng(options.seed ?? 0);
    for (const d of [d1, d2]) {
      params.forEach((p, k) => {
        if (!p.decay) return; // NB: biases and gains stay put (Li et al.'s "ignore biasbn")
        for (let i = 0; i < d[k].length; i++) d[k][i] = rng.normal();
        for (let j = 0; j < p.cols; j++) {
          let dn = 0,
            wn = 0;
          for (let i = 0; i < p.rows; i++) {
            dn += d[k][i * p.cols + j] ** 2;
            wn += p.data[i * p.cols + j] ** 2;
          }
          const s = dn > 0 ? Math.sqrt(wn / dn) : 0;
          for (let i = 0; i < p.rows; i++) d[k][i * p.cols + j] *= s;
        }
      });
    }
    labels = ["α (direction 1)", "β (direction 2)"];
  } else {
    const [a, b] = axes.map((name) => model.scalar(name));
    if (a.name === b.name)
      throw new Error(`the two axes must be different parameters, got "${axes[0]}" and "${axes[1]}" (both ${a.name})`);
    d1[params.indexOf(a.param)][a.index] = 1;
    d2[params.indexOf(b.param)][b.index] = 1;
    origin = [a.param.data[a.index], b.param.data[b.index]];
    // An alias ("w14") is the reader's own name; otherwise "w₁₁ of dense0", or "w₁₁" and "w₂₁" sharing "of dense0" in the title.
    // NB: a path like "dense0.W[0,0]" is never an alias, even where the canonical name is shorter ("dense0.W[0]").
    const aliased = axes.map((name) => !name.includes("["));
    const layerOf = (p: Param) => p.name.slice(0, p.name.lastIndexOf("."));
    labels = [
      aliased[0] ? axes[0] : scalarLabel(a.param, a.index),
      aliased[1] ? axes[1] : scalarLabel(b.param, b.index),
    ];
    if (!aliased[0] && !aliased[1] && layerOf(a.param) === layerOf(b.param)) {
      defaultTitle = `${loss} over ${scalarSymbol(a.param, a.index)} and ${scalarSymbol(b.param, b.index)} of ${layerOf(a.param)}`;
    }
  }
  if (options.labels) {
    if (options.labels.length !== 2 || options.labels.some((l) => typeof l !== "string")) {
      throw new Error(`labels must be two strings (x axis, y axis), got ${JSON.stringify(options.labels)}`);
    }
    labels = [options.labels[0], options.labels[1]];
  }
  defaultTitle ??= axes === "random" ? `${loss} on a random 2-D slice` : `${loss} over ${labels[0]} and ${labels[1]}`;

  const place = (al: number, be: number) => {
    params.forEach((p, k) => {
      const w = p.data,
        t = theta0[k],
        u = d1[k],
        v = d2[k];
      for (let i = 0; i < w.length; i++) w[i] = t[i] + al * u[i] + be * v[i];
    });
  };
  const lossAt = (al: number, be: number): number => {
    place(al, be);
    const out = model.forwardRaw(data.x.data, data.x.rows, false);
    let value = computeLoss(loss, out, data.y.data, null, data.x.rows, model.outputs, data.y.cols);
    if (wd > 0) for (const p of params) if (p.decay) for (const w of p.data) value += 0.5 * wd * w * w;
    return value;
  };
  /** (L, ∂L/∂α, ∂L/∂β) at a point. */
  const gradAt = (al: number, be: number): [number, number, number] => {
    place(al, be);
    const value = model.lossAndGradRaw(data.x.data, data.y.data, data.x.rows, data.y.cols, loss, wd);
    let ga = 0,
      gb = 0;
    params.forEach((p, k) => {
      for (let i = 0; i < p.grad.length; i++) {
        ga += p.grad[i] * d1[k][i];
        gb += p.grad[i] * d2[k][i];
      }
    });
    return [value, ga, gb];
  };

  try {
    const alphas = Array.from({ length: res }, (_, i) => -span[0] + (2 * span[0] * i) / (res - 1));
    const betas = Array.from({ length: res }, (_, j) => -span[1] + (2 * span[1] * j) / (res - 1));
    const z = betas.map((be) => alphas.map((al) => lossAt(al, be)));
    const path = { x: [] as number[], y: [] as number[], loss: [] as number[] };
    if (options.path !== false) {
      const steps = options.path?.steps ?? 50;
      const lr = options.path?.lr ?? 0.1;
      let [al, be] = options.path?.start
        ? [options.path.start[0] - origin[0], options.path.start[1] - origin[1]]
        : [0, 0];
      for (let t = 0; t <= steps; t++) {
        const [value, ga, gb] = gradAt(al, be);
        path.x.push(origin[0] + al);
        path.y.push(origin[1] + be);
        path.loss.push(value);
        al -= lr * ga;
        be -= lr * gb;
      }
    }
    const slice: LandscapeSlice = {
      title: options.title ?? defaultTitle,
      xLabel: labels[0],
      yLabel: labels[1],
      x: alphas.map((a) => origin[0] + a),
      y: betas.map((b) => origin[1] + b),
      z,
      path,
    };
    const na = options.arrows ?? 0;
    if (na > 0) {
      const arrows = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
      for (let j = 0; j < na; j++) {
        for (let i = 0; i < na; i++) {
          const al = -span[0] + (2 * span[0] * (i + 0.5)) / na;
          const be = -span[1] + (2 * span[1] * (j + 0.5)) / na;
          const [, ga, gb] = gradAt(al, be);
          arrows.x.push(origin[0] + al);
          arrows.y.push(origin[1] + be);
          arrows.u.push(-ga);
          arrows.v.push(-gb);
        }
      }
      slice.arrows = arrows;
    }
    return slice;
  } finally {
    model.setWeights(theta0);
  }
}
