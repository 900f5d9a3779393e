// The data the figure builders draw. NB: this file is the contract between the producers
// (autodiff's graph export, the trainer's history, the loss landscape) and the figures
// (payload + SVG + plotly). Both sides import these types; extend them with optional fields only.

/** One node of a computational graph, with its forward value and its gradient ∂loss/∂node. */
export interface GraphNode {
  id: string;
  /** Short symbolic name shown on the node, e.g. "w14", "p", "σ(p)", "J". */
  label: string;
  /** "input" (data), "param" (a weight or bias), "op" (an intermediate), or "loss" (the root). */
  role: "input" | "param" | "op" | "loss";
  /** The operation that produced it ("+", "×", "sigmoid", …); "" for leaves. */
  op: string;
  value: number;
  grad: number;
  /** Topological layer from the inputs (0) to the loss, for a left-to-right layout. */
  layer: number;
}

/** An edge child → parent with the local derivative ∂parent/∂child. */
export interface GraphEdge {
  from: string;
  to: string;
  /** Symbolic local derivative, e.g. "σ′(q)" or "w46". */
  localLabel: string;
  local: number;
}

/** One path from a parameter to the loss: the chain rule's product of local derivatives along it. */
export interface GraphPath {
  /** Node ids from the parameter to the loss. */
  nodes: string[];
  /** One factor per edge along the path, in the same order. */
  factors: { label: string; value: number }[];
  product: number;
}

/** What `explain(loss, param)` finds: every path, and that their products sum to the gradient. */
export interface Explanation {
  param: string;
  paramLabel: string;
  paths: GraphPath[];
  /** Σ of the path products. */
  sum: number;
  /** param.grad from backward(); equals `sum` up to rounding. */
  grad: number;
}

/** A computational graph export: the data of the "network" figure. */
export interface NetworkGraph {
  title?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Per parameter the renderer may highlight: its paths to the loss. */
  explanations: Explanation[];
  /** The parameter selected first (an id in `explanations`). */
  selected?: string;
}

/** Per-layer statistics recorded at each logged step. */
export interface LayerTrace {
  name: string;
  /** ‖∂loss/∂W‖₂ of the layer's weights per logged step. */
  gradNorm: number[];
  /** Fraction of units with |f′(z)| < ε per logged step. */
  saturated: number[];
  /** Fraction of units whose f′ is 0 on every training row (or every `deadOn` row): dead ReLUs, per logged step; empty if not ReLU-like. */
  dead: number[];
  /** Mean and standard deviation of the layer's activations per logged step. */
  mean: number[];
  std: number[];
  /** Optional: curves with the same group share one colour in every panel, e.g. a run's loss and its layers. */
  group?: string;
  /** Optional: a palette index (0 blue, 1 red, 2 green, 3 orange, …) for this curve, and for its group if it is the first to give one. */
  color?: number;
}

/** The history of a training run: the data of the "training" figure. */
export interface TrainingHistory {
  title?: string;
  /** The step number of each logged entry. */
  steps: number[];
  /**
   * One or more loss curves over `steps`, e.g. "train" and "test", or one per compared run. A curve with
   * its own `steps` (optional) may have any length: runs of different lengths, e.g. one that diverged early.
   * Optional `group` and `color` as on LayerTrace: a run's loss curves and layers may share a colour.
   */
  losses: { name: string; values: number[]; steps?: number[]; group?: string; color?: number }[];
  layers: LayerTrace[];
  /** The ε behind `saturated` (|f′(z)| < ε); optional, shown in the figure when given. */
  epsilon?: number;
  /** Progress for the live line: steps done of total, wall time so far. */
  progress?: { step: number; total: number; elapsedMs: number };
}

/** A 2-D slice of the loss surface with a descent path on it: one panel of the "landscape" figure. */
export interface LandscapeSlice {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Grid coordinates along each axis. */
  x: number[];
  y: number[];
  /** Loss values, z[j][i] at (x[i], y[j]). */
  z: number[][];
  /** The gradient-descent path projected on the slice, one point per step, with its loss. */
  path: { x: number[]; y: number[]; loss: number[] };
  /** Optional negative-gradient arrows (−∂L/∂x, −∂L/∂y) at sample points. */
  arrows?: { x: number[]; y: number[]; u: number[]; v: number[] };
}
