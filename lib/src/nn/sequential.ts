import type { ActivationLike } from "./activate";
import { Dense } from "./dense";
import type { InitName } from "./init";
import { checkLoss, computeLoss, targetColsOk, type LossName } from "./losses";
import { scalarName, type Param } from "./param";
import { Rng } from "./rng";
import { isTensor, shapeOf, tensor, type Tensor } from "./tensor";

/** Options of a sequential model. */
export interface SequentialOptions {
  /** Seed of the weight initialization (default 0): same seed, same weights. */
  seed?: number;
  /** The loss `lossAndGrad`, `train` and `gradCheck` use unless told otherwise (default "mse"). */
  loss?: LossName;
  /** Extra names for single weights, e.g. { w14: "hidden.W[0,0]" }. */
  aliases?: Record<string, string>;
}

/** A single scalar of a model: which parameter, which index, and its canonical name. */
export interface ScalarRef {
  param: Param;
  index: number;
  name: string;
}

/** What `inputGradient` differentiates: output column `output` (without targets), or `loss` (with targets). */
export interface InputGradientOptions {
  output?: number;
  loss?: LossName;
}

/** One layer's forward pass on a batch: fresh rows×units tensors, one row per input row. */
export interface LayerForward {
  /** The layer's name, e.g. "dense0". */
  name: string;
  /** The activation's id; "identity" for a linear layer. */
  activation: string;
  /** Pre-activations z = x·W + b (x being the previous layer's output). */
  z: Tensor;
  /** f′(z), the factor backprop multiplies ∂loss/∂a by; 1 for the identity; at a kink, the value PyTorch uses (relu′(0) = 0). */
  df: Tensor;
  /** Activations a = f(z), the layer's output. */
  a: Tensor;
}

/** What `trace(x)` returns: every layer's z, f′(z) and a, and the model's output (`predict(x)`'s bits). */
export interface ForwardTrace {
  layers: LayerForward[];
  output: Tensor;
}

/** Inputs and targets, row by row. */
export interface Batch {
  x: Tensor;
  y: Tensor;
}

/** Layers applied in order; the last one's output feeds the loss. */
export class Sequential {
  readonly layers: readonly Dense[];
  loss: LossName;
  readonly seed: number;
  readonly aliases: Readonly<Record<string, string>>;
  private readonly paramList: Param[];
  private gradBuf = new Float64Array(0);

  constructor(layers: readonly Dense[], options: SequentialOptions = {}) {
    if (layers.length === 0) throw new Error("a sequential model needs at least one layer");
    layers.forEach((l, i) => {
      if (l.name === "dense") l.name = `dense${i}`;
      const prev = layers[i - 1];
      if (prev && prev.units !== l.inputs) {
        throw new Error(
          `layer "${l.name}" expects ${l.inputs} inputs but layer "${prev.name}" gives ${prev.units} outputs ` +
            `(weights ${prev.inputs}×${prev.units} then ${l.inputs}×${l.units})`,
        );
      }
    });
    const names = new Set(layers.map((l) => l.name));
    if (names.size !== layers.length)
      throw new Error(`layer names must be unique, got: ${layers.map((l) => l.name).join(", ")}`);
    this.layers = layers;
    this.loss = checkLoss(options.loss ?? "mse");
    this.seed = options.seed ?? 0;
    this.aliases = { ...(options.aliases ?? {}) };
    this.paramList = layers.flatMap((l) => l.params());
    this.reset(this.seed);
  }

  get inputs(): number {
    return this.layers[0].inputs;
  }

  get outputs(): number {
    return this.layers[this.layers.length - 1].units;
  }

  /** Re-draws every weight from `seed` (default: the model's seed). */
  reset(seed: number = this.seed): this {
    const rng = new Rng(seed);
    for (const l of this.layers) l.reset(rng);
    return this;
  }

  /** The trainable arrays in a fixed order (layer by layer: W, b — or v, g, b under weight norm). */
  params(): readonly Param[] {
    return this.paramList;
  }

