import { isActivation, type Activation } from "./activation";
import { gradCheckModel, type ModelGradCheck, type ModelGradCheckOptions } from "./nn/grad-check-model";
import { Sequential, type Batch } from "./nn/sequential";

/** The worst disagreement between a closed-form derivative and central differences. */
export interface GradCheckResult {
  /** max over the checked points of |analytic − numeric| / max(|analytic|, |numeric|, floor). */
  readonly maxRelError: number;
  /** The x where it occurred. */
  readonly worstX: number;
  /** analytic and numeric values there. */
  readonly analytic: number;
  readonly numeric: number;
}

/** What `gradCheck(activation)` reports. */
export interface GradCheckReport {
  /** Both errors are below the tolerance. */
  readonly ok: boolean;
  readonly id: string;
  readonly tolerance: number;
  /** How many points were checked, and how many skipped (at declared kinks, or where f is not smooth). */
  readonly checked: number;
  readonly skipped: number;
  /** f′ against central differences of f. */
  readonly df: GradCheckResult;
  /** f″ against central differences of f′; absent for a user activation defined without d2f. */
  readonly d2f?: GradCheckResult;
  /** One line, e.g. "gradCheck(sigmoid): ok — f′ max rel. error 2.1e-12 at x = 3.2; f″ …". */
  readonly text: string;
}

export interface GradCheckOptions {
  /** Where to check; default 200 points spread over [−6, 6] (avoiding round numbers, where kinks sit). */
  points?: ArrayLike<number>;
  /** Largest acceptable relative error; default 1e-6. */
  tolerance?: number;
}

/**
 * Checks derivatives against central differences. For an activation, compares `df` with differences of `f`
 * and `d2f` with differences of `df`, and reports the maximum relative error and the worst x.
 * NB: a dispatcher — other kinds of argument (models) get their own branch.
 * @example gradCheck(activation("gelu")).ok // true
 */
export function gradCheck(act: Activation, options?: ArrayLike<number> | GradCheckOptions): GradCheckReport;
/** For a model: backprop against finite differences for every parameter on `batch` (see `gradCheckModel`). */
export function gradCheck(model: Sequential, batch: Batch, options?: ModelGradCheckOptions): ModelGradCheck;
export function gradCheck(arg: unknown, options?: unknown, more?: unknown): unknown {
  if (isActivation(arg)) return gradCheckActivation(arg, options as ArrayLike<number> | GradCheckOptions | undefined);
  if (arg instanceof Sequential)
    return gradCheckModel(arg, options as Batch, more as ModelGradCheckOptions | undefined);
  const got =
    arg === null
      ? "null"
      : Array.isArray(arg)
        ? "an array"
        : typeof arg === "object"
          ? `a ${(arg as object).constructor?.name ?? "object"}`
          : typeof arg;
  throw new Error(
    `gradCheck: expected an activation (from activation() or defineActivation()) or a model and a batch, got ${got}`,
  );
}

/** 200 points over [−6, 6] with an irrational offset, so none sits on a round number. */
function defaultPoints(): number[] {
  return Array.from({ length: 200 }, (_, k) => -6 + 0.06 * (k + 0.381966011250105));
}

/** The step: 2^-7, or larger where x is so big that x ± 2^-7 would round; a power of two, so x ± h is exact. */
function step(x: number): number {
  return Math.max(2 ** -7, 2 ** (Math.floor(Math.log2(Math.max(1, Math.abs(x)))) - 40));
}

/**
 * g′(x) by central differences with two Richardson steps (error O(h⁶)). Returns NaN when the estimates at h
 * and h/8 disagree: g is not smooth near x.
 */
function derivative(g: (x: number) => number, x: number): number {
  const h = step(x);
  const d = (s: number) => (g(x + s) - g(x - s)) / (2 * s);
  const rich = (s: number) => {
    const d1 = d(s),
      d2 = d(s / 2),
      d4 = d(s / 4);
    return (64 * d4 - 20 * d2 + d1) / 45;
  };
  const a = rich(h);
  const b = rich(h / 8);
  const scale = Math.max(Math.abs(a), Math.abs(b), 1e-6 * Math.abs(g(x)), 1e-300);
  return Math.abs(a - b) > 1e-6 * scale ? NaN : a;
}

function gradCheckActivation(
  act: Activation,
  options: ArrayLike<number> | GradCheckOptions | undefined,
): GradCheckReport {
  const opts: GradCheckOptions =
    options && typeof (options as ArrayLike<number>).length === "number"
      ? { points: options as ArrayLike<number> }
      : ((options ?? {}) as GradCheckOptions);
  const points = Array.from(opts.points ?? defaultPoints());
  const tolerance = opts.tolerance ?? 1e-6;
  if (!(tolerance > 0)) throw new Error(`gradCheck: tolerance must be > 0, got ${tolerance}`);
  if (points.length === 0 || points.some((x) => !Number.isFinite(x)))
    throw new Error("gradCheck: points must be a non-empty list of finite numbers");
  const kinks = act.properties.kinks.map((k) => k.x);
  const checkD2f = !act.entry.numericD2f;
  const worst = { df: blank(), d2f: blank() };
  let checked = 0;
  for (const x of points) {
    if (kinks.some((k) => Math.abs(x - k) <= step(x))) continue;
    const n1 = derivative(act.f, x);
    const n2 = checkD2f ? derivative(act.df, x) : 0;
    if (Number.isNaN(n1) || Number.isNaN(n2)) continue;
    checked++;
    record(worst.df, x, act.df(x), n1, act.f(x));
    if (checkD2f) record(worst.d2f, x, act.d2f(x), n2, act.df(x));
  }
  const ok = checked > 0 && worst.df.maxRelError <= tolerance && (!checkD2f || worst.d2f.maxRelError <= tolerance);
  const part = (name: string, r: GradCheckResult) =>
    `${name} max rel. error ${r.maxRelError.toPrecision(2)} at x = ${Number(r.worstX.toPrecision(6))}`;
  const text =
    `gradCheck(${act.id}): ${ok ? "ok" : "FAILED"} — ${part("f′", worst.df)}` +
    (checkD2f ? `; ${part("f″", worst.d2f)}` : "; f″ not checked (no d2f given)") +
    ` (${checked} points, tolerance ${tolerance}${points.length > checked ? `, ${points.length - checked} skipped near kinks` : ""})`;
  return {
    ok,
    id: act.id,
    tolerance,
    checked,
    skipped: points.length - checked,
    df: worst.df,
    d2f: checkD2f ? worst.d2f : undefined,
    text,
  };
}

function blank(): { -readonly [K in keyof GradCheckResult]: GradCheckResult[K] } {
  return { maxRelError: 0, worstX: NaN, analytic: NaN, numeric: NaN };
}

/**
 * Relative error with a floor where finite differences cannot resolve the value: differences of g carry
 * noise ~1e-13·|g(x)|/h, so values below 1e-6·|g(x)| are compared in absolute terms.
 */
function record(r: ReturnType<typeof blank>, x: number, analytic: number, numeric: number, g: number): void {
  const floor = 1e-6 * Math.abs(g);
  const err = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor, 1e-300);
  const e = Number.isNaN(err) ? Infinity : err;
  if (e > r.maxRelError || Number.isNaN(r.worstX)) Object.assign(r, { maxRelError: e, worstX: x, analytic, numeric });
}
