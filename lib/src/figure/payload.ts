// The JSON every actigrad figure sends: one versioned MIME type, one shape per `kind`.
// NB: lib/schema/payload.schema.json describes the same shapes; validate.ts checks them, and a unit
// test checks that the schema and the validator agree. Change all three together.
import type { GraphEdge, GraphNode, GraphPath } from "./data";

/** The MIME type of every actigrad figure. The version is part of the type, as plotly does. */
export const MIME_TYPE = "application/vnd.actigrad.v1+json";

/** An interval [from, to] on the x axis. */
export type Interval = [number, number];

/** One activation's curves sampled on the figure's shared x grid. */
export interface ActivationSeries {
  id: string;
  label: string;
  /** LaTeX of f, f′, f″ for the renderer's typesetter. */
  latex: { f: string; df: string; d2f: string };
  f: number[];
  df: number[];
  d2f: number[];
  /** Where |f′(x)| < ε (the figure's `epsilon`), as disjoint sorted intervals: the saturated regions. */
  saturated?: Interval[];
}

/** kind "activation": one or more activations, with f, f′ and f″ over a range. */
export interface ActivationPayload {
  version: 1;
  kind: "activation";
  title: string;
  x: number[];
  series: ActivationSeries[];
  /** The saturation threshold of `series[].saturated`. */
  epsilon?: number;
  /** Which curves are drawn at first; the Lab figure can toggle each. Default f and f′. */
  show?: { f: boolean; df: boolean; d2f: boolean };
  /** The x axis title; default "x". A short symbol ("z", "w") also names the curves: f(z), f′(z). */
  xLabel?: string;
}

/** A node placed for drawing: the producer's node plus its position in [0, 1]². */
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}

/** One parameter's explanation as drawn: its paths (maybe the largest few of many) and their sum. */
export interface NetworkExplanation {
  param: string;
  paramLabel: string;
  /** The paths shown, largest |product| first. */
  paths: GraphPath[];
  /** How many further paths were left out to keep the payload small; their products are in `sum`. */
  omitted: number;
  /** Σ of all path products (shown and omitted). */
  sum: number;
  /** The parameter's gradient from backward(). */
  grad: number;
}

/** kind "network": a computational graph with values, local derivatives and the chain rule per parameter. */
export interface NetworkPayload {
  version: 1;
  kind: "network";
  title: string;
  nodes: PlacedNode[];
  edges: GraphEdge[];
  explanations: NetworkExplanation[];
  /** The parameter highlighted at first (a `param` of `explanations`), if any. */
  selected?: string;
}

/** A polyline over steps. */
export interface Trace {
  name: string;
  x: number[];
  y: number[];
}

/** A loss curve with its look; without `color` (older payloads) it takes palette colour k, the k-th loss. */
export interface LossTrace extends Trace {
  /** Palette index. */
  color?: number;
  /** Set when an earlier loss curve has the same colour, so the two stay apart; default solid. */
  dash?: Dash;
}

/** One layer's curves: gradient norm, saturated fraction, dead fraction (empty `y` if not recorded). */
export interface LayerTraces {
  name: string;
  gradNorm: Trace;
  saturated: Trace;
  dead: Trace;
  /** Palette index; without it (older payloads), colour n + k for the k-th of layers after n losses. */
  color?: number;
  /** In [0, 1): how far the colour fades toward the background, telling apart layers that share a colour; default 0. */
  shade?: number;
}

/** Progress of a running training, for the live line. */
export interface Progress {
  step: number;
  total: number;
  elapsedMs: number;
}

/** kind "training": losses, per-layer gradient norms, saturated/dead fractions; updated live. */
export interface TrainingPayload {
  version: 1;
  kind: "training";
  title: string;
  losses: LossTrace[];
  layers: LayerTraces[];
  /** Whether the loss axis is logarithmic (all losses positive and spanning more than a decade). */
  lossLog: boolean;
  /** The first panel's title when its curves are not losses (e.g. "accuracy"); default "loss". */
  lossTitle?: string;
  /** The threshold behind the saturated fractions, if the producer said. */
  epsilon?: number;
  progress?: Progress;
}

/** One panel of the landscape: the loss grid, its contour levels, the descent path and gradient arrows. */
export interface LandscapePanel {
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  y: number[];
  /** z[j][i] at (x[i], y[j]). */
  z: number[][];
  /** Evenly spaced contour levels, shared by plotly and the SVG. */
  levels: { start: number; end: number; size: number };
  /** The descent path; `step` is the original step index of each kept point (the path may be decimated). */
  path: { x: number[]; y: number[]; loss: number[]; step: number[] };
  /** Arrow tails (x, y) and the negative gradient (u, v) there; drawn as (x, y) → (x + scale·u, y + scale·v). */
  arrows?: { x: number[]; y: number[]; u: number[]; v: number[]; scale: number };
}

/** kind "landscape": one or more 2-D loss slices side by side. */
export interface LandscapePayload {
  version: 1;
  kind: "landscape";
  title: string;
  panels: LandscapePanel[];
}

/** How a line is stroked. */
export type Dash = "solid" | "dash" | "dot";

/** One line of a curves panel, in data units. */
export interface CurvesLine {
  name: string;
  x: number[];
  y: number[];
  /** Palette index; the same legend name has the same colour in every panel. */
  color: number;
  dash?: Dash;
  /** Markers at every (x, y) of the line, in its colour, with hover text; one legend entry for line and markers. */
  markers?: boolean;
}

/** Scatter points of a curves panel; each point belongs to one of `groups` (a legend entry and a colour each). */
export interface CurvesPoints {
  name: string;
  x: number[];
  y: number[];
  /** Group names, at least one; without per-point groups, just [name]. */
  groups: string[];
  /** A palette index per group. */
  colors: number[];
  /** Per point, an index into `groups`; absent when every point is in group 0. */
  group?: number[];
  /** Points left out to stay under the payload budget (one per occupied cell of a fine grid was kept). */
  omitted?: number;
}

/** A shaded x interval, e.g. the range the training data came from. */
export interface CurvesBand {
  from: number;
  to: number;
  label?: string;
}

/** One x–y panel: lines and/or points, shaded x ranges, axis titles, optional log axes and fixed ranges. */
export interface CurvesPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog: boolean;
  yLog: boolean;
  lines: CurvesLine[];
  points: CurvesPoints[];
  bands: CurvesBand[];
  /** Fixed axis ranges in data units (positive on a log axis); default: fit the data. */
  xRange?: [number, number];
  yRange?: [number, number];
}

/** kind "curves": generic x–y panels side by side (a fitted curve with its data, a 1-D loss, any function). */
export interface CurvesPayload {
  version: 1;
  kind: "curves";
  title: string;
  panels: CurvesPanel[];
}

/** Every payload kind; the renderer switches on `kind`. */
export type Payload = ActivationPayload | NetworkPayload | TrainingPayload | LandscapePayload | CurvesPayload;

/** The payload size the builders stay under (bytes of JSON). */
export const PAYLOAD_BUDGET = 1_000_000;
