// Looking rows up: activation(id) and vectorActivation(id) bind a row of the table (or one added at run time with
// defineActivation) to its parameters.
import {
  bindActivation,
  type Activation,
  type ActivationEntry,
  type Formulas,
  type ParamSpec,
  type Params,
  type Properties,
} from "../activation";
import { estimateProperties } from "./estimate";
import { CATALOG, VECTOR_CATALOG } from "./index";
import type { OutVector, Vector, VectorActivationEntry, VectorProperties } from "./vector";

/** Activations added with `defineActivation`, by id; re-defining an id replaces it (cells get re-run). */
const USER = new Map<string, ActivationEntry>();

/** What a layer or a Value accepts as an activation: a catalog id, `{ id, params }`, or a bound Activation. */
export type ActivationLike = string | Activation | { id: string; params?: Readonly<Record<string, number>> };

/** The ids of every scalar activation: the table's, in table order, then user-defined ones. */
export function activationIds(): string[] {
  return [...CATALOG.map((e) => e.id), ...USER.keys()];
}

/** The ids of the vector activations (softmax, log_softmax). */
export function vectorActivationIds(): string[] {
  return VECTOR_CATALOG.map((e) => e.id);
}

/**
 * Looks an activation up by id (built-in or defined with `defineActivation`) and binds its parameters.
 * @example activation("sigmoid").df(0) // 0.25
 * @example activation("leaky_relu", { negativeSlope: 0.2 }).df(-1) // 0.2
 */
export function activation(id: string, params?: Params): Activation {
  const entry = CATALOG.find((e) => e.id === id) ?? USER.get(id);
  if (!entry) {
    if (VECTOR_CATALOG.some((e) => e.id === id)) {
      throw new Error(`"${id}" acts on whole vectors, not numbers: use vectorActivation("${id}")`);
    }
    throw new Error(`unknown activation "${id}"; valid ids are: ${activationIds().join(", ")}`);
  }
  return bindActivation(entry, params);
}

/** What `defineActivation` needs: f and f′ at least; everything else has a sensible default. */
export interface ActivationSpec {
  /** A new id (not a built-in one); re-using an id you defined before replaces it. */
  id: string;
  label?: string;
  summary?: string;
  /** f(x, params). */
  f: (x: number, p: Params) => number;
  /** f′(x, params), in closed form: `gradCheck` compares it with central differences. */
  df: (x: number, p: Params) => number;
  /** f″(x, params); when omitted, a central difference of `df` stands in (and gradCheck skips it). */
  d2f?: (x: number, p: Params) => number;
  /** Parameters: a default value (any finite number allowed), or a full ParamSpec. */
  params?: Record<string, number | ParamSpec>;
  latex?: Partial<Formulas>;
  /** Declared properties; when omitted they are estimated from samples of f and f′. */
  properties?: Properties | ((p: Params) => Properties);
}

/** f″ as a Richardson-extrapolated central difference of f′ (for user activations without d2f). */
function numericD2f(df: (x: number, p: Params) => number): (x: number, p: Params) => number {
  return (x, p) => {
    if (!Number.isFinite(x)) return x === x ? 0 : x;
    const h = 2 ** (Math.floor(Math.log2(Math.max(1, Math.abs(x)))) - 6);
    const d = (s: number) => (df(x + s, p) - df(x - s, p)) / (2 * s);
    return (16 * d(h / 2) - d(h)) / 15;
  };
}

/**
 * Adds an activation at run time. It works everywhere a built-in does: `activation(id)` finds it, figures
 * draw it, its array forms and `saturation` work, and `gradCheck` checks its derivatives.
 * @example
 * const cube = defineActivation({ id: "cube", f: (x) => x ** 3, df: (x) => 3 * x ** 2, d2f: (x) => 6 * x });
 * gradCheck(cube).ok // true
 */
export function defineActivation(spec: ActivationSpec): Activation {
  if (typeof spec !== "object" || spec === null)
    throw new Error("defineActivation: give an object { id, f, df, d2f? }");
  const { id } = spec;
  if (typeof id !== "string" || !/^[A-Za-z_][\w.-]*$/.test(id)) {
    throw new Error(
      `defineActivation: id must be a word such as "my_act" (letters, digits, _ . -), got ${JSON.stringify(id)}`,
    );
  }
  if (CATALOG.some((e) => e.id === id) || VECTOR_CATALOG.some((e) => e.id === id)) {
    throw new Error(`defineActivation: "${id}" is a built-in activation; choose another id`);
  }
  for (const key of ["f", "df"] as const) {
    if (typeof spec[key] !== "function")
      throw new Error(`defineActivation("${id}"): ${key} must be a function (x, params) => number`);
  }
  if (spec.d2f !== undefined && typeof spec.d2f !== "function")
    throw new Error(`defineActivation("${id}"): d2f must be a function or omitted`);
  const params: Record<string, ParamSpec> = {};
  for (const [name, p] of Object.entries(spec.params ?? {})) {
    if (typeof p === "number") {
      if (!Number.isFinite(p))
        throw new Error(`defineActivation("${id}"): parameter "${name}" default must be finite, got ${p}`);
      params[name] = { default: p, domain: "a finite number", valid: Number.isFinite };
    } else params[name] = p;
  }
  const { f, df } = spec;
  const d2f = spec.d2f ?? numericD2f(df);
  const label = spec.label ?? id;
  const declared = spec.properties;
  const entry: ActivationEntry = {
    id,
    label,
    summary: spec.summary ?? `User-defined activation "${label}".`,
    torch: "(user-defined)",
    params,
    latex: {
      f: spec.latex?.f ?? String.raw`f(x)=\text{${label}}(x)`,
      df: spec.latex?.df ?? String.raw`f'(x)`,
      d2f: spec.latex?.d2f ?? String.raw`f''(x)`,
    },
    f,
    df,
    d2f,
    properties: (p) =>
      typeof declared === "function"
        ? declared(p)
        : (declared ??
          estimateProperties(
            (x) => f(x, p),
            (x) => df(x, p),
          )),
    userDefined: true,
    numericD2f: spec.d2f === undefined,
  };
  const act = bindActivation(entry); // checks the defaults before registering
  USER.set(id, entry);
  return act;
}

