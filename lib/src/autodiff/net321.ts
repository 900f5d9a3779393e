import { JUPYTER_DISPLAY, type MimeBundle } from "../display";
import { Dense } from "../nn/dense";
import { Rng } from "../nn/rng";
import { Sequential, type Batch } from "../nn/sequential";
import { explain, type ChainRule } from "./explain";
import { htmlLabel } from "./latex";
import { dotOwned, input, sumOwned, value, type Value } from "./value";

// The worked example: inputs x1, x2, x3 (units 1–3), two sigmoid hidden units 4 and 5, one sigmoid output 6:
//   p = w14·x1 + w24·x2 + w34·x3 + b4,   r = w15·x1 + w25·x2 + w35·x3 + b5,
//   q = w46·σ(p) + w56·σ(r) + b6,   h = σ(q),   J = ½ Σᵢ (yᵢ − h(xᵢ))².

/** The eleven parameters, by the names of the worked example (wij: from unit i to unit j; bj: unit j's bias). */
export const NET321_PARAMS = ["w14", "w24", "w34", "b4", "w15", "w25", "w35", "b5", "w46", "w56", "b6"] as const;
export type Net321Param = (typeof NET321_PARAMS)[number];
export type Net321Weights = Record<Net321Param, number>;

/** Each parameter's ∂J/∂ as the chain rule writes it by hand (e = h − y). */
export const NET321_FORMULAS: Readonly<Record<Net321Param, string>> = {
  w14: "Σ (h − y)·σ′(q)·w46·σ′(p)·x1",
  w24: "Σ (h − y)·σ′(q)·w46·σ′(p)·x2",
  w34: "Σ (h − y)·σ′(q)·w46·σ′(p)·x3",
  b4: "Σ (h − y)·σ′(q)·w46·σ′(p)",
  w15: "Σ (h − y)·σ′(q)·w56·σ′(r)·x1",
  w25: "Σ (h − y)·σ′(q)·w56·σ′(r)·x2",
  w35: "Σ (h − y)·σ′(q)·w56·σ′(r)·x3",
  b5: "Σ (h − y)·σ′(q)·w56·σ′(r)",
  w46: "Σ (h − y)·σ′(q)·σ(p)",
  w56: "Σ (h − y)·σ′(q)·σ(r)",
  b6: "Σ (h − y)·σ′(q)",
};

/** Weights drawn from N(0, 1) with `seed`, overridden by any given in `given`. */
export function net321Weights(seed = 0, given: Partial<Net321Weights> = {}): Net321Weights {
  const rng = new Rng(seed);
  const w = {} as Net321Weights;
  for (const name of NET321_PARAMS) w[name] = rng.normal();
  for (const [name, v] of Object.entries(given)) {
    if (!(NET321_PARAMS as readonly string[]).includes(name)) {
      throw new Error(`the 3-2-1 network has no parameter "${name}"; its parameters are: ${NET321_PARAMS.join(", ")}`);
    }
    w[name as Net321Param] = v as number;
  }
  return w;
}

/** One sample's named nodes. */
export interface Net321Nodes {
  x1: Value;
  x2: Value;
  x3: Value;
  p: Value;
  r: Value;
  q: Value;
  h: Value;
}

/** The 3-2-1 sigmoid network in scalar autodiff, every parameter a named `Value`. */
export class Net321 {
  readonly params: Readonly<Record<Net321Param, Value>>;

  constructor(weights: Net321Weights) {
    const params = {} as Record<Net321Param, Value>;
    for (const name of NET321_PARAMS) params[name] = value(weights[name], name);
    this.params = params;
  }

  /** The parameters' current values. */
  weights(): Net321Weights {
    const w = {} as Net321Weights;
    for (const name of NET321_PARAMS) w[name] = this.params[name].data;
    return w;
  }

  /** h(x) for one sample, with p, r, q and h named as in the worked example (p, r and q are `dot` nodes). */
  forward(x: ArrayLike<number>): Net321Nodes {
    if (x.length !== 3) throw new Error(`the 3-2-1 network takes 3 inputs per sample, got ${x.length}`);
    const nodes = {} as Net321Nodes;
    this.sample(x[0], x[1], x[2], nodes);
    return nodes;
  }

  /**
   * h for one sample; fills `nodes` when given. NB: loss() passes null, saving an object per sample; each
   * neuron's arguments are one array literal that its dot node keeps (dotOwned), the only array per neuron.
   */
  private sample(v1: number, v2: number, v3: number, nodes: Net321Nodes | null): Value {
    const { w14, w24, w34, b4, w15, w25, w35, b5, w46, w56, b6 } = this.params;
    const x1 = input(v1, "x1"),
      x2 = input(v2, "x2"),
      x3 = input(v3, "x3");
    const p = dotOwned([w14, x1, w24, x2, w34, x3, b4]).named("p"); // w14·x1 + w24·x2 + w34·x3 + b4
    const r = dotOwned([w15, x1, w25, x2, w35, x3, b5]).named("r");
    const q = dotOwned([w46, p.sigmoid(), w56, r.sigmoid(), b6]).named("q");
    const h = q.sigmoid().named("h");
    if (nodes) Object.assign(nodes, { x1, x2, x3, p, r, q, h });
    return h;
  }

