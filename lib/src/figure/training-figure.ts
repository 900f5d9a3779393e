import { fmt } from "../svg/xml";
import type { TrainingHistory } from "./data";
import { decimate, pick } from "./decimate";
import { Figure } from "./figure";
import type { Progress, Trace, TrainingPayload } from "./payload";

export interface TrainingFigureOptions {
  title?: string;
  /** Most points per curve; longer histories are decimated keeping each bucket's min and max. Default 2000. */
  maxPoints?: number;
  /** The first panel's title, for curves that are not losses (e.g. "accuracy"); default "loss". */
  lossTitle?: string;
  /** A log axis for the first panel; default: when every value is positive and they span more than a decade. */
  lossLog?: boolean;
}

/** NB: the whole payload is re-sent on every live update, so all curves share this many numbers (≈ 0.5 MB). */
const NUMBER_BUDGET = 30_000;

/** "1.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s - m * 60)).padStart(2, "0")} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** The live progress line, e.g. "step 300 / 1000 (30%) · 4.2 s elapsed · ETA 9.8 s"; "done" once step reaches total. */
export function formatProgress(p: Progress): string {
  const pct = p.total > 0 ? Math.min(100, Math.floor((100 * p.step) / p.total)) : 0;
  const head = `step ${p.step} / ${p.total} (${pct}%) · ${formatDuration(p.elapsedMs)} elapsed`;
  if (p.step >= p.total) return `${head} · done`;
  // NB: ETA assumes the remaining steps take as long as the ones so far.
  const eta = p.step > 0 ? (p.elapsedMs * (p.total - p.step)) / p.step : NaN;
  return `${head} · ETA ${formatDuration(eta)}`;
}

function trace(name: string, steps: readonly number[], values: readonly number[], maxPoints: number): Trace {
  const keep = decimate(values.length, [values], maxPoints);
  return { name, x: pick(steps, keep), y: pick(values, keep) };
}

/**
 * The "training" figure: loss curves, per-layer gradient norms, saturated and dead fractions (those two
 * panels only when there are layers). Re-display it to update live.
 */
export function trainingFigure(history: TrainingHistory, options: TrainingFigureOptions = {}): Figure<TrainingPayload> {
  const { steps, losses, layers } = history;
  if (!Array.isArray(steps) || !Array.isArray(losses) || !Array.isArray(layers)) {
    throw new Error("trainingFigure: history must have steps, losses and layers arrays");
  }
  const n = steps.length;
  losses.forEach((l, i) => {
    if (l.steps !== undefined) {
      if (!Array.isArray(l.steps)) throw new Error(`trainingFigure: losses[${i}] ("${l.name}").steps must be an array of step numbers`);
      if (l.values.length !== l.steps.length) throw new Error(`trainingFigure: losses[${i}] ("${l.name}") has ${l.values.length} values but its own steps has ${l.steps.length}`);
    } else if (l.values.length !== n) {
      throw new Error(`trainingFigure: losses[${i}] ("${l.name}") has ${l.values.length} values but there are ${n} steps (or give the curve its own steps)`);
    }
  });
  layers.forEach((l, i) => {
    for (const k of ["gradNorm", "saturated", "dead"] as const) {
      const len = l[k].length;
      if (len !== n && !(len === 0 && k === "dead")) {
        throw new Error(`trainingFigure: layers[${i}] ("${l.name}").${k} has ${len} values but there are ${n} steps${k === "dead" ? " (or give none)" : ""}`);
      }
    }
  });
  const curves = losses.length + 3 * layers.length;
  const maxPoints = Math.max(16, Math.min(options.maxPoints ?? 2000, Math.floor(NUMBER_BUDGET / (2 * Math.max(1, curves)))));
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of losses) {
    for (const v of l.values) {
      if (!Number.isFinite(v)) continue; // NB: a diverged run's ∞ and NaN are gaps, not the axis range
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const payload: TrainingPayload = {
    version: 1,
    kind: "training",
    title: options.title ?? history.title ?? "Training",
    losses: losses.map((l) => trace(l.name, l.steps ?? steps, l.values, maxPoints)),
    layers: layers.map((l) => ({
      name: l.name,
      gradNorm: trace("‖∂L/∂W‖", steps, l.gradNorm, maxPoints),
      saturated: trace("saturated", steps, l.saturated, maxPoints),
      dead: trace("dead", l.dead.length ? steps : [], l.dead, maxPoints),
    })),
    lossLog: options.lossLog ?? (lo > 0 && Number.isFinite(hi) && hi / lo > 10),
  };
  if (options.lossTitle !== undefined) payload.lossTitle = options.lossTitle;
  if (history.epsilon !== undefined) payload.epsilon = history.epsilon;
  if (history.progress) payload.progress = { ...history.progress };
  return new Figure(payload, summarize(history));
}

function summarize(h: TrainingHistory): string {
  const last = h.steps.length - 1;
  const parts = [`training: ${Math.max(h.steps.length, ...h.losses.map((l) => l.values.length))} logged steps`];
  // NB: each curve's last value, at its own last step when it has its own steps.
  parts.push(...h.losses.filter((l) => l.values.length).map((l) => `${l.name} loss ${fmt(l.values[l.values.length - 1])}${l.steps ? ` (step ${fmt(l.steps[l.steps.length - 1])})` : ""}`));
  if (last >= 0) parts.push(...h.layers.map((l) => `${l.name} ‖∂L/∂W‖ ${fmt(l.gradNorm[last])}`));
  if (h.progress) parts.push(formatProgress(h.progress));
  return parts.join("; ");
}