/** Forgets a user-defined activation (built-ins cannot be removed). Returns whether it existed. */
export function undefineActivation(id: string): boolean {
  return USER.delete(id);
}

/** A vector activation (softmax, log_softmax): whole-vector f with its Jacobian–vector products. */
export interface VectorActivation {
  readonly id: string;
  readonly label: string;
  readonly entry: VectorActivationEntry;
  readonly properties: VectorProperties;
  /**
   * f(x) for one vector, or for a row-major batch when rowLength divides x.length. Writes into `out`
   * (allocated as a Float64Array when omitted) and returns it.
   */
  f<O extends OutVector = Float64Array>(x: Vector, out?: O, rowLength?: number): O;
  /** J(x)·v, the forward-mode derivative in direction v. */
  jvp<O extends OutVector = Float64Array>(x: Vector, v: Vector, out?: O, rowLength?: number): O;
  /** J(x)ᵀ·g, the backward step from the gradient g of the outputs. */
  vjp<O extends OutVector = Float64Array>(x: Vector, g: Vector, out?: O, rowLength?: number): O;
  /** d²/dt² f(x + t·v) at t = 0. */
  jvp2<O extends OutVector = Float64Array>(x: Vector, v: Vector, out?: O, rowLength?: number): O;
  /** The Jacobian of one vector, as rows: J[i][j] = ∂fᵢ/∂xⱼ. */
  jacobian(x: Vector): Float64Array[];
}

/**
 * Looks up softmax or log_softmax.
 * @example vectorActivation("softmax").f([1, 2, 3]) // Float64Array [0.090…, 0.244…, 0.665…]
 */
export function vectorActivation(id: string): VectorActivation {
  const entry = VECTOR_CATALOG.find((e) => e.id === id);
  if (!entry) {
    const hint =
      CATALOG.some((e) => e.id === id) || USER.has(id)
        ? ` ("${id}" is a scalar activation: use activation("${id}"))`
        : "";
    throw new Error(`unknown vector activation "${id}"; valid ids are: ${vectorActivationIds().join(", ")}${hint}`);
  }
  const vec = (what: string, name: string, a: unknown, n: number) => {
    if (a === null || typeof a !== "object" || typeof (a as Vector).length !== "number") {
      throw new Error(`${id}.${what}: ${name} must be an array or typed array of numbers`);
    }
    if ((a as Vector).length !== n)
      throw new Error(
        `${id}.${what}: ${name} has length ${(a as Vector).length} but x has length ${n}; they must match`,
      );
  };
  const prepare = <O extends OutVector>(what: string, x: Vector, out: O | undefined, other?: [string, Vector]): O => {
    vec(what, "x", x, (x as Vector)?.length ?? 0);
    if (x.length === 0) throw new Error(`${id}.${what}: x is empty`);
    if (other) vec(what, other[0], other[1], x.length);
    const o = out ?? (new Float64Array(x.length) as unknown as O);
    vec(what, "out", o, x.length);
    return o;
  };
  return {
    id: entry.id,
    label: entry.label,
    entry,
    properties: entry.properties,
    f(x, out, rowLength) {
      const o = prepare("f", x, out);
      entry.f(x, o, rowLength ?? x.length);
      return o;
    },
    jvp(x, v, out, rowLength) {
      const o = prepare("jvp", x, out, ["v", v]);
      entry.jvp(x, v, o, rowLength ?? x.length);
      return o;
    },
    vjp(x, g, out, rowLength) {
      const o = prepare("vjp", x, out, ["g", g]);
      entry.vjp(x, g, o, rowLength ?? x.length);
      return o;
    },
    jvp2(x, v, out, rowLength) {
      const o = prepare("jvp2", x, out, ["v", v]);
      entry.jvp2(x, v, o, rowLength ?? x.length);
      return o;
    },
    jacobian(x) {
      prepare("jacobian", x, undefined);
      const n = x.length;
      const flat = new Float64Array(n * n);
      entry.jacobian(x, flat, n);
      return Array.from({ length: n }, (_, i) => flat.slice(i * n, (i + 1) * n));
    },
  };
}
