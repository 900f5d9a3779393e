import type { Activation } from "../activation";
import { activation } from "../activations";
import type { ActivationLike } from "../nn/activate";

// Operation codes. NB: plain numbers, not a const enum, so per-file transpilers (vitest, tslab) inline nothing wrong.
export const LEAF = 0, ADD = 1, SUB = 2, MUL = 3, DIV = 4, POW = 5, EXP = 6, LOG = 7, ACT = 8, NEG = 9, SUM = 10;

/** What a leaf stands for in explanations and graph exports. */
export type ValueRole = "param" | "input" | "const";

let serial = 0;
let epoch = 0;

/**
 * A scalar in a computational graph, micrograd-shaped: `data`, `grad`, and the operation that made it.
 * `loss.backward()` fills every `grad` with ∂loss/∂node, in reverse topological order.
 * NB: a node stores its operation code and arguments, not a closure; `backward` runs one switch over
 * the derivatives table below, which is what keeps it within a few × of the tensor code.
 */
export class Value {
  /** The forward value. */
  data: number;
  /** ∂root/∂this after `root.backward()`; accumulates across calls, like micrograd and PyTorch (see `zeroGrad`). */
  grad = 0;
  /** Operation code (LEAF for leaves). */
  op = LEAF;
  /** First and second argument (null where unused). */
  a: Value | null = null;
  b: Value | null = null;
  /** Arguments of an n-ary sum. */
  args: Value[] | null = null;
  /** The constant exponent of `pow`. */
  k = 0;
  /** The activation of an ACT node. */
  act: Activation | null = null;
  /** What a leaf stands for. */
  role: ValueRole;
  /** A unique, increasing serial number: arguments are always older than their results. */
  readonly id = serial++;
  /** The name given with `named` (or the constructor), or null. */
  name: string | null;
  /** The memoized expression label. */
  private auto: string | null = null;
  /** DFS visit stamp. */
  mark = 0;

  /** A leaf: a parameter unless `role` says otherwise. */
  constructor(data: number, label?: string, role: ValueRole = "param") {
    this.data = data;
    this.name = label ?? null;
    this.role = role;
  }

  /** Names this node (e.g. "p"), for explanations and graph exports; returns it. */
  named(label: string): this {
    this.name = label;
    this.auto = null;
    return this;
  }

  /** Its name, or an expression built from its arguments' labels, e.g. "w14·x1" or "σ(p)". */
  get label(): string {
    if (this.name !== null) return this.name;
    if (this.auto === null) this.auto = expression(this);
    return this.auto;
  }

  add(other: Value | number): Value {
    return binary(ADD, this, other, this.data + num(other));
  }
  sub(other: Value | number): Value {
    return binary(SUB, this, other, this.data - num(other));
  }
  mul(other: Value | number): Value {
    return binary(MUL, this, other, this.data * num(other));
  }
  div(other: Value | number): Value {
    return binary(DIV, this, other, this.data / num(other));
  }
  /** this^k for a constant k. */
  pow(k: number): Value {
    const out = unary(POW, this, Math.pow(this.data, k));
    out.k = k;
    return out;
  }
  exp(): Value {
    return unary(EXP, this, Math.exp(this.data));
  }
  log(): Value {
    return unary(LOG, this, Math.log(this.data));
  }
  neg(): Value {
    return unary(NEG, this, -this.data);
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
   * Fills `grad` of every node below this one with ∂this/∂node. Like PyTorch, leaves accumulate across
   * calls (see `zeroGrad`) while intermediate nodes get this call's gradient only.
   */
  backward(): void {
    const topo = topoSort(this);
    for (let t = 0; t < topo.length; t++) if (topo[t].op !== LEAF) topo[t].grad = 0;
    this.grad = 1;
    for (let t = topo.length - 1; t >= 0; t--) {
      const v = topo[t];
      const g = v.grad;
      const op = v.op;
      if (op === LEAF) continue;
      if (op === SUM) {
        const args = v.args!;
        for (let i = 0; i < args.length; i++) args[i].grad += g;
        continue;
      }
      v.a!.grad += localDerivative(v, 0) * g;
      if (v.b !== null) v.b.grad += localDerivative(v, 1) * g;
    }
  }

  /** Sets `grad` to 0 on this node and everything below it. */
  zeroGrad(): void {
    for (const v of topoSort(this)) v.grad = 0;
  }

  toString(): string {
    return `Value(${this.label} = ${this.data}, grad ${this.grad})`;
  }
}


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
  if (values.length === 0) throw new Error("sum needs at least one value");
  const args = values.map(wrap);
  let s = 0;
  for (const v of args) s += v.data;
  const out = new Value(s, undefined, "param");
  out.op = SUM;
  out.args = args;
  return out;
}

