// Scalar reverse-mode autodiff in micrograd's shape: a Value is a number in a graph — its data, its grad, the
// operation that made it and that operation's arguments. Each operation is one row of OPS below, in the shape of
// PyTorch's derivatives.yaml: its local derivatives ∂out/∂argᵢ as numbers and as symbols, and how it reads.
// backward, explain and the graph export all read that one table.
import type { Activation, Params } from "../activation";
import { activation, type ActivationLike } from "../catalog/lookup";

/** What a node stands for in explanations and graph exports: a leaf kind, or "op". */
export type ValueRole = "param" | "input" | "const" | "op";

/** A node's label as an argument: parenthesised when it binds less tightly than `min` (see `Op.precedence`). */
type Labeller = (x: Value, min?: number) => string;

/** One row of the derivatives table. */
export interface Op {
  readonly id: "add" | "sub" | "mul" | "div" | "pow" | "exp" | "log" | "neg" | "act" | "sum" | "dot";
  /** ∂out/∂args[i], in terms of the arguments and the result `v.data`. */
  readonly d: (v: Value, i: number) => number;
  /** The same in symbols, e.g. "σ′(q)" or "w46". */
  readonly dLabel: (v: Value, i: number, l: Labeller) => string;
  /**
   * args[i].grad += d(v, i)·g for every i: the chain rule's step at this node, micrograd's `_backward`.
   * NB: `d` written out again, because a call V8 cannot inline returns its number boxed, on the heap: backward
   * through `d` measured twice as slow on the 3-2-1 net. A unit test holds the two to each other.
   */
  readonly backward: (v: Value, g: number) => void;
  /** Its label from its arguments' labels, e.g. "w14·x1". */
  readonly show: (v: Value, l: Labeller) => string;
  /** How tightly that label binds: sums 1, products 2, negation 3, powers 4, function calls 5. */
  readonly precedence: number;
  /** The short name in graph exports: "+", "×", "exp", the activation's id, … */
  readonly name: (v: Value) => string;
}

/** A constant exponent (pow) or an activation (act): what an operation needs besides its arguments. */
type Extra = number | ActivationOp | null;

/**
 * An activation as nodes call it. NB: for activations from `activation(id)` these are the row's own f and df
 * with its params, which V8 inlines; the bound `act.f` closures it does not, and their results would be boxed.
 */
export interface ActivationOp {
  readonly act: Activation;
  readonly f: (x: number, p: Params) => number;
  readonly df: (x: number, p: Params) => number;
  readonly params: Params;
}

/** The arguments of every leaf. NB: not frozen, so that all argument lists share one array kind. */
const EMPTY: readonly Value[] = [];

/**
 * A scalar in a computational graph. `loss.backward()` fills every `grad` below it with ∂loss/∂node.
 * @example const w = value(2, "w"), x = input(3, "x"); const y = w.mul(x).sigmoid(); y.backward(); w.grad
 */
export class Value {
  /** The forward value. */
  declare data: number;
  /** ∂root/∂this after `root.backward()`; leaves accumulate across calls, like PyTorch (see `zeroGrad`). */
  declare grad: number;
  /** "param", "input" or "const" for leaves, "op" for results of operations. */
  declare role: ValueRole;
  /** The operation that made this node (a row of OPS), or null for a leaf. */
  declare op: Op | null;
  /** The operation's arguments, in order (empty for leaves). */
  declare args: readonly Value[];
  /** pow's exponent or the activation; see `k` and `act`. */
  declare extra: Extra;
  /** The name given with `named` (or the constructor), or null. */
  declare name: string | null;
  /** Where this node sits on the tape, valid while `tape[pos] === this` (see `record`). */
  declare pos: number;

  /** A leaf: a parameter unless `role` says otherwise. NB: every field is set here, in one order: one shape. */
  constructor(data: number, label?: string, role: ValueRole = "param") {
    this.data = data;
    this.grad = 0;
    this.role = role;
    this.op = null;
    this.args = EMPTY;
    this.extra = null;
    this.name = label ?? null;
    this.pos = -1;
  }

