import { fmt } from "./format";
import type { TrainingHistory } from "./data";
import { decimate, pick } from "./decimate";
import { Figure } from "./figure";
import type { Dash, LayerTraces, LossTrace, Trace, TrainingPayload } from "./payload";

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

export { formatDuration, formatProgress } from "./progress";
import { formatProgress } from "./progress";

function trace(name: string, steps: readonly number[], values: readonly number[], maxPoints: number): Trace {
  const keep = decimate(values.length, [values], maxPoints);
  return { name, x: pick(steps, keep), y: pick(values, keep) };
}

/** Loss curves that share a colour cycle through these, in order. */
const LOSS_DASHES: readonly Dash[] = ["solid", "dash", "dot"];
/** The faintest shade of a layer sharing its colour with others (0 = the colour itself, 1 = the background). */
const MAX_SHADE = 0.5;

/**
 * Each curve's palette index and look. The rule: a curve's own `color` wins; otherwise it takes its group's
 * colour — the first `color` a curve of the group gives, else the next palette index no curve asked for, in
 * order of first appearance (losses, then layers); a curve without `group` is a group of its own (so, by
 * default, loss k gets colour k and layer k colour n + k). Loss curves of one colour are told apart by dash
 * (solid, dashed, dotted), layers of one colour by shade (darkest first), since dots already mean "dead".
 */
export function trainingColors(
  losses: TrainingHistory["losses"],
  layers: TrainingHistory["layers"],
): { losses: Pick<LossTrace, "color" | "dash">[]; layers: Pick<LayerTraces, "color" | "shade">[] } {
  const curves = [
    ...losses.map((l, i) => ({
      key: l.group !== undefined ? `group ${l.group}` : `loss ${i}`,
      color: l.color,
      where: `losses[${i}] ("${l.name}")`,
    })),
    ...layers.map((l, i) => ({
      key: l.group !== undefined ? `group ${l.group}` : `layer ${i}`,
      color: l.color,
      where: `layers[${i}] ("${l.name}")`,
    })),
  ];
  for (const c of curves) {
    if (c.color !== undefined && !(Number.isInteger(c.color) && c.color >= 0))
      throw new Error(`trainingFigure: ${c.where}.color must be a palette index (an integer ≥ 0), got ${c.color}`);
  }
  const byGroup = new Map<string, number>();
  for (const c of curves) if (c.color !== undefined && !byGroup.has(c.key)) byGroup.set(c.key, c.color);
  const taken = new Set(curves.flatMap((c) => (c.color === undefined ? [] : [c.color])));
  let next = 0;
  for (const c of curves) {
    if (byGroup.has(c.key)) continue;
    while (taken.has(next)) next++;
    byGroup.set(c.key, next);
    taken.add(next);
  }
  const colors = curves.map((c) => c.color ?? byGroup.get(c.key)!);
  const lossColors = colors.slice(0, losses.length);
  const layerColors = colors.slice(losses.length);
  const seen = new Map<number, number>();
  const lossLooks = lossColors.map((color) => {
    const k = seen.get(color) ?? 0;
    seen.set(color, k + 1);
    const dash = LOSS_DASHES[k % LOSS_DASHES.length];
    return dash === "solid" ? { color } : { color, dash };
  });
  const count = new Map<number, number>();
  for (const c of layerColors) count.set(c, (count.get(c) ?? 0) + 1);
  const rank = new Map<number, number>();
  const layerLooks = layerColors.map((color) => {
    const k = rank.get(color) ?? 0;
    rank.set(color, k + 1);
    const m = count.get(color)!;
    return k === 0 ? { color } : { color, shade: (MAX_SHADE * k) / (m - 1) };
  });
  return { losses: lossLooks, layers: layerLooks };
}

/**
 * The "training" figure: loss curves, per-layer gradient norms, saturated and dead fractions (those two
 * panels only when there are layers). Re-display it to update live. Colours follow `trainingColors`: give a
 * run's loss curves and layers the same `group` to draw them in one colour in every panel.
 */
export function trainingFigure(history: TrainingHistory, options: TrainingFigureOptions = {}): Figure<TrainingPayload> {
  const { steps, losses, layers } = history;
  if (!Array.isArray(steps) || !Array.isArray(losses) || !Array.isArray(layers)) {
    throw new Error("trainingFigure: history must have steps, losses and layers arrays");
  }
  const n = steps.length;
  losses.forEach((l, i) => {
    if (l.steps !== undefined) {
      if (!Array.isArray(l.steps))
        throw new Error(`trainingFigure: losses[${i}] ("${l.name}").steps must be an array of step numbers`);
      if (l.values.length !== l.steps.length)
        throw new Error(
          `trainingFigure: losses[${i}] ("${l.name}") has ${l.values.length} values but its own steps has ${l.steps.length}`,
        );
    } else if (l.values.length !== n) {
      throw new Error(
        `trainingFigure: losses[${i}] ("${l.name}") has ${l.values.length} values but there are ${n} steps (or give the curve its own steps)`,
      );
    }
  });
  layers.forEach((l, i) => {
    for (const k of ["gradNorm", "saturated", "dead"] as const) {
      const len = l[k].length;
      if (len !== n && !(len === 0 && k === "dead")) {
        throw new Error(
          `trainingFigure: layers[${i}] ("${l.name}").${k} has ${len} values but there are ${n} steps${k === "dead" ? " (or give none)" : ""}`,
        );
      }
    }
  });
  const curves = losses.length + 3 * layers.length;
  const maxPoints = Math.max(
    16,
    Math.min(options.maxPoints ?? 2000, Math.floor(NUMBER_BUDGET / (2 * Math.max(1, curves)))),
  );
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of losses) {
    for (const v of l.values) {
      if (!Number.isFinite(v)) continue; // NB: a diverged run's ∞ and NaN are gaps, not the axis range
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const looks = trainingColors(losses, layers);
  const payload: TrainingPayload = {
    version: 1,
    kind: "training",
    title: options.title ?? history.title ?? "Training",
    losses: losses.map((l, i) => ({ ...trace(l.name, l.steps ?? steps, l.values, maxPoints), ...looks.losses[i] })),
    layers: layers.map((l, i) => ({
      name: l.name,
      gradNorm: trace("‖∂L/∂W‖", steps, l.gradNorm, maxPoints),
      saturated: trace("saturated", steps, l.saturated, maxPoints),
      dead: trace("dead", l.dead.length ? steps : [], l.dead, maxPoints),
      ...looks.layers[i],
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
  parts.push(
    ...h.losses
      .filter((l) => l.values.length)
      .map(
        (l) =>
          `${l.name} loss ${fmt(l.values[l.values.length - 1])}${l.steps ? ` (step ${fmt(l.steps[l.steps.length - 1])})` : ""}`,
      ),
  );
  if (last >= 0) parts.push(...h.layers.map((l) => `${l.name} ‖∂L/∂W‖ ${fmt(l.gradNorm[last])}`));
  if (h.progress) parts.push(formatProgress(h.progress));
  return parts.join("; ");
}
