import type { Activation, Params } from "../activation";
import { activation, type ActivationLike } from "../catalog/lookup";

// Operation codes; the three leaf kinds come first. NB: plain numbers, not a const enum, so per-file
// transpilers (vitest, tslab) see real values; declared, then exported, so that the CommonJS build reads them
// as local constants, not as `exports.X` property loads on every use in the hot paths.
const PARAM = 0, INPUT = 1, CONST = 2;
const ADD = 3, SUB = 4, MUL = 5, DIV = 6, POW = 7, EXP = 8, LOG = 9, ACT = 10, NEG = 11, SUM = 12, DOT = 13;
export { PARAM, INPUT, CONST, ADD, SUB, MUL, DIV, POW, EXP, LOG, ACT, NEG, SUM, DOT };

/** What a node stands for in explanations and graph exports: a leaf kind, or "op". */
export type ValueRole = "param" | "input" | "const" | "op";

/**
 * A scalar in a computational graph, micrograd-shaped: `data`, `grad`, and the operation that made it.
 * `loss.backward()` fills every `grad` with ∂loss/∂node, in reverse topological order.
 * NB: a node stores an operation code and its arguments, not a closure, and is recorded on a tape in creation
 * order (see `record`), so `backward` is one reverse sweep with one switch over the derivatives table below.
 * NB: eight fields, assigned in the constructor in one order: every field costs time in allocation and GC,
 * which is what scalar autodiff spends most of its time on.
 */
export class Value {
  /** The forward value. */
  declare data: number;
  /** ∂root/∂this after `root.backward()`; leaves accumulate across calls, like PyTorch (see `zeroGrad`). */
  declare grad: number;
  /** Operation code; PARAM, INPUT or CONST for leaves. */
  declare op: number;
  /** First and second argument (null where unused). */
  declare a: Value | null;
  declare b: Value | null;
  /** The operation's extra: a sum's arguments, an activation, or pow's exponent (see `args`, `act`, `k`). */
  declare aux: Value[] | ActivationOp | number | null;
  /** The name given with `named` (or the constructor), or null. */
  declare name: string | null;
  /** Position on the tape, valid while `tape[pos] === this` (see `record`). */
  declare pos: number;

  /** A leaf: a parameter unless `role` says otherwise. */
  constructor(data: number, label?: string, role: "param" | "input" | "const" = "param") {
    this.data = data;
    this.grad = 0;
    this.op = role === "param" ? PARAM : role === "input" ? INPUT : CONST;
    this.a = null;
    this.b = null;
    this.aux = null;
    this.name = label ?? null;
    this.pos = -1;
  }

  /** "param", "input" or "const" for leaves, "op" for results of operations. */
  get role(): ValueRole {
    return this.op === PARAM ? "param" : this.op === INPUT ? "input" : this.op === CONST ? "const" : "op";
  }

  /** The arguments of an n-ary sum, or of a dot node (w1, x1, w2, x2, …[, b]), else null. */
  get args(): Value[] | null {
    return this.op === SUM || this.op === DOT ? (this.aux as Value[]) : null;
  }

  /** The activation of an activation node, else null. */
  get act(): Activation | null {
    return this.op === ACT ? (this.aux as ActivationOp).act : null;
  }