  /** The activation of an activation node, else null. */
  get act(): Activation | null {
    return this.op === OPS.act ? (this.extra as ActivationOp).act : null;
  }

  /** The constant exponent of a pow node, else NaN. */
  get k(): number {
    return this.op === OPS.pow ? (this.extra as number) : NaN;
  }

  /** Names this node (e.g. "p"), for explanations and graph exports; returns it. */
  named(label: string): this {
    this.name = label;
    return this;
  }

  /** Its name, or an expression built from its arguments' labels, e.g. "w14·x1" or "σ(p)". */
  get label(): string {
    return labelOf(this, 0);
  }

  add(other: Value | number): Value {
    return node(OPS.add, [this, wrap(other)], this.data + num(other));
  }
  sub(other: Value | number): Value {
    return node(OPS.sub, [this, wrap(other)], this.data - num(other));
  }
  mul(other: Value | number): Value {
    return node(OPS.mul, [this, wrap(other)], this.data * num(other));
  }
  div(other: Value | number): Value {
    return node(OPS.div, [this, wrap(other)], this.data / num(other));
  }
  /** this^k for a constant k. */
  pow(k: number): Value {
    return node(OPS.pow, [this], Math.pow(this.data, k), k);
  }
  exp(): Value {
    return node(OPS.exp, [this], Math.exp(this.data));
  }
  log(): Value {
    return node(OPS.log, [this], Math.log(this.data));
  }
  neg(): Value {
    return node(OPS.neg, [this], -this.data);
  }
  /** f(this) for any catalog activation: an id, `{ id, params }`, or a bound Activation. */
  activate(spec: ActivationLike): Value {
    return activate(this, spec);
  }
  sigmoid(): Value {
    return activate(this, "sigmoid");
  }
  tanh(): Value {
    return activate(this, "tanh");
  }
  relu(): Value {
    return activate(this, "relu");
  }

  /**
   * Fills `grad` of every node below this one with ∂this/∂node: the chain rule, node by node in reverse
   * topological order (`order`). Like PyTorch, leaves accumulate across calls (see `zeroGrad`); intermediate nodes
   * get this call's gradient only.
   * NB: a node whose gradient is exactly 0 passes nothing, so 0·∞ never becomes NaN (PyTorch would give NaN).
   */
  backward(): void {
    const { nodes, end } = order(this);
    for (let t = 0; t <= end; t++) if (nodes[t]!.op !== null) nodes[t]!.grad = 0;
    this.grad = 1;
    for (let t = end; t >= 0; t--) {
      const v = nodes[t]!,
        op = v.op,
        g = v.grad;
      if (op === null || g === 0) continue;
      op.backward(v, g);
    }
    if (nodes === tape) clearTape(end);
  }

  /** Sets `grad` to 0 on this node and everything below it. */
  zeroGrad(): void {
    for (const v of topoSort(this)) v.grad = 0;
  }

  toString(): string {
    return `Value(${this.label} = ${this.data}, grad ${this.grad})`;
  }
}

/**
 * The derivatives table. NB: declared, then exported (below), so that the CommonJS build reads it as a local
 * constant, not as an `exports.OPS` property load at every node made.
 */