  /** J = ½ Σᵢ (yᵢ − h(xᵢ))² over the rows of `data` (x: n×3, y: n×1), as one graph. */
  loss(data: Batch): Value {
    checkData(data);
    const n = data.x.rows;
    const terms: Value[] = new Array(n);
    const x = data.x.data;
    for (let i = 0; i < n; i++) {
      const h = this.sample(x[3 * i], x[3 * i + 1], x[3 * i + 2], null);
      terms[i] = input(data.y.data[i], "y").sub(h).pow(2);
    }
    return sumOwned(terms).mul(0.5).named("J");
  }

  /** Sets every parameter's grad to 0. */
  zeroGrad(): void {
    for (const name of NET321_PARAMS) this.params[name].grad = 0;
  }
}

/** The 3-2-1 network with the given weights, or weights drawn from `seed`. */
export function net321(weights: Partial<Net321Weights> | number = 0): Net321 {
  return new Net321(typeof weights === "number" ? net321Weights(weights) : net321Weights(0, weights));
}

function checkData(data: Batch): void {
  if (data.x.cols !== 3 || data.y.cols !== 1 || data.y.rows !== data.x.rows) {
    throw new Error(
      `the 3-2-1 network needs x n×3 and y n×1, got x ${data.x.rows}×${data.x.cols} and y ${data.y.rows}×${data.y.cols}`,
    );
  }
}

const sig = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** J in plain numbers (no graph): what the finite differences evaluate. */
export function net321Loss(w: Net321Weights, data: Batch): number {
  checkData(data);
  let j = 0;
  for (let i = 0; i < data.x.rows; i++) {
    const [x1, x2, x3] = data.x.data.subarray(3 * i, 3 * i + 3);
    const p = w.w14 * x1 + w.w24 * x2 + w.w34 * x3 + w.b4;
    const r = w.w15 * x1 + w.w25 * x2 + w.w35 * x3 + w.b5;
    const h = sig(w.w46 * sig(p) + w.w56 * sig(r) + w.b6);
    j += (data.y.data[i] - h) ** 2;
  }
  return 0.5 * j;
}

/** Every ∂J/∂w by the hand-derived formulas of `NET321_FORMULAS`, with σ′ = σ·(1 − σ) written out. */
export function net321HandGradient(w: Net321Weights, data: Batch): Net321Weights {
  checkData(data);
  const g = {} as Net321Weights;
  for (const name of NET321_PARAMS) g[name] = 0;
  for (let i = 0; i < data.x.rows; i++) {
    const [x1, x2, x3] = data.x.data.subarray(3 * i, 3 * i + 3);
    const p = w.w14 * x1 + w.w24 * x2 + w.w34 * x3 + w.b4;
    const r = w.w15 * x1 + w.w25 * x2 + w.w35 * x3 + w.b5;
    const sp = sig(p),
      sr = sig(r);
    const q = w.w46 * sp + w.w56 * sr + w.b6;
    const h = sig(q);
    const e = h - data.y.data[i];
    const dq = e * h * (1 - h); // (h − y)·σ′(q)
    const dp = dq * w.w46 * sp * (1 - sp); // … ·w46·σ′(p)
    const dr = dq * w.w56 * sr * (1 - sr); // … ·w56·σ′(r)
    g.w14 += dp * x1;
    g.w24 += dp * x2;
    g.w34 += dp * x3;
    g.b4 += dp;
    g.w15 += dr * x1;
    g.w25 += dr * x2;
    g.w35 += dr * x3;
    g.b5 += dr;
    g.w46 += dq * sp;
    g.w56 += dq * sr;
    g.b6 += dq;
  }
  return g;
}

/** Every ∂J/∂w by central differences (J(w+h) − J(w−h))/2h. */
export function net321FiniteDifferences(w: Net321Weights, data: Batch, h = 1e-6): Net321Weights {
  const g = {} as Net321Weights;
  for (const name of NET321_PARAMS) {
    const up = { ...w, [name]: w[name] + h };
    const down = { ...w, [name]: w[name] - h };
    g[name] = (net321Loss(up, data) - net321Loss(down, data)) / (2 * h);
  }
  return g;
}

/**
 * The same network as a tensor model: mlp 3→2→1, sigmoid everywhere, loss "sse" (½ Σ (y − h)²),
 * layers "hidden" and "output", with the worked example's names as aliases ("w14" is "hidden.W[0,0]").
 */
