import type { LayerTrace, TrainingHistory } from "../figure/data";
import { checkLoss, type LossName } from "./losses";
import {
  checkOptimizer,
  optimizer as makeOptimizer,
  type Optimizer,
  type OptimizerName,
  type OptimizerOptions,
} from "./optimizers";
import { Rng } from "./rng";
import type { Batch, Sequential } from "./sequential";

/** Options of `train`. */
export interface TrainOptions extends OptimizerOptions {
  /** Default: the model's loss. */
  loss?: LossName;
  /** A name ("sgd", "momentum", "adam"; default "sgd") or an Optimizer whose state carries over between calls. */
  optimizer?: OptimizerName | Optimizer;
  /** Passes over the data (default 100), unless `steps` is given. */
  epochs?: number;
  /** Total optimizer steps; overrides `epochs`. */
  steps?: number;
  /** Rows per step (default: all of them, i.e. full-batch gradient descent); the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** Reshuffle the rows every epoch (default true); false keeps the data's order — the i.i.d. lesson needs that. */
  shuffle?: boolean;
  /** Seed of the shuffling (default 0). */
  seed?: number;
  /** L2 weight decay λ: adds (λ/2)·Σ‖W‖² to the loss (weights only, not biases or gains). */
  weightDecay?: number;
  /** Record every this many steps (default: about 200 records per run); the last step is always recorded. */
  logEvery?: number;
  /** A unit is saturated where |f′(z)| < this (default 0.01); measured on the step's batch. */
  saturationEps?: number;
  /**
   * The rows on which the dead fraction is measured (default: all of the training data): a unit is dead when its
   * f′ is 0 on every one of them, with the weights of the logged step. NB: measured on the step's batch, a
   * 16-row batch calls units dead that other rows still reach; see `deadFractions` for the cost.
   */
  deadOn?: Batch;
  /** Held-out data whose loss is recorded as the "test" curve. */
  test?: Batch;
  /** Name of the training loss curve (default "train"). */
  name?: string;
  title?: string;
  /** Called at every recorded step with the history so far, e.g. to redraw a live figure; return false to stop. */
  onLog?: (history: TrainingHistory, info: StepInfo) => void | boolean;
}

/** What `onLog` receives besides the history. */
export interface StepInfo {
  step: number;
  total: number;
  epoch: number;
  /** The loss of this step's batch, before the update. */
  loss: number;
  testLoss?: number;
  elapsedMs: number;
}

/** Thrown when a loss turns NaN or infinite; carries the history up to that step. */
export class NonFiniteLossError extends Error {
  constructor(
    message: string,
    readonly step: number,
    readonly layer: string | null,
    readonly history: TrainingHistory,
  ) {
    super(message);
    this.name = "NonFiniteLossError";
  }
}

/**
 * Trains `model` on `data` with mini-batch gradient descent and returns the history the training figure
 * draws: the loss per recorded step, and per layer ‖∂L/∂W‖, the saturated fraction and the activations' mean
 * and std on the step's batch, and the dead fraction on the whole training data (or `deadOn`).
 * Deterministic given the model's seed and `seed`.
 */
export function train(model: Sequential, data: Batch, options: TrainOptions = {}): TrainingHistory {
  const loss = checkLoss(options.loss ?? model.loss);
  model.checkInput(data.x);
  model.checkTargets(data.x, data.y, loss);
  if (options.test) {
    model.checkInput(options.test.x);
    model.checkTargets(options.test.x, options.test.y, loss);
  }
  const deadOn = options.deadOn ?? data;
  if (deadOn !== data) model.checkInput(deadOn.x);
  const opt =
    typeof options.optimizer === "object"
      ? options.optimizer
      : makeOptimizer(checkOptimizer(options.optimizer ?? "sgd"), options);
  const n = data.x.rows;
  if (n === 0) throw new Error("train: the data has no rows");
  const batchSize = Math.min(options.batchSize ?? n, n);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
  const perEpoch = Math.ceil(n / batchSize);
  const total = options.steps ?? (options.epochs ?? 100) * perEpoch;
  if (!Number.isInteger(total) || total < 0) throw new Error(`steps must be a non-negative integer, got ${total}`);
  const logEvery = options.logEvery ?? Math.max(1, Math.round(total / 200));
  const eps = options.saturationEps ?? 0.01;
  const wd = options.weightDecay ?? 0;
  const shuffle = options.shuffle ?? true;
  const rng = new Rng(options.seed ?? 0);
  const inCols = data.x.cols;
  const tCols = data.y.cols;
  const params = model.params();

  const history: TrainingHistory = {
    ...(options.title ? { title: options.title } : {}),
    steps: [],
    losses: [{ name: options.name ?? "train", values: [] }, ...(options.test ? [{ name: "test", values: [] }] : [])],
    layers: model.layers.map((l): LayerTrace => ({
      name: l.name,
      gradNorm: [],
      saturated: [],
      dead: [],
      mean: [],
      std: [],
    })),
    epsilon: eps,
    progress: { step: 0, total, elapsedMs: 0 },
  };

  // NB: full-batch, unshuffled training reads the data in place; otherwise rows are copied into reused buffers.
  const direct = batchSize === n && !shuffle;
  const xb = direct ? data.x.data : new Float64Array(batchSize * inCols);
  const yb = direct ? data.y.data : new Float64Array(batchSize * tCols);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const t0 = Date.now();

  for (let step = 0; step < total; step++) {
    const epoch = Math.floor(step / perEpoch);
    const k = step % perEpoch;
    if (k === 0 && shuffle) rng.shuffle(order);
    const start = k * batchSize;
    const rows = Math.min(batchSize, n - start);
    if (!direct) {
      const xs = data.x.data,
        ys = data.y.data;
      for (let r = 0; r < rows; r++) {
        const src = order[start + r];
        for (let c = 0; c < inCols; c++) xb[r * inCols + c] = xs[src * inCols + c];
        for (let c = 0; c < tCols; c++) yb[r * tCols + c] = ys[src * tCols + c];
      }
    }
    const value = model.lossAndGradRaw(xb, yb, rows, tCols, loss, wd);
    if (!Number.isFinite(value)) throw nonFinite(model, value, step, epoch, yb, rows * tCols, opt, history);
    const record = step % logEvery === 0 || step === total - 1;
    if (record) {
      history.steps.push(step);
      history.losses[0].values.push(value);
      const stats = model.layers.map((l) => l.stats(eps));
      // NB: after stats (a probe forward overwrites the layers' buffers) and before the update (same weights).
      const dead = deadFractions(model, deadOn, deadOn !== data ? "unrelated" : rows === n ? "all" : "subset");
      model.layers.forEach((l, i) => {
        const s = stats[i];
        const trace = history.layers[i];
        trace.gradNorm.push(s.gradNorm);
        trace.saturated.push(s.saturated);
        if (!Number.isNaN(dead[i])) trace.dead.push(dead[i]);
        trace.mean.push(s.mean);
        trace.std.push(s.std);
      });
    }
    opt.step(params);
    if (record) {
      let testLoss: number | undefined;
      if (options.test) {
        testLoss = model.evaluate(options.test, loss);
        history.losses[1].values.push(testLoss);
      }
      const elapsedMs = Date.now() - t0;
      history.progress = { step: step + 1, total, elapsedMs };
      if (options.onLog && options.onLog(history, { step, total, epoch, loss: value, testLoss, elapsedMs }) === false)
        break;
    }
  }
  history.progress = { step: history.progress!.step, total, elapsedMs: Date.now() - t0 };
  return history;
}

