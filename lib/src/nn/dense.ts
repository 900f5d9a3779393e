import type { Activation } from "../activation";
import { applyF, applyFdf, canDie, resolveActivation, type ActivationLike } from "./activate";
import { gemmNN, gemmNT, gemmTN } from "../kernels/gemm";
import { initWeights, type InitName } from "./init";
import type { Param } from "./param";
import type { Rng } from "./rng";

/** Options of one dense layer. */
export interface DenseOptions {
  /** Any catalog activation (id, `{ id, params }` or an Activation); "identity" (the default) does no elementwise work. */
  activation?: ActivationLike;
  /** Weight initializer (default "glorot_uniform"); biases start at 0. */
  init?: InitName;
  /** Weight normalization (Salimans & Kingma 2016): w = g·v/‖v‖ per output unit, trained through g and v. */
  weightNorm?: boolean;
  /** The layer's name in parameter names and errors; `sequential` defaults it to "dense<i>". */
  name?: string;
}

/** Per-layer statistics of the last forward/backward pass (see LayerTrace). */
export interface LayerStats {
  gradNorm: number;
  saturated: number;
  /** Fraction of units with f′ = 0 on every row of this pass; NaN when the activation cannot produce f′ = 0 (not ReLU-like). */
  dead: number;
  mean: number;
  std: number;
}

/**
 * A fully connected layer a = f(x·W + b), x being batch×inputs and W inputs×units.
 * Buffers grow to the largest batch seen and are reused, so a training step allocates nothing.
 */
export class Dense {
  /** Used in parameter names and errors; `sequential` names unnamed layers "dense<i>". */
  name: string;
  readonly inputs: number;
  readonly units: number;
  /** The activation; null is the identity. */
  readonly activation: Activation | null;
  readonly weightNorm: boolean;
  readonly init: InitName;
  /** Effective weights, inputs×units; under weight norm recomputed from g and v at each forward. */
  readonly W: Float64Array;
  readonly b: Float64Array;
  /** ∂loss/∂W (under weight norm an intermediate for dg and dv). */
  readonly dW: Float64Array;
  readonly db: Float64Array;
  /** Weight-norm direction (inputs×units) and gain (units), with their gradients; empty without weight norm. */
  readonly v: Float64Array;
  readonly g: Float64Array;
  readonly dv: Float64Array;
  readonly dg: Float64Array;
  /** ‖v_j‖ per unit, from the last forward. */
  private readonly vNorm: Float64Array;
  readonly canDie: boolean;

  /** Rows the buffers hold. */
  private capacity = 0;
  /** Rows of the last forward pass. */
  rows = 0;
  /** The last forward's input (not copied: the caller keeps it alive until backward). */
  private x: Float64Array = new Float64Array(0);
  /** Pre-activations z = xW + b, batch×units. */
  z: Float64Array = new Float64Array(0);
  /** Activations a = f(z); the same array as z for the identity. */
  a: Float64Array = new Float64Array(0);
  /** f′(z) from the forward pass, used by backward and the statistics. */
  d: Float64Array = new Float64Array(0);
  /** ∂loss/∂z. */
  private dz: Float64Array = new Float64Array(0);
  /** ∂loss/∂x, batch×inputs. */
  private dx: Float64Array = new Float64Array(0);
  /** Views of exactly `rows` rows, for the vectorized activation kernels. */
  private views: { rows: number; z: Float64Array; a: Float64Array; d: Float64Array } = {
    rows: -1,
    z: this.z,
    a: this.a,
    d: this.d,
  };