const cache = new Map<string, Activation>();

/** f(a) through the catalog's f and f′: one generic operation for every activation. */
export function activate(a: Value, spec: ActivationLike): Value {
  let act: Activation;
  if (typeof spec === "string") {
    act = cache.get(spec) ?? activation(spec);
    cache.set(spec, act);
  } else if (typeof (spec as Activation).df === "function") {
    act = spec as Activation;
  } else {
    act = activation(spec.id, (spec as { params?: Readonly<Record<string, number>> }).params);
  }
  const out = unary(ACT, a, act.f(a.data));
  out.act = act;
  return out;
}

/**
 * The derivatives table, in numbers: ∂out/∂(argument i). One case per operation, written in terms of
 * the arguments or the result, like PyTorch's derivatives.yaml.
 */
export function localDerivative(v: Value, i: number): number {
  switch (v.op) {
    case ADD:
    case SUM:
      return 1;
    case SUB:
      return i === 0 ? 1 : -1;
    case MUL:
      return i === 0 ? v.b!.data : v.a!.data;
    case DIV: // ∂(a/b)/∂a = 1/b; ∂(a/b)/∂b = −a/b² = −out/b
      return i === 0 ? 1 / v.b!.data : -v.data / v.b!.data;
    case POW: // ∂a^k/∂a = k·a^(k−1)
      return v.k * Math.pow(v.a!.data, v.k - 1);
    case EXP: // ∂e^a/∂a = e^a = out
      return v.data;
    case LOG:
      return 1 / v.a!.data;
    case ACT: // the catalog's closed-form f′, with its kink conventions
      return v.act!.df(v.a!.data);
    case NEG:
      return -1;
    default:
      return 0;
  }
}

/** The derivatives table, in symbols: the label of ∂out/∂(argument i), e.g. "σ′(q)" or "w46". */
export function localLabel(v: Value, i: number): string {
  const a = v.a;
  switch (v.op) {
    case ADD:
    case SUM:
      return "1";
    case SUB:
      return i === 0 ? "1" : "−1";
    case MUL:
      return i === 0 ? v.b!.label : a!.label;
    case DIV:
      return i === 0 ? `1/${wrapLabel(v.b!, 4)}` : `−${wrapLabel(a!, 2)}/${wrapLabel(v.b!, 4)}²`;
    case POW:
      return v.k === 2 ? `2·${wrapLabel(a!, 2)}` : `${fmt(v.k)}·${powLabel(a!, v.k - 1)}`;
    case EXP:
      return `exp(${a!.label})`;
    case LOG:
      return `1/${wrapLabel(a!, 4)}`;
    case ACT:
      return `${symbol(v.act!)}′(${a!.label})`;
    case NEG:
      return "−1";
    default:
      return "0";
  }
}

/** How many arguments a node has. */
export function arity(v: Value): number {
  if (v.args) return v.args.length;
  return v.a === null ? 0 : v.b === null ? 1 : 2;
}

/** Argument i of a node. */
export function argument(v: Value, i: number): Value {
  return v.args ? v.args[i] : i === 0 ? v.a! : v.b!;
}

/** The operation's short name: "+", "−", "×", "÷", "^2", "exp", "log", "neg", or the activation id; "" for leaves. */
export function opName(v: Value): string {
  switch (v.op) {
    case ADD:
    case SUM:
      return "+";
    case SUB:
      return "−";
    case MUL:
      return "×";
    case DIV:
      return "÷";
    case POW:
      return `^${fmt(v.k)}`;
    case EXP:
      return "exp";
    case LOG:
      return "log";
    case ACT:
      return v.act!.id;
    case NEG:
      return "neg";
    default:
      return "";
  }
}

