import { JUPYTER_DISPLAY, type Displayable, type MimeBundle } from "./display";
import { activationFigure } from "./figure/activation-figure";
import { saturation, type Saturation } from "./catalog/saturation";
import type { ArrayKernels, FloatArray } from "./kernels/array-kernels";
import { arrayKernels } from "./kernels/index";

/** A scalar function of one real variable. */
export type Scalar = (x: number) => number;

/** Parameter values keyed by name, e.g. `{ negativeSlope: 0.01 }`. */
export type Params = Readonly<Record<string, number>>;

/** One parameter of an activation: its default and the domain it must lie in. */
export interface ParamSpec {
  /** PyTorch's default value. */
  readonly default: number;
  /** Human-readable domain, used in error messages, e.g. "> 0". */
  readonly domain: string;
  /** Whether a value lies in the domain (NaN is always rejected before this is called). */
  readonly valid: (v: number) => boolean;
  /** What the parameter does, for the docs. */
  readonly doc?: string;
}

/** The LaTeX source of f, f′ and f″. */
export interface Formulas {
  readonly f: string;
  readonly df: string;
  readonly d2f: string;
}

/** An interval of the real line; `lo`/`hi` may be ±Infinity (then open). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loClosed: boolean;
  readonly hiClosed: boolean;
}

/** The image f(ℝ): its closed hull as numbers, and the exact set as text (it may not be an interval). */
export interface Range extends Interval {
  /** e.g. "(0, 1)" or "(−∞, −λ) ∪ {0} ∪ (λ, ∞)". */
  readonly text: string;
}

/**
 * A point where f, f′ or f″ is not classically defined, and the value actigrad (like PyTorch's autograd) uses.
 * `breaks`: "f" — f jumps there; "df" — f has a corner (f′ jumps); "d2f" — f′ has a corner (f″ jumps).
 */
export interface Kink {
  readonly x: number;
  readonly breaks: "f" | "df" | "d2f";
  /** f′(x) as returned by `df` at the kink. */
  readonly df: number;
  /** f″(x) as returned by `d2f` at the kink. */
  readonly d2f: number;
  /** The convention and where it comes from, e.g. "PyTorch: threshold_backward passes the gradient only where x > 0". */
  readonly convention: string;
}

/** What an activation's derivative does to gradients, in a few checkable facts. */
export interface Properties {
  readonly range: Range;
  /** "increasing" means strictly; "non-decreasing" allows flat parts. */
  readonly monotonic: "increasing" | "non-decreasing" | "decreasing" | "non-increasing" | "no";
  /** Whether f is bounded above and below ("yes"), on one side only, or not at all. */
  readonly bounded: "yes" | "below" | "above" | "no";
  /** f(0) = 0 and f takes both signs, so activations average near zero. */
  readonly zeroCentred: boolean;
  readonly symmetry: "odd" | "even" | "none";
  /** How many derivatives are continuous everywhere: "discontinuous" (f jumps), C0, C1, or C∞. */
  readonly smoothness: "discontinuous" | "C0" | "C1" | "C∞" | "unknown";
  /**
   * sup |f′| over ℝ: its value, a point `at` where |f′(at)| equals it (±Infinity when it is only approached
   * as x → ±∞, then `attained` is false), and all such x in words.
   */
  readonly maxAbsDf: {
    readonly value: number;
    readonly at: number;
    readonly where: string;
    readonly attained: boolean;
  };
  /** Every point where f, f′ or f″ breaks, with the derivative used there. */
  readonly kinks: readonly Kink[];
}