const OPS = {
  add: {
    id: "add",
    precedence: 1,
    name: () => "+",
    show: (v, l) => `${l(v.args[0])} + ${l(v.args[1])}`,
    d: () => 1,
    dLabel: () => "1",
    backward: (v, g) => ((v.args[0].grad += g), (v.args[1].grad += g)),
  },
  sub: {
    id: "sub",
    precedence: 1,
    name: () => "−",
    show: (v, l) => `${l(v.args[0])} − ${l(v.args[1], 2)}`,
    d: (_, i) => (i === 0 ? 1 : -1),
    dLabel: (_, i) => (i === 0 ? "1" : "−1"),
    backward: (v, g) => ((v.args[0].grad += g), (v.args[1].grad -= g)),
  },
  mul: {
    id: "mul",
    precedence: 2,
    name: () => "×",
    show: (v, l) => `${l(v.args[0], 2)}·${l(v.args[1], 2)}`,
    d: (v, i) => v.args[1 - i].data, // ∂(ab)/∂a = b, ∂(ab)/∂b = a
    dLabel: (v, i, l) => l(v.args[1 - i]),
    backward: (v, g) => ((v.args[0].grad += v.args[1].data * g), (v.args[1].grad += v.args[0].data * g)),
  },
  div: {
    id: "div",
    precedence: 2,
    name: () => "÷",
    show: (v, l) => `${l(v.args[0], 2)}/${l(v.args[1], 3)}`,
    d: (v, i) => (i === 0 ? 1 / v.args[1].data : -v.data / v.args[1].data), // ∂(a/b)/∂b = −a/b² = −out/b
    dLabel: (v, i, l) => (i === 0 ? `1/${l(v.args[1], 4)}` : `−${l(v.args[0], 2)}/${l(v.args[1], 4)}²`),
    backward: (v, g) => {
      const a = v.args[0],
        b = v.args[1];
      a.grad += g / b.data;
      b.grad += (-v.data / b.data) * g;
    },
  },
  pow: {
    id: "pow",
    precedence: 4,
    name: (v) => `^${fmt(v.k)}`,
    show: (v, l) => power(v.args[0], v.k, l),
    d: (v) => v.k * Math.pow(v.args[0].data, v.k - 1), // ∂aᵏ/∂a = k·aᵏ⁻¹
    dLabel: (v, _, l) => (v.k === 2 ? `2·${l(v.args[0], 2)}` : `${fmt(v.k)}·${power(v.args[0], v.k - 1, l)}`),
    backward: (v, g) => {
      const a = v.args[0],
        k = v.extra as number;
      a.grad += k * Math.pow(a.data, k - 1) * g;
    },
  },
  exp: {
    id: "exp",
    precedence: 5,
    name: () => "exp",
    show: (v, l) => `exp(${l(v.args[0])})`,
    d: (v) => v.data, // ∂eᵃ/∂a = eᵃ = out
    dLabel: (v, _, l) => `exp(${l(v.args[0])})`,
    backward: (v, g) => void (v.args[0].grad += v.data * g),
  },
  log: {
    id: "log",
    precedence: 5,
    name: () => "log",
    show: (v, l) => `log(${l(v.args[0])})`,
    d: (v) => 1 / v.args[0].data,
    dLabel: (v, _, l) => `1/${l(v.args[0], 4)}`,
    backward: (v, g) => void (v.args[0].grad += g / v.args[0].data),
  },
  neg: {
    id: "neg",
    precedence: 3,
    name: () => "neg",
    show: (v, l) => `−${l(v.args[0], 3)}`,
    d: () => -1,
    dLabel: () => "−1",
    backward: (v, g) => void (v.args[0].grad -= g),
  },
  act: {
    id: "act",
    precedence: 5,
    name: (v) => v.act!.id,
    show: (v, l) => `${symbol(v.act!)}(${l(v.args[0])})`,
    d: (v) => {
      const a = v.extra as ActivationOp; // the catalog's closed-form f′, with its kink conventions
      return a.df(v.args[0].data, a.params);
    },
    dLabel: (v, _, l) => `${symbol(v.act!)}′(${l(v.args[0])})`,
    backward: (v, g) => {
      const a = v.extra as ActivationOp,
        x = v.args[0];
      x.grad += a.df(x.data, a.params) * g;
    },
  },
  sum: {
    id: "sum",
    precedence: 1,
    name: () => "+",
    // NB: a sum over samples of one expression reads best as Σ of it
    show: (v, l) => {
      const labels = v.args.map((a) => l(a));
      return labels.length > 2 && labels.every((s) => s === labels[0]) ? `Σ${l(v.args[0], 4)}` : labels.join(" + ");
    },
    d: () => 1,
    dLabel: () => "1",
    backward: (v, g) => {
      for (let i = 0; i < v.args.length; i++) v.args[i].grad += g;
    },
  },
  // w1·x1 + w2·x2 + … [+ b] as one node, its arguments w1, x1, w2, x2, …[, b]: ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ, ∂/∂b = 1
  dot: {
    id: "dot",
    precedence: 1,
    name: () => "dot",
    show: (v, l) => {
      const terms: string[] = [];
      for (let i = 0; i + 1 < v.args.length; i += 2) terms.push(`${l(v.args[i], 2)}·${l(v.args[i + 1], 2)}`);
      if (v.args.length & 1) terms.push(l(v.args[v.args.length - 1]));
      return terms.join(" + ");
    },
    d: (v, i) => (isBias(v, i) ? 1 : v.args[i ^ 1].data),
    dLabel: (v, i, l) => (isBias(v, i) ? "1" : l(v.args[i ^ 1])),
    backward: (v, g) => {
      const args = v.args,
        n = args.length & ~1;
      for (let i = 0; i < n; i += 2) {
        const w = args[i],
          x = args[i + 1];
        w.grad += x.data * g;
        x.grad += w.data * g;
      }
      if (n < args.length) args[n].grad += g;
    },
  },
} satisfies Record<string, Op>;
export { OPS };

