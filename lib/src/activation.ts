import { JUPYTER_DISPLAY, type Displayable, type MimeBundle } from "./display";
import { activationFigure } from "./figure/activation-figure";

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
}

/** The LaTeX source of f, f′ and f″. */
export interface Formulas {
  readonly f: string;
  readonly df: string;
  readonly d2f: string;
}

/** One row of the activation table: everything actigrad knows about an activation. */
export interface ActivationEntry {
  /** Stable id used by `activation(id)`, e.g. "leaky_relu". */
  readonly id: string;
  /** Display name, e.g. "Leaky ReLU". */
  readonly label: string;
  /** Parameters with PyTorch's defaults; empty for parameter-free activations. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly latex: Formulas;
  /** f(x) in closed form. */
  readonly f: (x: number, p: Params) => number;
  /** f′(x) in closed form. */
  readonly df: (x: number, p: Params) => number;
  /** f″(x) in closed form. */
  readonly d2f: (x: number, p: Params) => number;
}

/** An activation with its parameters bound: what `activation(id)` returns. */
export interface Activation extends Displayable {
  readonly id: string;
  readonly label: string;
  readonly params: Params;
  readonly entry: ActivationEntry;
  readonly f: Scalar;
  readonly df: Scalar;
  readonly d2f: Scalar;
}

/** Whether `x` is an activation returned by `activation()` or `defineActivation()`. */
export function isActivation(x: unknown): x is Activation {
  const a = x as Activation;
  return typeof x === "object" && x !== null && typeof a.f === "function" && typeof a.df === "function" && typeof a.entry === "object";
}

/** Binds an entry's parameters (defaults overridden by `overrides`) and checks each one. */
export function bindActivation(entry: ActivationEntry, overrides: Params = {}): Activation {
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
      throw new Error(`activation "${entry.id}": parameter "${name}" = ${String(v)} is invalid; it must be ${spec.domain}`);
    }
    params[name] = v;
  }
  Object.freeze(params);
  return {
    id: entry.id,
    label: entry.label,
    params,
    entry,
    f: (x) => entry.f(x, params),
    df: (x) => entry.df(x, params),
    d2f: (x) => entry.d2f(x, params),
    [JUPYTER_DISPLAY](): MimeBundle {
      return activationFigure([this]).bundle();
    },
  };
}
