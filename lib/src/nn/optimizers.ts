import type { Param } from "./param";

/** The valid optimizer names. */
export const OPTIMIZERS = ["sgd", "momentum", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Hyper-parameters; each optimizer reads the ones it uses (PyTorch's defaults). */
export interface OptimizerOptions {
  /** Learning rate (default 0.01 for sgd and momentum, 0.001 for adam). */
  lr?: number;
  /** Momentum coefficient μ (default 0.9). */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Updates parameters in place from their gradients. */
export interface Optimizer {
  readonly name: OptimizerName;
  readonly lr: number;
  step(params: readonly Param[]): void;
  /** Forgets the state (velocities, moments, step count). */
  reset(): void;
}

/** Throws the list of valid names unless `name` is one. */
export function checkOptimizer(name: string): OptimizerName {
  if (!(OPTIMIZERS as readonly string[]).includes(name)) {
    throw new Error(`unknown optimizer "${name}"; valid optimizers are: ${OPTIMIZERS.join(", ")}`);
  }
  return name as OptimizerName;
}

/**
 * An optimizer by name:
 * - sgd: θ ← θ − lr·g
 * - momentum: v ← μv + g; θ ← θ − lr·v (PyTorch's SGD with momentum, dampening 0)
 * - adam: m ← β1·m + (1−β1)g; s ← β2·s + (1−β2)g²; θ ← θ − lr·m̂/(√ŝ + ε), with bias correction.
 */
export function optimizer(name: OptimizerName | string, options: OptimizerOptions = {}): Optimizer {
  const kind = checkOptimizer(name);
  const lr = options.lr ?? (kind === "adam" ? 0.001 : 0.01);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`the learning rate must be a positive number, got ${lr}`);
  const mu = options.momentum ?? 0.9;
  const b1 = options.beta1 ?? 0.9;
  const b2 = options.beta2 ?? 0.999;
  const eps = options.eps ?? 1e-8;
  let state: Float64Array[][] = [];
  let t = 0;
  const stateFor = (params: readonly Param[], slots: number): Float64Array[][] => {
    if (state.length !== params.length)
      state = params.map((p) => Array.from({ length: slots }, () => new Float64Array(p.data.length)));
    return state;
  };
  return {
    name: kind,
    lr,
    reset() {
      state = [];
      t = 0;
    },
    step(params) {
      if (kind === "sgd") {
        for (const p of params) {
          const w = p.data,
            g = p.grad;
          for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
        }
      } else if (kind === "momentum") {
        const s = stateFor(params, 1);
        for (let k = 0; k < params.length; k++) {
          const w = params[k].data,
            g = params[k].grad,
            v = s[k][0];
          for (let i = 0; i < w.length; i++) {
            v[i] = mu * v[i] + g[i];
            w[i] -= lr * v[i];
          }
        }
      } else {
        const s = stateFor(params, 2);
        t++;
        const c1 = 1 - Math.pow(b1, t);
        const c2 = 1 - Math.pow(b2, t);
        for (let k = 0; k < params.length; k++) {
          const w = params[k].data,
            g = params[k].grad,
            m = s[k][0],
            v = s[k][1];
          for (let i = 0; i < w.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
          }
        }
      }
    },
  };
}