const isBias = (v: Value, i: number) => (v.args.length & 1) === 1 && i === v.args.length - 1;

/** A parameter leaf (it gets a gradient and is explained in graph exports). */
export function value(data: number, label?: string): Value {
  return new Value(data, label, "param");
}

/** A data leaf, e.g. an input x1 or a target y. */
export function input(data: number, label?: string): Value {
  return new Value(data, label, "input");
}

/** The n-ary sum a + b + c + …, one node whose local derivatives are all 1. */
export function sum(values: readonly (Value | number)[]): Value {
  return sumOwned(values.map(wrap));
}

/** `sum` that keeps `values` as its argument list (no copy): for builders that never touch the array again. */
export function sumOwned(values: Value[]): Value {
  if (values.length === 0) throw new Error("sum needs at least one value");
  let s = 0;
  for (const v of values) s += v.data;
  return node(OPS.sum, values, s);
}

/**
 * w·x + b = Σᵢ wᵢ·xᵢ (+ b) as one node — a neuron's pre-activation, like p = w14·x1 + w24·x2 + w34·x3 + b4, so a
 * chain-rule path reads w14 → p with the factor x1. NB: one node instead of 2n, which keeps scalar networks near
 * the tensor code.
 */
export function dot(w: readonly (Value | number)[], x: readonly (Value | number)[], b?: Value | number): Value {
  if (w.length !== x.length) throw new Error(`dot needs as many weights as inputs, got ${w.length} and ${x.length}`);
  const args = w.flatMap((wi, i) => [wrap(wi), wrap(x[i])]);
  if (b !== undefined) args.push(wrap(b));
  return dotOwned(args);
}

/** `dot` over its arguments as the node keeps them, w1, x1, w2, x2, …[, b], without a copy. */
export function dotOwned(args: Value[]): Value {
  let s = 0;
  for (let i = 0; i + 1 < args.length; i += 2) s += args[i].data * args[i + 1].data;
  if (args.length & 1) s += args[args.length - 1].data;
  return node(OPS.dot, args, s);
}

const catalogOps = new Map<string, ActivationOp>();
const givenOps = new WeakMap<Activation, ActivationOp>();

/** f(a) through the catalog's f and f′: one generic operation for every activation. */
export function activate(a: Value, spec: ActivationLike): Value {
  const op = activationOp(spec);
  return node(OPS.act, [a], op.f(a.data, op.params), op);
}