  constructor(inputs: number, units: number, options: DenseOptions = {}) {
    if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(units) || units < 1) {
      throw new Error(`a dense layer needs positive integer sizes, got ${inputs} inputs and ${units} units`);
    }
    this.name = options.name ?? "dense";
    this.inputs = inputs;
    this.units = units;
    this.activation = resolveActivation(options.activation);
    this.canDie = canDie(this.activation);
    this.weightNorm = options.weightNorm ?? false;
    this.init = options.init ?? "glorot_uniform";
    this.W = new Float64Array(inputs * units);
    this.b = new Float64Array(units);
    this.dW = new Float64Array(inputs * units);
    this.db = new Float64Array(units);
    const wn = this.weightNorm ? inputs * units : 0;
    this.v = new Float64Array(wn);
    this.dv = new Float64Array(wn);
    this.g = new Float64Array(this.weightNorm ? units : 0);
    this.dg = new Float64Array(this.weightNorm ? units : 0);
    this.vNorm = new Float64Array(this.weightNorm ? units : 0);
  }

  /** "dense0 (2→64, tanh)". */
  describe(): string {
    return `${this.name} (${this.inputs}→${this.units}, ${this.activation?.id ?? "identity"}${this.weightNorm ? ", weight norm" : ""})`;
  }

  /** Draws the weights from `rng`; under weight norm g starts at ‖v‖ so that w = v. */
  reset(rng: Rng): void {
    initWeights(this.weightNorm ? this.v : this.W, this.inputs, this.units, this.init, rng);
    this.b.fill(0);
    if (this.weightNorm) {
      this.normalize();
      this.g.set(this.vNorm);
      this.normalize();
    }
  }

  /** The trainable arrays, in a fixed order. */
  params(): Param[] {
    const p = (
      name: string,
      rows: number,
      cols: number,
      data: Float64Array,
      grad: Float64Array,
      decay: boolean,
    ): Param => ({
      name: `${this.name}.${name}`,
      rows,
      cols,
      data,
      grad,
      decay,
    });
    return this.weightNorm
      ? [
          p("v", this.inputs, this.units, this.v, this.dv, true),
          p("g", 1, this.units, this.g, this.dg, false),
          p("b", 1, this.units, this.b, this.db, false),
        ]
      : [p("W", this.inputs, this.units, this.W, this.dW, true), p("b", 1, this.units, this.b, this.db, false)];
  }

  /** W = g·v/‖v‖ column by column. */
  private normalize(): void {
    const { inputs: k, units: m, v, g, W, vNorm } = this;
    vNorm.fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) vNorm[j] += v[i * m + j] * v[i * m + j];
    for (let j = 0; j < m; j++) vNorm[j] = Math.sqrt(vNorm[j]);
    for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) W[i * m + j] = (g[j] * v[i * m + j]) / vNorm[j];
  }

  private ensure(rows: number): void {
    if (rows > this.capacity) {
      const m = this.units;
      this.capacity = rows;
      this.z = new Float64Array(rows * m);
      this.a = this.activation ? new Float64Array(rows * m) : this.z;
      this.d = this.activation ? new Float64Array(rows * m) : new Float64Array(0);
      this.dz = new Float64Array(rows * m);
      this.dx = new Float64Array(rows * this.inputs);
      this.views.rows = -1;
    }
    if (this.views.rows !== rows) {
      const len = rows * this.units;
      this.views = {
        rows,
        z: this.z.subarray(0, len),
        a: this.a.subarray(0, len),
        d: this.d.subarray(0, this.activation ? len : 0),
      };
    }
  }

  /** a = f(xW + b) for `rows` rows of x (batch×inputs); returns the activation buffer (valid until the next call). */
  forward(x: Float64Array, rows: number, withDerivative = true): Float64Array {
    this.ensure(rows);
    this.rows = rows;
    this.x = x;
    if (this.weightNorm) this.normalize();
    gemmNN(x, this.W, this.z, rows, this.inputs, this.units, this.b);
    const act = this.activation;
    if (act) {
      if (withDerivative) applyFdf(act, this.views.z, this.views.a, this.views.d);
      else applyF(act, this.views.z, this.views.a);
    }
    return this.a;
  }

  /**
   * Given ∂loss/∂a, writes the parameter gradients and returns ∂loss/∂x (null if `needInputGrad` is false:
   * the first layer skips that product). `paramGrads` false leaves the parameters' gradients as they were
   * (input gradients only).
   */
  backward(da: Float64Array, needInputGrad: boolean, paramGrads = true): Float64Array | null {
    const n = this.rows;
    const m = this.units;
    const len = n * m;
    let dz = da;
    if (this.activation) {
      dz = this.dz;
      const d = this.d;
      for (let i = 0; i < len; i++) dz[i] = da[i] * d[i];
    }
    if (paramGrads) {
      gemmTN(this.x, dz, this.dW, n, this.inputs, m);
      const db = this.db;
      db.fill(0);
      for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < m; j++, o++) db[j] += dz[o];
      if (this.weightNorm) this.weightNormBackward();
    }
    if (!needInputGrad) return null;
    gemmNT(dz, this.W, this.dx, n, m, this.inputs);
    return this.dx;
  }

  /** ∂L/∂g = ∂L/∂w · v/‖v‖ and ∂L/∂v = (g/‖v‖)·∂L/∂w − (g·∂L/∂g/‖v‖²)·v, per unit (Salimans & Kingma, eq. 3). */
  private weightNormBackward(): void {
    const { inputs: k, units: m, v, g, dW, dv, dg, vNorm } = this;
    dg.fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) dg[j] += dW[i * m + j] * v[i * m + j];
    for (let j = 0; j < m; j++) dg[j] /= vNorm[j];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < m; j++) {
        const o = i * m + j;
        dv[o] = (g[j] / vNorm[j]) * dW[o] - ((g[j] * dg[j]) / (vNorm[j] * vNorm[j])) * v[o];
      }
    }
  }

  /** Statistics of the last pass; `eps` is the saturation threshold on |f′|. */
  stats(eps: number): LayerStats {
    const n = this.rows;
    const m = this.units;
    const len = n * m;
    let s = 0;
    for (let i = 0; i < this.dW.length; i++) s += this.dW[i] * this.dW[i];
    const a = this.a;
    let mean = 0;
    for (let i = 0; i < len; i++) mean += a[i];
    mean /= len;
    let vr = 0;
    for (let i = 0; i < len; i++) vr += (a[i] - mean) * (a[i] - mean);
    let saturated = 0;
    let dead = NaN;
    if (this.activation) {
      const d = this.d;
      let count = 0;
      for (let i = 0; i < len; i++) if (Math.abs(d[i]) < eps) count++;
      saturated = count / len;
      if (this.canDie) {
        let deadUnits = 0;
        for (let j = 0; j < m; j++) {
          let alive = false;
          for (let i = 0; i < n && !alive; i++) alive = d[i * m + j] !== 0;
          if (!alive) deadUnits++;
        }
        dead = deadUnits / m;
      }
    }
    return { gradNorm: Math.sqrt(s), saturated, dead, mean, std: Math.sqrt(vr / len) };
  }

  /** Sets alive[j] for every unit j with f′ ≠ 0 on some row of the last forward; returns how many it newly set. */
  markAlive(alive: Uint8Array): number {
    const n = this.rows,
      m = this.units,
      d = this.d;
    if (!this.activation) {
      const fresh = alive.reduce((c, v) => c + (v ? 0 : 1), 0);
      alive.fill(1);
      return fresh;
    }
    let fresh = 0;
    for (let j = 0; j < m; j++) {
      if (alive[j]) continue;
      for (let i = j; i < n * m; i += m) {
        if (d[i] !== 0) {
          alive[j] = 1;
          fresh++;
          break;
        }
      }
    }
    return fresh;
  }

  /** Where the last forward first produced a non-finite value, or null. */
  firstNonFinite(): string | null {
    const len = this.rows * this.units;
    for (const [what, arr] of [
      ["weights", this.W],
      ["biases", this.b],
    ] as const) {
      for (let i = 0; i < arr.length; i++) if (!Number.isFinite(arr[i])) return `${what} (${arr[i]} at index ${i})`;
    }
    for (let i = 0; i < len; i++)
      if (!Number.isFinite(this.z[i]))
        return `pre-activations z (${this.z[i]} at row ${Math.floor(i / this.units)}, unit ${i % this.units})`;
    if (this.activation) {
      for (let i = 0; i < len; i++)
        if (!Number.isFinite(this.a[i]))
          return `activations ${this.activation.id}(z) (${this.a[i]} at row ${Math.floor(i / this.units)}, unit ${i % this.units})`;
    }
    return null;
  }
}

/** A dense layer; see `Dense`. */
export function dense(inputs: number, units: number, options: DenseOptions = {}): Dense {
  return new Dense(inputs, units, options);
}