  /** How many scalars are trained. */
  paramCount(): number {
    return this.paramList.reduce((s, p) => s + p.data.length, 0);
  }

  /** A copy of every parameter array. */
  getWeights(): Float64Array[] {
    return this.paramList.map((p) => p.data.slice());
  }

  /** Restores arrays from `getWeights()`. */
  setWeights(weights: readonly ArrayLike<number>[]): this {
    if (weights.length !== this.paramList.length)
      throw new Error(`setWeights needs ${this.paramList.length} arrays, got ${weights.length}`);
    this.paramList.forEach((p, i) => {
      if (weights[i].length !== p.data.length) {
        throw new Error(
          `setWeights: "${p.name}" is ${p.rows}×${p.cols} (${p.data.length} values) but got ${weights[i].length} values`,
        );
      }
      p.data.set(weights[i]);
    });
    return this;
  }

  /** Looks up one scalar by canonical name ("dense0.W[1,2]", "dense0.b[3]") or alias ("w14"). */
  scalar(name: string): ScalarRef {
    const canonical = this.aliases[name] ?? name;
    const m = /^(.+)\.(W|b|v|g)\[(\d+)(?:,(\d+))?\]$/.exec(canonical);
    const param = m && this.paramList.find((p) => p.name === `${m[1]}.${m[2]}`);
    if (m && param) {
      const index = m[4] === undefined ? Number(m[3]) : Number(m[3]) * param.cols + Number(m[4]);
      const inRange =
        m[4] === undefined
          ? param.rows === 1 && index < param.cols
          : Number(m[3]) < param.rows && Number(m[4]) < param.cols;
      if (inRange) return { param, index, name: scalarName(param, index) };
    }
    const shapes = this.paramList.map((p) => `${p.name} (${p.rows}×${p.cols})`).join(", ");
    const aliases = Object.keys(this.aliases);
    throw new Error(
      `no parameter scalar "${name}"; name one as <param>[row,col] or <bias>[i] among: ${shapes}` +
        (aliases.length ? `; or an alias: ${aliases.join(", ")}` : ""),
    );
  }

  /** Checks an input's width against the first layer. */
  checkInput(x: Tensor): void {
    const l = this.layers[0];
    if (x.cols !== l.inputs) {
      throw new Error(
        `layer "${l.name}" (${l.inputs}→${l.units}) expects ${l.inputs} input columns: the input is ${shapeOf(x)} but the weights are ${l.inputs}×${l.units}`,
      );
    }
  }

  /** Checks targets against the predictions' shape for `loss`. */
  checkTargets(x: Tensor, y: Tensor, loss: LossName): void {
    const out = this.outputs;
    if (y.rows !== x.rows || !targetColsOk(loss, out, y.cols)) {
      const want =
        loss === "softmax_cross_entropy" ? `${x.rows}×${out} or ${x.rows}×1 (class indices)` : `${x.rows}×${out}`;
      throw new Error(
        `loss "${loss}": the predictions of layer "${this.layers[this.layers.length - 1].name}" are ${x.rows}×${out} but the targets are ${shapeOf(y)}; targets must be ${want}`,
      );
    }
  }

  /** Runs the layers on `rows` rows of raw input; returns the output buffer (valid until the next call). */
  forwardRaw(x: Float64Array, rows: number, withDerivative = true): Float64Array {
    let a = x;
    for (const l of this.layers) a = l.forward(a, rows, withDerivative);
    return a;
  }

  /** The model's outputs for `x` (a new tensor). */
  predict(x: Tensor): Tensor {
    this.checkInput(x);
    const out = this.forwardRaw(x.data, x.rows, false);
    return tensor(x.rows, this.outputs, out.subarray(0, x.rows * this.outputs));
  }