let last: ActivationOp | null = null;

function activationOp(spec: ActivationLike): ActivationOp {
  if (typeof spec === "string") {
    if (last !== null && last.act.id === spec) return last; // NB: a network's units mostly repeat one activation
    const cached = catalogOps.get(spec);
    if (cached) return (last = cached);
    const act = activation(spec);
    const op = { act, f: act.entry.f, df: act.entry.df, params: act.params };
    // NB: built-ins only: defineActivation may replace a user-defined id, and undefineActivation remove it
    if (!act.entry.userDefined) catalogOps.set(spec, op);
    return op;
  }
  if (typeof (spec as Activation).df === "function") {
    // any object with f and df, called as given
    const act = spec as Activation;
    let op = givenOps.get(act);
    if (!op) givenOps.set(act, (op = { act, f: (x) => act.f(x), df: (x) => act.df(x), params: act.params }));
    return op;
  }
  const act = activation(spec.id, (spec as { params?: Params }).params);
  return { act, f: act.entry.f, df: act.entry.df, params: act.params };
}

function node(op: Op, args: readonly Value[], data: number, extra: Extra = null): Value {
  const out = new Value(data, undefined, "op");
  out.op = op;
  out.args = args;
  out.extra = extra;
  let onTape = true;
  for (let i = 0; i < args.length; i++) if (!taped(args[i])) onTape = false;
  if (onTape) record(out);
  return out;
}

function num(x: Value | number): number {
  return typeof x === "number" ? x : x.data;
}

function wrap(x: Value | number): Value {
  return typeof x === "number" ? new Value(x, undefined, "const") : x;
}

// --- the order of backward's sweep ---------------------------------------------------------------------------

/**
 * The tape: operation nodes in creation order, which is a topological order. NB: it exists for speed: backward on
 * a node whose whole graph is on the tape sweeps it back from that node, with no graph search (on the 3-2-1 net
 * over 1000 samples a search doubles backward's time). A node goes on the tape only if its arguments are on it,
 * so a graph reaching back past the tape's last clear is searched instead (topoSort); the cap bounds what the tape
 * keeps alive.
 */
const TAPE_CAP = 1 << 15;
/** Fixed capacity; entries past `tapeLength` are null, so a stale `pos` never matches. */
const tape: (Value | null)[] = new Array(TAPE_CAP).fill(null);
let tapeLength = 0;

/** Whether `v` is a leaf or an operation on the current tape. */
function taped(v: Value): boolean {
  return v.op === null || (v.pos >= 0 && tape[v.pos] === v);
}

function record(v: Value): void {
  if (tapeLength === TAPE_CAP)
    clearTape(TAPE_CAP - 1); // NB: v stays off the fresh tape, and so does all built on v
  else tape[(v.pos = tapeLength++)] = v;
}

function clearTape(end: number): void {
  tape.fill(null, 0, Math.max(end + 1, tapeLength));
  tapeLength = 0;
}

/** backward's order: nodes[0..end], arguments before results, the root at `end`: the tape, or a graph search. */
function order(root: Value): { nodes: readonly (Value | null)[]; end: number } {
  if (root.pos >= 0 && tape[root.pos] === root) return { nodes: tape, end: root.pos };
  const nodes = topoSort(root);
  return { nodes, end: nodes.length - 1 };
}

/** Every node the root depends on, leaves included, arguments before results (iterative post-order DFS). */
export function topoSort(root: Value): Value[] {
  const seen = new Set<Value>([root]);
  const order: Value[] = [];
  const stack: Value[] = [root];
  const next: number[] = [0];
  while (stack.length > 0) {
    const top = stack.length - 1;
    const v = stack[top];
    const i = next[top]++;
    if (i < v.args.length) {
      const c = v.args[i];
      if (!seen.has(c)) {
        seen.add(c);
        stack.push(c);
        next.push(0);
      }
    } else {
      stack.pop();
      next.pop();
      order.push(v);
    }
  }
  return order;
}