  /** The constant exponent of a pow node, else NaN. */
  get k(): number {
    return this.op === POW ? (this.aux as number) : NaN;
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
    return unary(POW, this, Math.pow(this.data, k), k);
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
    if (this.pos >= 0 && tape[this.pos] === this) {
      sweepTape(this.pos);
      return;
    }
    // Not (wholly) on the tape: find the graph, then the same sweep over it.
    const order = topoSort(this);
    for (const v of order) if (v.op > CONST) v.grad = 0;
    this.grad = 1;
    for (let t = order.length - 1; t >= 0; t--) propagate(order[t]);
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
  return sumInto(new Array(values.length), values);
}

/** `sum` writing its arguments into `args`; `sumOwned` passes the same array, which the node then keeps. */
function sumInto(args: Value[], values: readonly (Value | number)[]): Value {
  let s = 0;
  let onTape = true;
  for (let i = 0; i < values.length; i++) {
    const a = wrap(values[i]);
    args[i] = a;
    s += a.data;
    if (!taped(a)) onTape = false;
  }
  const out = new Value(s);
  out.op = SUM;
  out.aux = args;
  if (onTape) record(out);
  return out;
}

/** `sum` that keeps `values` as its argument list (no copy): for builders that never touch the array again. */
export function sumOwned(values: Value[]): Value {
  if (values.length === 0) throw new Error("sum needs at least one value");
  return sumInto(values, values);
}

/**
 * w·x + b = Σᵢ wᵢ·xᵢ (+ b) as one node — a neuron's pre-activation, like p = w14·x1 + w24·x2 + w34·x3 + b4.
 * Its local derivatives are ∂/∂wᵢ = xᵢ, ∂/∂xᵢ = wᵢ and ∂/∂b = 1, so a chain-rule path reads w14 → p with
 * the factor x1. NB: one node instead of 2n, which is what keeps scalar networks near the tensor code.
 */
export function dot(w: readonly (Value | number)[], x: readonly (Value | number)[], b?: Value | number): Value {
  if (w.length !== x.length) throw new Error(`dot needs as many weights as inputs, got ${w.length} and ${x.length}`);
  const args: Value[] = new Array(2 * w.length + (b === undefined ? 0 : 1));
  for (let i = 0; i < w.length; i++) {
    args[2 * i] = wrap(w[i]);
    args[2 * i + 1] = wrap(x[i]);
  }
  if (b !== undefined) args[args.length - 1] = wrap(b);
  return dotOwned(args);
}

/**
 * `dot` over its arguments as the node keeps them, w1, x1, w2, x2, …[, b], without a copy: for builders that
 * never touch the array again (the 3-2-1 network writes each neuron's as one array literal).
 */
export function dotOwned(args: Value[]): Value {
  const n = args.length & ~1;
  let s = 0;
  let onTape = true;
  for (let i = 0; i < n; i += 2) {
    const w = args[i], x = args[i + 1];
    s += w.data * x.data;
    if (!taped(w) || !taped(x)) onTape = false;
  }
  if (n < args.length) {
    const b = args[n];
    s += b.data;
    if (!taped(b)) onTape = false;
  }
  const out = new Value(s);
  out.op = DOT;
  out.aux = args;
  if (onTape) record(out);
  return out;
}

/**
 * An activation as its graph nodes call it: f and f′ taking (x, params), and the Activation for labels.
 * NB: for activations bound by `activation(id, params)` these are the catalog entry's own f and df, which give
 * the same numbers as the bound `act.f(x)` and `act.df(x)` (closures calling entry.f(x, params)). V8 inlines the
 * entry's functions, but not those closures — every bound activation shares their code — so each call through
 * them would box its result: a heap number per node, and about a third of the activations' time.
 */
export interface ActivationOp {
  readonly act: Activation;
  readonly f: (x: number, p: Params) => number;
  readonly df: (x: number, p: Params) => number;
  readonly params: Params;
}

/** The op of an activation that `activation()` bound (so `act.f(x)` is `act.entry.f(x, act.params)`). */
function catalogOp(act: Activation): ActivationOp {
  return { act, f: act.entry.f, df: act.entry.df, params: act.params };
}

const given = new WeakMap<Activation, ActivationOp>();

/** The op of an Activation given by the caller, which may be any object with f and df: called as given. */
function givenOp(act: Activation): ActivationOp {
  let op = given.get(act);
  if (op === undefined) {
    op = { act, f: (x) => act.f(x), df: (x) => act.df(x), params: act.params };
    given.set(act, op);
  }
  return op;
}

const ops = new Map<string, ActivationOp>();
let lastId = "";
let lastOp: ActivationOp | null = null;

/** f(a) through the catalog's f and f′: one generic operation for every activation. */
export function activate(a: Value, spec: ActivationLike): Value {
  let op: ActivationOp;
  if (typeof spec === "string") {
    if (spec === lastId && lastOp !== null) op = lastOp;
    else {
      op = ops.get(spec) ?? catalogOp(activation(spec));
      // NB: built-ins only: defineActivation may replace a user-defined id, and undefineActivation remove it.
      if (!op.act.entry.userDefined) {
        ops.set(spec, op);
        lastId = spec;
        lastOp = op;
      }
    }
  } else if (typeof (spec as Activation).df === "function") {
    op = givenOp(spec as Activation);
  } else {
    op = catalogOp(activation(spec.id, (spec as { params?: Params }).params));
  }
  return unary(ACT, a, op.f(a.data, op.params), op);
}

/**
 * The derivatives table, in numbers: ∂out/∂(argument i). One case per operation, written in terms of
 * the arguments or the result, like PyTorch's derivatives.yaml.
 */
export function localDerivative(v: Value, i: number): number {
  switch (v.op) {
    case DOT: { // ∂(Σ wᵢxᵢ + b)/∂wᵢ = xᵢ, /∂xᵢ = wᵢ, /∂b = 1
      const args = v.aux as Value[];
      return (args.length & 1) === 1 && i === args.length - 1 ? 1 : args[i ^ 1].data;
    }
    case ADD:
    case SUM:
      return 1;
    case SUB:
      return i === 0 ? 1 : -1;
    case MUL:
      return i === 0 ? v.b!.data : v.a!.data;
    case DIV: // ∂(a/b)/∂a = 1/b; ∂(a/b)/∂b = −a/b² = −out/b
      return i === 0 ? 1 / v.b!.data : -v.data / v.b!.data;
    case POW: { // ∂a^k/∂a = k·a^(k−1)
      const k = v.aux as number;
      return k * Math.pow(v.a!.data, k - 1);
    }
    case EXP: // ∂e^a/∂a = e^a = out
      return v.data;
    case LOG:
      return 1 / v.a!.data;
    case ACT: { // the catalog's closed-form f′, with its kink conventions
      const op = v.aux as ActivationOp;
      return op.df(v.a!.data, op.params);
    }
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
    case DOT: {
      const args = v.aux as Value[];
      return (args.length & 1) === 1 && i === args.length - 1 ? "1" : args[i ^ 1].label;
    }
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
  if (v.op === SUM || v.op === DOT) return (v.aux as Value[]).length;
  return v.a === null ? 0 : v.b === null ? 1 : 2;
}

/** Argument i of a node. */
export function argument(v: Value, i: number): Value {
  return v.op === SUM || v.op === DOT ? (v.aux as Value[])[i] : i === 0 ? v.a! : v.b!;
}

/** The operation's short name: "+", "−", "×", "÷", "^2", "exp", "log", "neg", or the activation id; "" for leaves. */
export function opName(v: Value): string {
  switch (v.op) {
    case ADD:
    case SUM:
      return "+";
    case DOT:
      return "dot";
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

/**
 * The tape: operation nodes in creation order, which is a topological order. `backward` on a node whose whole
 * graph is on the tape sweeps it in reverse — no graph search, no sort, sequential memory — then clears it.
 * NB: a node goes on the tape only if its operation arguments are on it, so a graph reaching back past the
 * last clear falls back to a graph search (`topoSort`); the cap bounds what the tape keeps alive.
 */
const TAPE_CAP = 1 << 15;
/** Fixed capacity; entries past `tapeLength` are null, so a stale `pos` never matches. */
const tape: (Value | null)[] = new Array(TAPE_CAP).fill(null);
let tapeLength = 0;

/** Whether an operation on `v` can go on the tape: `v` is a leaf, or an operation on the current tape. */
function taped(v: Value): boolean {
  return v.op <= CONST || (v.pos >= 0 && tape[v.pos] === v);
}

function record(v: Value): void {
  if (tapeLength === TAPE_CAP) {
    // NB: v stays off the fresh tape — its arguments just left it — and so does everything built on v.
    clearTape(TAPE_CAP);
    return;
  }
  v.pos = tapeLength;
  tape[tapeLength++] = v;
}

function clearTape(end: number): void {
  tape.fill(null, 0, end);
  tapeLength = 0;
}

/** Reverse sweep of tape[0..end], the root being tape[end]; the tape starts afresh, emptied as it is swept. */
function sweepTape(end: number): void {
  for (let i = 0; i <= end; i++) tape[i]!.grad = 0;
  tape[end]!.grad = 1;
  for (let t = end; t >= 0; t--) {
    const v = tape[t]!;
    tape[t] = null;
    propagate(v);
  }
  tape.fill(null, end + 1, tapeLength);
  tapeLength = 0;
}

/**
 * Passes a node's gradient to its arguments, times the local derivatives.
 * NB: a node whose gradient is exactly 0 passes nothing, so 0·∞ never becomes NaN (PyTorch would give NaN);
 * this also keeps other graphs' nodes on the tape, whose gradient is 0, out of shared leaves.
 */
function propagate(v: Value): void {
  const g = v.grad;
  if (g === 0 || v.op <= CONST) return;
  if (v.op === SUM) {
    const args = v.aux as Value[];
    for (let i = 0; i < args.length; i++) args[i].grad += g;
    return;
  }
  if (v.op === DOT) {
    const args = v.aux as Value[];
    const n = args.length & ~1;
    for (let i = 0; i < n; i += 2) {
      const w = args[i], x = args[i + 1];
      w.grad += x.data * g;
      x.grad += w.data * g;
    }
    if (n < args.length) args[n].grad += g;
    return;
  }
  v.a!.grad += localDerivative(v, 0) * g;
  if (v.b !== null) v.b.grad += localDerivative(v, 1) * g;
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
    const i = next[top];
    if (i < arity(v)) {
      next[top] = i + 1;
      const c = argument(v, i);
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

const serials = new WeakMap<Value, number>();
let serial = 0;

/** A serial number for labels and graph ids, given on first request. */
export function serialOf(v: Value): number {
  let s = serials.get(v);
  if (s === undefined) {
    s = serial++;
    serials.set(v, s);
  }
  return s;
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
  const bv = wrap(b); // NB: before `out`, so that every argument's id is smaller
  const out = new Value(data);
  out.op = op;
  out.a = a;
  out.b = bv;
  if (taped(a) && taped(bv)) record(out);
  return out;
}

function unary(op: number, a: Value, data: number, aux: ActivationOp | number | null = null): Value {
  const out = new Value(data);
  out.op = op;
  out.a = a;
  out.aux = aux;
  if (taped(a)) record(out);
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

function powLabel(a: Value, k: number, depth = 0): string {
  if (k === 1) return labelOf(a, depth);
  const base = wrapLabel(a, 4, depth);
  const s = fmt(k);
  return /^−?\d+$/.test(s) ? base + [...s].map((c) => SUPERSCRIPT[c]).join("") : `${base}^${s}`;
}

/** Unnamed operations nested deeper than this are labelled by serial, which keeps labels short and recursion shallow. */
const MAX_DEPTH = 6;

function labelOf(v: Value, depth: number): string {
  if (v.name !== null) return v.name;
  if (v.op > CONST && depth > MAX_DEPTH) return `v${serialOf(v)}`;
  return expression(v, depth);
}

/** Binding strength of a node's label: sums 1, products 2, negation 3, powers 4, atoms 5. */
function precedence(v: Value): number {
  if (v.name !== null && !/[ +·/−]/.test(v.name)) return 5;
  switch (v.op) {
    case ADD:
    case SUB:
    case SUM:
    case DOT:
      return 1;
    case MUL:
    case DIV:
      return 2;
    case NEG:
      return 3;
    case POW:
      return 4;
    case CONST:
      return v.data < 0 ? 3 : 5;
    default:
      return 5;
  }
}

function wrapLabel(v: Value, min: number, depth = 0): string {
  const l = labelOf(v, depth);
  return precedence(v) < min ? `(${l})` : l;
}

/** Past this length an unnamed node is labelled by its serial, "v123": name it to read better. */
const MAX_LABEL = 28;

function expression(v: Value, depth: number): string {
  const d = depth + 1;
  const a = v.a;
  const L = (x: Value) => labelOf(x, d);
  let s: string;
  switch (v.op) {
    case CONST:
      return fmt(v.data);
    case PARAM:
    case INPUT:
      return `v${serialOf(v)}`;
    case ADD:
      s = `${L(a!)} + ${L(v.b!)}`;
      break;
    case SUB:
      s = `${L(a!)} − ${wrapLabel(v.b!, 2, d)}`;
      break;
    case MUL:
      s = `${wrapLabel(a!, 2, d)}·${wrapLabel(v.b!, 2, d)}`;
      break;
    case DIV:
      s = `${wrapLabel(a!, 2, d)}/${wrapLabel(v.b!, 3, d)}`;
      break;
    case POW:
      s = powLabel(a!, v.k, d);
      break;
    case EXP:
      s = `exp(${L(a!)})`;
      break;
    case LOG:
      s = `log(${L(a!)})`;
      break;
    case ACT:
      s = `${symbol(v.act!)}(${L(a!)})`;
      break;
    case NEG:
      s = `−${wrapLabel(a!, 3, d)}`;
      break;
    case DOT: {
      const args = v.aux as Value[];
      const terms: string[] = [];
      for (let i = 0; i + 1 < args.length; i += 2) terms.push(`${wrapLabel(args[i], 2, d)}·${wrapLabel(args[i + 1], 2, d)}`);
      if (args.length & 1) terms.push(L(args[args.length - 1]));
      s = terms.join(" + ");
      break;
    }
    case SUM: {
      const labels = v.args!.map(L);
      // NB: a sum over samples of one expression reads best as Σ of it.
      s = labels.length > 2 && labels.every((l) => l === labels[0]) ? `Σ${wrapLabel(v.args![0], 4, d)}` : labels.join(" + ");
      break;
    }
    default:
      s = "?";
  }
  return s.length > MAX_LABEL ? `v${serialOf(v)}` : s;
}
