import { checkLoss, type LossName } from "./losses";
import { scalarName } from "./param";
import type { Batch, Sequential } from "./sequential";

/** Options of `gradCheckModel`. */
export interface ModelGradCheckOptions {
  /** Default: the model's loss. */
  loss?: LossName;
  weightDecay?: number;
  /** Difference step, relative: h = step·max(1, |θ|) (default 1e-3). */
  step?: number;
  /**
   * Denominator floor of the relative error, so near-zero gradients compare absolutely (default 1e-6).
   * NB: the differences are good to about 1e-13·|L| in absolute terms, so a smaller floor measures rounding.
   */
  floor?: number;
  /** Pass when the maximum relative error is below this (default 1e-5). */
  tolerance?: number;
}

/** One scalar parameter's two gradients. */
export interface ParamGradCheck {
  name: string;
  backprop: number;
  numeric: number;
  relError: number;
}

/** What `gradCheckModel` finds. */
export interface ModelGradCheck {
  /** max over parameters of |backprop − numeric| / max(|backprop|, |numeric|, floor). */
  maxRelError: number;
  /** The parameter with that error. */
  worst: ParamGradCheck;
  /** Every scalar parameter, in `model.params()` order. */
  params: ParamGradCheck[];
  tolerance: number;
  ok: boolean;
  toString(): string;
}

/**
 * Compares backprop's gradient of the loss on `batch` with central differences for every scalar parameter,
 * and reports the worst one. Leaves the weights unchanged. NB: the five-point stencil
 * (−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h))/12h has error O(h⁴), so h can be 1e-3, keeping rounding near 1e-13·|L|.
 */
export function gradCheckModel(model: Sequential, batch: Batch, options: ModelGradCheckOptions = {}): ModelGradCheck {
  const loss = checkLoss(options.loss ?? model.loss);
  const wd = options.weightDecay ?? 0;
  const rel = options.step ?? 1e-3;
  const floor = options.floor ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-5;
  model.lossAndGrad(batch.x, batch.y, { loss, weightDecay: wd });
  const params = model.params();
  const analytic = params.map((p) => p.grad.slice());
  const objective = () => model.lossAndGradRaw(batch.x.data, batch.y.data, batch.x.rows, batch.y.cols, loss, wd);
  const out: ParamGradCheck[] = [];
  params.forEach((p, k) => {
    for (let i = 0; i < p.data.length; i++) {
      const w = p.data[i];
      const h = rel * Math.max(1, Math.abs(w));
      const at = (t: number) => {
        p.data[i] = t;
        return objective();
      };
      const numeric = (8 * (at(w + h) - at(w - h)) - (at(w + 2 * h) - at(w - 2 * h))) / (12 * h);
      p.data[i] = w;
      const backprop = analytic[k][i];
      const relError = Math.abs(backprop - numeric) / Math.max(Math.abs(backprop), Math.abs(numeric), floor);
      out.push({ name: scalarName(p, i), backprop, numeric, relError: Number.isNaN(relError) ? Infinity : relError });
    }
  });
  // Leave the gradients as backprop computed them at θ.
  model.lossAndGradRaw(batch.x.data, batch.y.data, batch.x.rows, batch.y.cols, loss, wd);
  const worst = out.reduce((a, b) => (b.relError > a.relError ? b : a), out[0]);
  const maxRelError = worst.relError;
  return {
    maxRelError,
    worst,
    params: out,
    tolerance,
    ok: maxRelError < tolerance,
    toString: () =>
      `gradient check of ${out.length} parameters (${loss}): max relative error ${maxRelError.toExponential(2)} at ${worst.name} ` +
      `(backprop ${worst.backprop}, finite difference ${worst.numeric}) — ${maxRelError < tolerance ? "ok" : "FAILED"} (tolerance ${tolerance})`,
  };
}
