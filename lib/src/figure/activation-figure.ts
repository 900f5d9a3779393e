import type { Activation } from "../activation";
import { fmt } from "../svg/xml";
import { Figure } from "./figure";
import type { ActivationPayload } from "./payload";

export interface ActivationFigureOptions {
  /** The x interval drawn; default [−6, 6]. */
  range?: [number, number];
  /** Grid points, at least 2; default 241. */
  points?: number;
  title?: string;
}

/** Evenly spaced points from a to b inclusive. */
export function linspace(a: number, b: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? b : a + ((b - a) * i) / (n - 1);
  return out;
}

/** The figure of one or more activations with f, f′ and f″ over a range. */
export function activationFigure(acts: readonly Activation[], options: ActivationFigureOptions = {}): Figure<ActivationPayload> {
  const [a, b] = options.range ?? [-6, 6];
  const n = options.points ?? 241;
  if (acts.length === 0) throw new Error("activationFigure: give at least one activation");
  if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) {
    throw new Error(`activationFigure: range must be two finite numbers [a, b] with a < b, got [${a}, ${b}]`);
  }
  if (!Number.isInteger(n) || n < 2) throw new Error(`activationFigure: points must be an integer ≥ 2, got ${n}`);
  const x = linspace(a, b, n);
  const series = acts.map((act) => ({
    id: act.id,
    label: act.label,
    latex: { ...act.entry.latex },
    f: x.map(act.f),
    df: x.map(act.df),
    d2f: x.map(act.d2f),
  }));
  const title = options.title ?? `${acts.map((s) => s.label).join(", ")} and ${acts.length > 1 ? "their derivatives" : "its derivative"}`;
  const payload: ActivationPayload = { version: 1, kind: "activation", title, x, series };
  return new Figure(payload, series.map((s) => summarize(s.id, x, s.df)).join("\n"));
}

/** e.g. "sigmoid on [-6, 6]: max f′ = 0.25 at x = 0". */
function summarize(id: string, x: readonly number[], df: readonly number[]): string {
  let best = 0;
  for (let i = 1; i < df.length; i++) if (Math.abs(df[i]) > Math.abs(df[best])) best = i;
  return `${id} on [${fmt(x[0])}, ${fmt(x[x.length - 1])}]: max f′ = ${fmt(df[best])} at x = ${fmt(x[best])}`;
}