  /**
   * The forward pass on `x`, layer by layer: each layer's pre-activations z, f′(z) and activations a, and the
   * output. Every tensor is a fresh copy of exactly `x.rows` rows: later calls, training and edits leave it alone.
   */
  trace(x: Tensor): ForwardTrace {
    this.checkInput(x);
    const rows = x.rows;
    this.forwardRaw(x.data, rows, true);
    // NB: the layers' buffers hold as many rows as the largest batch seen; copy only this batch's.
    const copy = (buf: Float64Array, cols: number): Tensor => ({ rows, cols, data: buf.slice(0, rows * cols) });
    const layers = this.layers.map((l): LayerForward => {
      const n = rows * l.units;
      return {
        name: l.name,
        activation: l.activation?.id ?? "identity",
        z: copy(l.z, l.units),
        // NB: a linear layer keeps no f′ buffer: its f′ is 1.
        df: l.activation ? copy(l.d, l.units) : { rows, cols: l.units, data: new Float64Array(n).fill(1) },
        a: copy(l.a, l.units),
      };
    });
    return { layers, output: { rows, cols: this.outputs, data: layers[layers.length - 1].a.data.slice() } };
  }

  /** The data loss on a batch (no gradients, no weight decay). */
  evaluate(batch: Batch, loss: LossName = this.loss): number {
    checkLoss(loss);
    this.checkInput(batch.x);
    this.checkTargets(batch.x, batch.y, loss);
    const out = this.forwardRaw(batch.x.data, batch.x.rows, false);
    return computeLoss(loss, out, batch.y.data, null, batch.x.rows, this.outputs, batch.y.cols);
  }

  /**
   * Forward, loss and backward on a batch: writes every parameter's `grad` and returns the objective
   * (the data loss plus (λ/2)·Σ‖W‖² when `weightDecay` λ > 0, whose gradient λ·W it also adds).
   */
  lossAndGrad(x: Tensor, y: Tensor, options: { loss?: LossName; weightDecay?: number } = {}): number {
    const loss = checkLoss(options.loss ?? this.loss);
    this.checkInput(x);
    this.checkTargets(x, y, loss);
    return this.lossAndGradRaw(x.data, y.data, x.rows, y.cols, loss, options.weightDecay ?? 0);
  }

  /** `lossAndGrad` on raw, already checked buffers; allocates nothing once the buffers have grown. */
  lossAndGradRaw(
    x: Float64Array,
    y: Float64Array,
    rows: number,
    tcols: number,
    loss: LossName,
    weightDecay: number,
  ): number {
    const out = this.forwardRaw(x, rows, true);
    const len = rows * this.outputs;
    if (this.gradBuf.length < len) this.gradBuf = new Float64Array(len);
    let value = computeLoss(loss, out, y, this.gradBuf, rows, this.outputs, tcols);
    let g: Float64Array | null = this.gradBuf;
    for (let i = this.layers.length - 1; i >= 0 && g; i--) g = this.layers[i].backward(g, i > 0);
    if (weightDecay > 0) {
      let s = 0;
      for (const p of this.paramList) {
        if (!p.decay) continue;
        const w = p.data,
          gr = p.grad;
        for (let i = 0; i < w.length; i++) {
          s += w[i] * w[i];
          gr[i] += weightDecay * w[i];
        }
      }
      value += 0.5 * weightDecay * s;
    }
    return value;
  }