/** ∂root/∂node for every node, without touching any `grad`: backward's sweep into a Map. */
export function adjoints(root: Value, topo: readonly Value[] = topoSort(root)): Map<Value, number> {
  const adj = new Map<Value, number>();
  for (const v of topo) adj.set(v, 0);
  adj.set(root, 1);
  for (let t = topo.length - 1; t >= 0; t--) {
    const v = topo[t];
    const g = adj.get(v)!;
    v.args.forEach((c, i) => adj.set(c, adj.get(c)! + v.op!.d(v, i) * g));
  }
  return adj;
}

/** ∂out/∂(argument i) of a node, from the table. */
export function localDerivative(v: Value, i: number): number {
  return v.op === null ? 0 : v.op.d(v, i);
}

/** The label of ∂out/∂(argument i), e.g. "σ′(q)" or "w46". */
export function localLabel(v: Value, i: number): string {
  return v.op === null ? "0" : v.op.dLabel(v, i, (x, min = 0) => wrapLabel(x, min, 0));
}

/** How many arguments a node has. */
export function arity(v: Value): number {
  return v.args.length;
}

/** Argument i of a node. */
export function argument(v: Value, i: number): Value {
  return v.args[i];
}

/** The operation's short name: "+", "−", "×", "÷", "^2", "exp", "log", "neg", or the activation id; "" for leaves. */
export function opName(v: Value): string {
  return v.op === null ? "" : v.op.name(v);
}

// --- labels -----------------------------------------------------------------------------------------------------

const serials = new WeakMap<Value, number>();
let serial = 0;

/** A serial number for labels and graph ids, given on first request. */
export function serialOf(v: Value): number {
  let s = serials.get(v);
  if (s === undefined) serials.set(v, (s = serial++));
  return s;
}

/** The symbol an activation goes by in labels: σ for the sigmoid, its id otherwise. */
export function symbol(act: Activation): string {
  return act.id === "sigmoid" ? "σ" : act.id;
}

/** A number as a label: integers as is, others to 4 significant digits. */
export function fmt(x: number): string {
  if (Number.isInteger(x)) return x < 0 ? `−${-x}` : String(x);
  return String(Number(x.toPrecision(4))).replace("-", "−");
}

const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "−": "⁻",
};

/** aᵏ as a label: "x²", "(a + b)³", "x^0.5". */
function power(a: Value, k: number, l: Labeller): string {
  if (k === 1) return l(a);
  const s = fmt(k);
  return /^−?\d+$/.test(s) ? l(a, 4) + [...s].map((c) => SUPERSCRIPT[c]).join("") : `${l(a, 4)}^${s}`;
}

/** Unnamed operations nested deeper than this are labelled by serial, which keeps labels short and recursion shallow. */
const MAX_DEPTH = 6;
/** Past this length an unnamed node is labelled by its serial, "v123": name it to read better. */
const MAX_LABEL = 28;

function labelOf(v: Value, depth: number): string {
  if (v.name !== null) return v.name;
  if (v.op === null) return v.role === "const" ? fmt(v.data) : `v${serialOf(v)}`;
  if (depth > MAX_DEPTH) return `v${serialOf(v)}`;
  const s = v.op.show(v, (x, min = 0) => wrapLabel(x, min, depth + 1));
  return s.length > MAX_LABEL ? `v${serialOf(v)}` : s;
}

function precedence(v: Value): number {
  if (v.name !== null && !/[ +·/−]/.test(v.name)) return 5;
  if (v.op !== null) return v.op.precedence;
  return v.role === "const" && v.data < 0 ? 3 : 5;
}

function wrapLabel(v: Value, min: number, depth: number): string {
  const l = labelOf(v, depth);
  return precedence(v) < min ? `(${l})` : l;
}
