// Hand-built data of the contract types (lib/src/figure/data.ts), computed here in closed form, for the
// figure tests and the browser-test notebooks, until (and independently of) the real producers.
import type { Activation } from "../../lib/src/activation";
import type {
  Explanation,
  GraphEdge,
  GraphNode,
  LandscapeSlice,
  NetworkGraph,
  TrainingHistory,
} from "../../lib/src/figure/data";

export const XSS = "<img src=x onerror=alert(1)>";

const sigma = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const dsigma = (x: number) => sigma(x) * sigma(-x);

/** A hand-made activation (structurally an `Activation`), so tests do not depend on the catalog. */
export function handActivation(
  id: string,
  label: string,
  f: (x: number) => number,
  df: (x: number) => number,
  d2f: (x: number) => number,
): Activation {
  return {
    id,
    label,
    params: {},
    entry: { latex: { f: `${id}(x)`, df: `${id}'(x)`, d2f: `${id}''(x)` } },
    f,
    df,
    d2f,
  } as unknown as Activation;
}

export const SIGMOID = handActivation("sigmoid", "Sigmoid", sigma, dsigma, (x) => -dsigma(x) * Math.tanh(x / 2));
/** PyTorch's convention: relu′(0) = 0. */
export const RELU = handActivation(
  "relu",
  "ReLU",
  (x) => Math.max(0, x),
  (x) => (x > 0 ? 1 : 0),
  () => 0,
);

/** J = ½(σ(w·x1) + σ(w·x2 + b) − t)²: w reaches J along two paths, b along one. */
export function forward(w: number, b: number, x1 = 1.5, x2 = -0.5, t = 1) {
  const p1 = w * x1;
  const p2 = w * x2;
  const q = p2 + b;
  const a1 = sigma(p1);
  const a2 = sigma(q);
  const s = a1 + a2;
  const J = 0.5 * (s - t) ** 2;
  return { x1, x2, t, w, b, p1, p2, q, a1, a2, s, J };
}

/** The graph of `forward` with values, chain-rule gradients, local derivatives and the paths per parameter. */
export function smallNetwork(label = (s: string) => s, w = 0.8, b = 0.1): NetworkGraph {
  const v = forward(w, b);
  const dJ_ds = v.s - v.t;
  const g = {
    J: 1,
    s: dJ_ds,
    a1: dJ_ds,
    a2: dJ_ds,
    q: dJ_ds * dsigma(v.q),
    p1: dJ_ds * dsigma(v.p1),
    get p2() {
      return this.q;
    },
    get b() {
      return this.q;
    },
    get w() {
      return this.p1 * v.x1 + this.p2 * v.x2;
    },
    get x1() {
      return this.p1 * v.w;
    },
    get x2() {
      return this.p2 * v.w;
    },
  };
  const node = (
    id: string,
    role: GraphNode["role"],
    op: string,
    value: number,
    grad: number,
    layer: number,
  ): GraphNode => ({ id, label: label(id), role, op, value, grad, layer });
  const nodes: GraphNode[] = [
    node("x1", "input", "", v.x1, g.x1, 0),
    node("w", "param", "", v.w, g.w, 0),
    node("x2", "input", "", v.x2, g.x2, 0),
    node("b", "param", "", v.b, g.b, 0),
    node("p1", "op", "×", v.p1, g.p1, 1),
    node("p2", "op", "×", v.p2, g.p2, 1),
    node("q", "op", "+", v.q, g.q, 2),
    node("a1", "op", "sigmoid", v.a1, g.a1, 3),
    node("a2", "op", "sigmoid", v.a2, g.a2, 3),
    node("s", "op", "+", v.s, g.s, 4),
    node("J", "loss", "½(·−t)²", v.J, 1, 5),
  ];
  const edges: GraphEdge[] = [
    { from: "x1", to: "p1", localLabel: "w", local: v.w },
    { from: "w", to: "p1", localLabel: "x1", local: v.x1 },
    { from: "x2", to: "p2", localLabel: "w", local: v.w },
    { from: "w", to: "p2", localLabel: "x2", local: v.x2 },
    { from: "p2", to: "q", localLabel: "1", local: 1 },
    { from: "b", to: "q", localLabel: "1", local: 1 },
    { from: "p1", to: "a1", localLabel: "σ′(p1)", local: dsigma(v.p1) },
    { from: "q", to: "a2", localLabel: "σ′(q)", local: dsigma(v.q) },
    { from: "a1", to: "s", localLabel: "1", local: 1 },
    { from: "a2", to: "s", localLabel: "1", local: 1 },
    { from: "s", to: "J", localLabel: "s − t", local: dJ_ds },
  ];
  const local = new Map(edges.map((e) => [`${e.from}>${e.to}`, e]));
  const path = (ids: string[]) => {
    const factors = ids.slice(1).map((to, k) => {
      const e = local.get(`${ids[k]}>${to}`)!;
      return { label: e.localLabel, value: e.local };
    });
    return { nodes: ids, factors, product: factors.reduce((p, f) => p * f.value, 1) };
  };
  const explain = (param: string, paths: string[][], grad: number): Explanation => {
    const ps = paths.map(path);
    return { param, paramLabel: label(param), paths: ps, sum: ps.reduce((s, p) => s + p.product, 0), grad };
  };
  return {
    title: label("J = ½(σ(w·x1) + σ(w·x2 + b) − t)²"),
    nodes,
    edges,
    explanations: [
      explain(
        "w",
        [
          ["w", "p1", "a1", "s", "J"],
          ["w", "p2", "q", "a2", "s", "J"],
        ],
        g.w,
      ),
      explain("b", [["b", "q", "a2", "s", "J"]], g.b),
    ],
    selected: "w",
  };
}