/** Every node the root depends on, arguments before results (iterative DFS, so deep graphs do not overflow the stack). */
export function topoSort(root: Value): Value[] {
  const stamp = ++epoch;
  const order: Value[] = [];
  const stack: Value[] = [root];
  const next: number[] = [0];
  root.mark = stamp;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const v = stack[top];
    const i = next[top];
    if (i < arity(v)) {
      next[top] = i + 1;
      const c = argument(v, i);
      if (c.mark !== stamp) {
        c.mark = stamp;
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

/** ∂root/∂node for every node, without touching any `grad` (a private reverse sweep). */
export function adjoints(root: Value, topo: readonly Value[] = topoSort(root)): Map<Value, number> {
  const adj = new Map<Value, number>();
  for (const v of topo) adj.set(v, 0);
  adj.set(root, 1);
  for (let t = topo.length - 1; t >= 0; t--) {
    const v = topo[t];
    const g = adj.get(v)!;
    for (let i = 0; i < arity(v); i++) {
      const c = argument(v, i);
      adj.set(c, adj.get(c)! + localDerivative(v, i) * g);
    }
  }
  return adj;
}

function num(x: Value | number): number {
  return typeof x === "number" ? x : x.data;
}

function wrap(x: Value | number): Value {
  return typeof x === "number" ? new Value(x, undefined, "const") : x;
}

function binary(op: number, a: Value, b: Value | number, data: number): Value {
  const out = new Value(data, undefined, "param");
  out.op = op;
  out.a = a;
  out.b = wrap(b);
  return out;
}

function unary(op: number, a: Value, data: number): Value {
  const out = new Value(data, undefined, "param");
  out.op = op;
  out.a = a;
  return out;
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

const SUPERSCRIPT: Record<string, string> = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "−": "⁻" };

function powLabel(a: Value, k: number): string {
  if (k === 1) return a.label;
  const base = wrapLabel(a, 4);
  const s = fmt(k);
  return /^−?\d+$/.test(s) ? base + [...s].map((c) => SUPERSCRIPT[c]).join("") : `${base}^${s}`;
}

/** Binding strength of a node's label: sums 1, products 2, negation 3, powers 4, atoms 5. */
function precedence(v: Value): number {
  if (v.name !== null && !/[ +·/−]/.test(v.name)) return 5;
  switch (v.op) {
    case ADD:
    case SUB:
    case SUM:
      return 1;
    case MUL:
    case DIV:
      return 2;
    case NEG:
      return 3;
    case POW:
      return 4;
    case LEAF:
      return v.data < 0 && v.role === "const" ? 3 : 5;
    default:
      return 5;
  }
}

function wrapLabel(v: Value, min: number): string {
  return precedence(v) < min ? `(${v.label})` : v.label;
}

/** Past this length an unnamed node is labelled by its serial, "v123": name it to read better. */
const MAX_LABEL = 28;

function expression(v: Value): string {
  const a = v.a;
  let s: string;
  switch (v.op) {
    case LEAF:
      return v.role === "const" ? fmt(v.data) : `v${v.id}`;
    case ADD:
      s = `${a!.label} + ${v.b!.label}`;
      break;
    case SUB:
      s = `${a!.label} − ${wrapLabel(v.b!, 2)}`;
      break;
    case MUL:
      s = `${wrapLabel(a!, 2)}·${wrapLabel(v.b!, 2)}`;
      break;
    case DIV:
      s = `${wrapLabel(a!, 2)}/${wrapLabel(v.b!, 3)}`;
      break;
    case POW:
      s = powLabel(a!, v.k);
      break;
    case EXP:
      s = `exp(${a!.label})`;
      break;
    case LOG:
      s = `log(${a!.label})`;
      break;
    case ACT:
      s = `${symbol(v.act!)}(${a!.label})`;
      break;
    case NEG:
      s = `−${wrapLabel(a!, 3)}`;
      break;
    case SUM: {
      const labels = v.args!.map((x) => x.label);
      // NB: a sum over samples of one expression reads best as Σ of it.
      s = labels.length > 2 && labels.every((l) => l === labels[0]) ? `Σ${wrapLabel(v.args![0], 4)}` : labels.join(" + ");
      break;
    }
    default:
      s = "?";
  }
  return s.length > MAX_LABEL ? `v${v.id}` : s;
}