/** Rows per forward pass of `deadFractions`. */
const PROBE_ROWS = 1024;

/**
 * Per layer, the fraction of units whose f′ is 0 on every row of `probe.x` (dead units), at the current weights;
 * NaN for layers whose activation cannot give f′ = 0. `lastPass` tells what the model's last forward pass ran on
 * at these weights: "subset" (some rows of `probe`: units alive there are alive), "all" (every row of `probe`:
 * nothing more to run), or "unrelated" (the default: start afresh).
 * NB: cheap in the common case: the probe runs in chunks of PROBE_ROWS rows only until every unit has been seen
 * alive, so only dead (or nearly dead) units cost a forward pass over all of `probe`.
 */
export function deadFractions(
  model: Sequential,
  probe: Pick<Batch, "x">,
  lastPass: "unrelated" | "subset" | "all" = "unrelated",
): number[] {
  model.checkInput(probe.x);
  const layers = model.layers;
  const alive = layers.map((l) => (l.canDie ? new Uint8Array(l.units) : null));
  let missing = 0;
  layers.forEach((l, i) => {
    if (alive[i]) missing += l.units - (lastPass === "unrelated" ? 0 : l.markAlive(alive[i]!));
  });
  const cols = probe.x.cols;
  for (let start = 0; missing > 0 && lastPass !== "all" && start < probe.x.rows; start += PROBE_ROWS) {
    const rows = Math.min(PROBE_ROWS, probe.x.rows - start);
    model.forwardRaw(probe.x.data.subarray(start * cols, (start + rows) * cols), rows, true);
    layers.forEach((l, i) => {
      if (alive[i]) missing -= l.markAlive(alive[i]!);
    });
  }
  return layers.map((l, i) => {
    const a = alive[i];
    if (!a) return NaN;
    let dead = 0;
    for (let j = 0; j < a.length; j++) if (!a[j]) dead++;
    return dead / l.units;
  });
}

function nonFinite(
  model: Sequential,
  value: number,
  step: number,
  epoch: number,
  y: Float64Array,
  ylen: number,
  opt: Optimizer,
  history: TrainingHistory,
): NonFiniteLossError {
  let where = "";
  let layer: string | null = null;
  for (const l of model.layers) {
    const what = l.firstNonFinite();
    if (what) {
      layer = l.name;
      where = `the first non-finite values appeared in layer "${l.name}" ${l.describe().slice(l.name.length + 1)}: ${what}`;
      break;
    }
  }
  if (!layer) {
    let bad = -1;
    for (let i = 0; i < ylen && bad < 0; i++) if (!Number.isFinite(y[i])) bad = i;
    if (bad >= 0) where = `every layer is finite, but the targets hold ${y[bad]} (batch element ${bad})`;
    else {
      const last = model.layers[model.layers.length - 1];
      let max = 0;
      for (let i = 0; i < last.rows * last.units; i++) max = Math.max(max, Math.abs(last.a[i]));
      where = `every layer is finite, but outputs as large as ${max.toPrecision(3)} overflow the loss`;
    }
  }
  return new NonFiniteLossError(
    `training stopped at step ${step} (epoch ${epoch}): the loss is ${value}; ${where}. ` +
      `The learning rate was ${opt.lr} (${opt.name}); a smaller one usually helps.`,
    step,
    layer,
    history,
  );
}