/** A deterministic pseudo-random sequence in [−1, 1]. */
const noise = (i: number) => Math.sin(i * 12.9898 + 78.233) * 0.5 + Math.sin(i * 4.1414) * 0.5;

/** A made-up training run of `n` logged steps: falling loss, gradient norms shrinking layer by layer. */
export function trainingHistory(
  n: number,
  layers = 3,
  label = (s: string) => s,
  progress?: TrainingHistory["progress"],
): TrainingHistory {
  const steps = Array.from({ length: n }, (_, i) => i * 10);
  const loss = steps.map((s, i) => 2 * Math.exp(-s / 3000) + 0.02 + 0.01 * Math.abs(noise(i)));
  return {
    title: label("Training a 3-layer sigmoid MLP"),
    steps,
    losses: [
      { name: label("train"), values: loss },
      { name: "test", values: loss.map((l, i) => l * 1.1 + 0.01 * Math.abs(noise(i + 7))) },
    ],
    layers: Array.from({ length: layers }, (_, k) => ({
      name: label(`layer ${k + 1}`),
      gradNorm: steps.map((s, i) => 0.25 ** (layers - k) * (1 + 0.3 * noise(i + k)) * Math.exp(-s / 6000)),
      saturated: steps.map((s) => Math.min(1, (k + 1) * 0.1 * (1 - Math.exp(-s / 2000)))),
      dead: k === 0 ? steps.map((s) => 0.05 * (1 - Math.exp(-s / 1000))) : [],
      mean: steps.map(() => 0.5),
      std: steps.map(() => 0.2),
    })),
    epsilon: 0.01,
    progress,
  };
}

/**
 * L(w1, w2) = ½(a·w1² + c·w2²) on [−2, 2]², with `steps` of gradient descent from (−1.8, 1.6) at rate lr.
 * a = 1, c = 20 is badly scaled (zigzag); a = c = 1 is well scaled (straight to the minimum).
 */
export function quadraticSlice(
  title: string,
  a: number,
  c: number,
  lr: number,
  steps: number,
  grid = 61,
): LandscapeSlice {
  const x = Array.from({ length: grid }, (_, i) => -2 + (4 * i) / (grid - 1));
  const y = x.slice();
  const L = (u: number, v: number) => 0.5 * (a * u * u + c * v * v);
  const z = y.map((v) => x.map((u) => L(u, v)));
  const px = [-1.8];
  const py = [1.6];
  for (let k = 0; k < steps; k++) {
    px.push(px[k] - lr * a * px[k]);
    py.push(py[k] - lr * c * py[k]);
  }
  const ax: number[] = [];
  const ay: number[] = [];
  for (let i = 0; i < 7; i++)
    for (let j = 0; j < 7; j++) {
      ax.push(-1.8 + 0.6 * i);
      ay.push(-1.8 + 0.6 * j);
    }
  return {
    title,
    xLabel: "w1",
    yLabel: "w2",
    x,
    y,
    z,
    path: { x: px, y: py, loss: px.map((u, i) => L(u, py[i])) },
    arrows: { x: ax, y: ay, u: ax.map((u) => -a * u), v: ay.map((v) => -c * v) },
  };
}

export function twoSlices(steps = 40, grid = 61): LandscapeSlice[] {
  return [
    quadraticSlice("raw inputs (badly scaled)", 1, 20, 0.09, steps, grid),
    quadraticSlice("standardized inputs", 1, 1, 0.3, steps, grid),
  ];
}