  /**
   * The gradient with respect to the inputs, one row per row of `x` (what PyTorch leaves in `x.grad`):
   * - `inputGradient(x)`: ∂ŷ/∂x of a one-output model, as after `model(x).sum().backward()`; rows do not
   *   interact, so row i is the gradient of output i with respect to input row i;
   * - `inputGradient(x, { output: j })`: the same for output column j of a model with several outputs;
   * - `inputGradient(x, y)`: ∂loss/∂x of the data loss on targets `y` (the model's loss, or `{ loss }`), as after
   *   `loss(model(x), y).backward()` — a mean loss divides by the batch, as PyTorch's does.
   * The parameters' gradients are left as they were.
   */
  inputGradient(x: Tensor, targets?: Tensor | InputGradientOptions, options: InputGradientOptions = {}): Tensor {
    const y = isTensor(targets) ? targets : undefined;
    const opts = isTensor(targets) ? options : (targets ?? options);
    this.checkInput(x);
    const rows = x.rows,
      out = this.outputs;
    let loss: LossName | null = null;
    let j = 0;
    if (y) {
      if (opts.output !== undefined)
        throw new Error("inputGradient: pass targets (∂loss/∂x) or { output } (∂ŷ/∂x), not both");
      loss = checkLoss(opts.loss ?? this.loss);
      this.checkTargets(x, y, loss);
    } else {
      if (opts.loss !== undefined)
        throw new Error(`inputGradient: { loss: "${opts.loss}" } needs targets: inputGradient(x, y, { loss })`);
      const k = opts.output ?? (out === 1 ? 0 : undefined);
      if (k === undefined || !Number.isInteger(k) || k < 0 || k >= out) {
        throw new Error(
          `inputGradient: the model has ${out} outputs; choose one with { output: j }, j in 0…${out - 1}` +
            (opts.output === undefined ? ", or pass targets for ∂loss/∂x" : `, got ${opts.output}`),
        );
      }
      j = k;
    }
    const out0 = this.forwardRaw(x.data, rows, true);
    const len = rows * out;
    if (this.gradBuf.length < len) this.gradBuf = new Float64Array(len);
    const g0 = this.gradBuf;
    if (y && loss) computeLoss(loss, out0, y.data, g0, rows, out, y.cols);
    else {
      g0.fill(0, 0, len);
      for (let i = 0; i < rows; i++) g0[i * out + j] = 1;
    }
    let g: Float64Array = g0;
    for (let i = this.layers.length - 1; i >= 0; i--) g = this.layers[i].backward(g, true, false)!;
    return tensor(rows, this.inputs, g.subarray(0, rows * this.inputs));
  }

  /** "dense0 (2→64, tanh) → dense1 (64→1, identity); loss mse; 257 parameters". */
  describe(): string {
    return `${this.layers.map((l) => l.describe()).join(" → ")}; loss ${this.loss}; ${this.paramCount()} parameters`;
  }

  toString(): string {
    return this.describe();
  }
}

/** A sequential model of the given layers; see `Sequential`. */
export function sequential(layers: readonly Dense[], options: SequentialOptions = {}): Sequential {
  return new Sequential(layers, options);
}

/** Options of `mlp`. */
export interface MlpOptions extends SequentialOptions {
  /** Hidden layers' activation (default "tanh"). */
  activation?: ActivationLike;
  /** Output layer's activation (default "identity": logits for the *_with_logits losses). */
  output?: ActivationLike;
  init?: InitName;
  weightNorm?: boolean;
  /** Layer names, one per layer (default dense0, dense1, …). */
  names?: string[];
}

/**
 * A multilayer perceptron: `mlp([2, 64, 64, 1], { activation: "tanh", seed: 1 })` is
 * 2 inputs → 64 tanh → 64 tanh → 1 linear output.
 */
export function mlp(sizes: readonly number[], options: MlpOptions = {}): Sequential {
  if (sizes.length < 2) throw new Error(`mlp needs at least [inputs, outputs], got [${sizes.join(", ")}]`);
  if (options.names && options.names.length !== sizes.length - 1) {
    throw new Error(`mlp: ${sizes.length - 1} layers need ${sizes.length - 1} names, got ${options.names.length}`);
  }
  const layers = sizes.slice(1).map(
    (units, i) =>
      new Dense(sizes[i], units, {
        activation: i === sizes.length - 2 ? (options.output ?? "identity") : (options.activation ?? "tanh"),
        init: options.init,
        weightNorm: options.weightNorm,
        name: options.names?.[i],
      }),
  );
  return new Sequential(layers, options);
}