export function net321Model(weights: Partial<Net321Weights> | number = 0): Sequential {
  const w = typeof weights === "number" ? net321Weights(weights) : net321Weights(0, weights);
  const aliases: Record<string, string> = {
    w14: "hidden.W[0,0]",
    w24: "hidden.W[1,0]",
    w34: "hidden.W[2,0]",
    b4: "hidden.b[0]",
    w15: "hidden.W[0,1]",
    w25: "hidden.W[1,1]",
    w35: "hidden.W[2,1]",
    b5: "hidden.b[1]",
    w46: "output.W[0,0]",
    w56: "output.W[1,0]",
    b6: "output.b[0]",
  };
  const model = new Sequential(
    [
      new Dense(3, 2, { activation: "sigmoid", name: "hidden" }),
      new Dense(2, 1, { activation: "sigmoid", name: "output" }),
    ],
    { loss: "sse", aliases },
  );
  for (const name of NET321_PARAMS) {
    const s = model.scalar(name);
    s.param.data[s.index] = w[name];
  }
  return model;
}

/** ∂J/∂param computed three ways (the chain rule path by path, backprop, central differences) plus the hand formula. */
export interface ThreeWays {
  param: Net321Param;
  samples: number;
  /** The chain rule, path by path (one path per sample through σ(p) for w14): printable as text and LaTeX. */
  chainRule: ChainRule;
  /** The hand-derived formula of `NET321_FORMULAS`, evaluated. */
  formula: number;
  /** `J.backward()`, then `param.grad`. */
  backprop: number;
  /** (J(w+h) − J(w−h))/2h. */
  finiteDifference: number;
  step: number;
  toText(): string;
  /** The four numbers as a table, then the chain rule's (see ChainRule.toHtml). */
  toHtml(): string;
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** ∂J/∂param (default w14) of the 3-2-1 network on `data`, three ways, side by side. */
export function gradientThreeWays(
  net: Net321 | Partial<Net321Weights> | number,
  data: Batch,
  param: Net321Param = "w14",
  step = 1e-6,
): ThreeWays {
  if (!(NET321_PARAMS as readonly string[]).includes(param)) {
    throw new Error(`the 3-2-1 network has no parameter "${param}"; its parameters are: ${NET321_PARAMS.join(", ")}`);
  }
  const n = net instanceof Net321 ? net : net321(net);
  const J = n.loss(data);
  n.zeroGrad();
  J.zeroGrad();
  J.backward();
  const w = n.weights();
  const result: ThreeWays = {
    param,
    samples: data.x.rows,
    chainRule: explain(J, n.params[param]),
    formula: net321HandGradient(w, data)[param],
    backprop: n.params[param].grad,
    finiteDifference:
      (net321Loss({ ...w, [param]: w[param] + step }, data) - net321Loss({ ...w, [param]: w[param] - step }, data)) /
      (2 * step),
    step,
    toText() {
      const rows = [
        [`chain rule, Σ over ${this.chainRule.paths.length} paths`, this.chainRule.sum],
        [`formula ${NET321_FORMULAS[param]}`, this.formula],
        ["backprop, J.backward()", this.backprop],
        [`central difference, h = ${step.toExponential()}`, this.finiteDifference],
      ] as const;
      const width = Math.max(...rows.map((r) => r[0].length));
      return [
        `∂J/∂${param} of the 3-2-1 network on ${this.samples} sample${this.samples === 1 ? "" : "s"}:`,
        ...rows.map(([what, v]) => `  ${what.padEnd(width)}  ${v}`),
      ].join("\n");
    },
    toHtml() {
      const rows = [
        [`chain rule, Σ over ${this.chainRule.paths.length} paths`, this.chainRule.sum],
        [`formula ${htmlLabel(NET321_FORMULAS[param])}`, this.formula],
        ["backprop, J.backward()", this.backprop],
        [`central difference, h = ${step.toExponential()}`, this.finiteDifference],
      ] as const;
      return [
        `<div class="actigrad-three-ways">`,
        `<p><b>∂J/∂${htmlLabel(param)}</b> of the 3-2-1 network on ${this.samples} sample${this.samples === 1 ? "" : "s"}, three ways:</p>`,
        `<table>\n<tbody>\n${rows.map(([what, v]) => `<tr><th>${what}</th><td>${String(v).replace(/^-/, "−")}</td></tr>`).join("\n")}\n</tbody>\n</table>`,
        this.chainRule.toHtml(),
        `</div>`,
      ].join("\n");
    },
    // NB: text/html for JupyterLab and the HTML export (readable without MathJax); text/latex for LaTeX/PDF (see ChainRule).
    [JUPYTER_DISPLAY]() {
      return {
        "text/plain": `${this.toText()}\n\n${this.chainRule.toText()}`,
        "text/html": this.toHtml(),
        "text/latex": `$$${this.chainRule.toLatex()}$$`,
      };
    },
  };
  return result;
}