/** One row of the activation table: everything actigrad knows about an activation. */
export interface ActivationEntry {
  /** Stable id used by `activation(id)`, e.g. "leaky_relu". */
  readonly id: string;
  /** Display name, e.g. "Leaky ReLU". */
  readonly label: string;
  /** One sentence on what it is and where it is used, for the docs. */
  readonly summary: string;
  /** The PyTorch call computing the same function with these defaults, e.g. "torch.nn.functional.relu(x)". */
  readonly torch: string;
  /** Parameters with PyTorch's defaults; empty for parameter-free activations. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Checks that involve several parameters; returns an error message, or undefined when they are fine. */
  readonly check?: (p: Params) => string | undefined;
  readonly latex: Formulas;
  /** f(x) in closed form. */
  readonly f: (x: number, p: Params) => number;
  /** f′(x) in closed form. */
  readonly df: (x: number, p: Params) => number;
  /** f″(x) in closed form. */
  readonly d2f: (x: number, p: Params) => number;
  /** The entry's properties for the given parameters. */
  readonly properties: (p: Params) => Properties;
  /** Overrides the numerical search for {x : |f′(x)| < ε} when it cannot work (periodic f′). */
  readonly saturation?: (eps: number, p: Params) => Saturation;
  /** NB notes on numerics and conventions, for the docs. */
  readonly notes?: readonly string[];
  /** True for entries added at run time with `defineActivation`. */
  readonly userDefined?: boolean;
  /** True when `d2f` was not given to `defineActivation` and is a central difference of `df`. */
  readonly numericD2f?: boolean;
}

/** An activation with its parameters bound: what `activation(id)` returns. */
export interface Activation extends Displayable, ArrayKernels {
  readonly id: string;
  readonly label: string;
  readonly params: Params;
  readonly entry: ActivationEntry;
  readonly f: Scalar;
  readonly df: Scalar;
  readonly d2f: Scalar;
  /** The entry's properties with these parameters. */
  readonly properties: Properties;
  /** Where the activation saturates: {x : |f′(x)| < eps}, as intervals. */
  saturation(eps: number): Saturation;
}

export type { ArrayKernels, FloatArray, Saturation };

/** Whether `x` is an activation returned by `activation()` or `defineActivation()`. */
export function isActivation(x: unknown): x is Activation {
  const a = x as Activation;
  return (
    typeof x === "object" &&
    x !== null &&
    typeof a.f === "function" &&
    typeof a.df === "function" &&
    typeof a.entry === "object"
  );
}

/** The entry's parameters with defaults overridden by `overrides`, each checked against its domain. */
export function bindParams(entry: ActivationEntry, overrides: Params = {}): Params {
  if (typeof overrides !== "object" || overrides === null) {
    throw new Error(
      `activation "${entry.id}": params must be an object such as { ${Object.keys(entry.params)[0] ?? "name"}: value }`,
    );
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in entry.params)) {
      const valid = Object.keys(entry.params);
      throw new Error(
        `activation "${entry.id}" has no parameter "${name}"; ` +
          (valid.length ? `its parameters are: ${valid.join(", ")}` : "it takes no parameters"),
      );
    }
  }
  const params: Record<string, number> = {};
  for (const [name, spec] of Object.entries(entry.params)) {
    const v = name in overrides ? overrides[name] : spec.default;
    if (typeof v !== "number" || Number.isNaN(v) || !spec.valid(v)) {
      throw new Error(
        `activation "${entry.id}": parameter "${name}" = ${String(v)} is invalid; it must be ${spec.domain}`,
      );
    }
    params[name] = v;
  }
  const problem = entry.check?.(params);
  if (problem) throw new Error(`activation "${entry.id}": ${problem}`);
  return Object.freeze(params);
}

/** Binds an entry's parameters (defaults overridden by `overrides`) and checks each one. */
export function bindActivation(entry: ActivationEntry, overrides: Params = {}): Activation {
  const params = bindParams(entry, overrides);
  const { f: ef, df: edf, d2f: ed2f } = entry;
  const f: Scalar = (x) => ef(x, params);
  const df: Scalar = (x) => edf(x, params);
  const d2f: Scalar = (x) => ed2f(x, params);
  const kernels = arrayKernels(entry, params); // NB: the speed side, bound by id (kernels/activation-loops.ts)
  let properties: Properties | undefined;
  const props = () => (properties ??= entry.properties(params));
  return {
    id: entry.id,
    label: entry.label,
    params,
    entry,
    f,
    df,
    d2f,
    get properties() {
      return props();
    },
    // NB: no `this`, so `const { saturation } = act` works too
    saturation(eps: number): Saturation {
      if (!(eps > 0 && Number.isFinite(eps)))
        throw new Error(`${entry.id}.saturation: eps must be a finite number > 0, got ${eps}`);
      return entry.saturation ? entry.saturation(eps, params) : saturation(df, eps, props().kinks);
    },
    ...kernels,
    [JUPYTER_DISPLAY](): MimeBundle {
      return activationFigure([this]).bundle();
    },
  };
}
