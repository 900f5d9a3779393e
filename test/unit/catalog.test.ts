// The table itself: every entry is complete, and every declared property holds on a grid.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { activation, activationIds, type Properties } from "../../lib/src";
import { CATALOG, estimateProperties, type ActivationEntry } from "../../lib/src/catalog/public";

const REFS = JSON.parse(readFileSync(new URL("../fixtures/activation-references.json", import.meta.url), "utf8")) as {
  extrema: Record<string, { argminF?: number; minF?: number; argmaxDf: number; maxDf: number }>;
};

/** Every 1/64 on [−30, 30], plus big magnitudes and both zeros. */
const GRID = [
  ...Array.from({ length: 60 * 64 + 1 }, (_, i) => -30 + i / 64),
  ...[1e2, 1e3, 1e5, 1e10, 1e50, 1e150, 1e300].flatMap((v) => [v, -v]),
  -0,
];

const ISSUE_IDS = [
  "identity",
  "sigmoid",
  "tanh",
  "relu",
  "leaky_relu",
  "relu6",
  "elu",
  "selu",
  "celu",
  "gelu",
  "gelu_tanh",
  "silu",
  "mish",
  "softplus",
  "softsign",
  "hardtanh",
  "hardsigmoid",
  "hardswish",
  "logsigmoid",
  "tanhshrink",
  "softshrink",
  "hardshrink",
  "sin",
  "gaussian",
  "step",
];

describe("the activation table", () => {
  // NB: containment, not equality, so that adding an activation needs no edit here.
  it("holds the issue's 24 activations plus step, in one table with unique ids", () => {
    const ids = CATALOG.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(ISSUE_IDS));
    expect(new Set(ids).size).toBe(ids.length);
    expect(activationIds().slice(0, ids.length)).toEqual(ids);
  });

  it("uses PyTorch's defaults", () => {
    const defaults = Object.fromEntries(
      CATALOG.map((e) => [e.id, Object.fromEntries(Object.entries(e.params).map(([k, p]) => [k, p.default]))]),
    );
    expect(defaults).toMatchObject({
      leaky_relu: { negativeSlope: 0.01 },
      elu: { alpha: 1 },
      celu: { alpha: 1 },
      softplus: { beta: 1 },
      hardtanh: { minVal: -1, maxVal: 1 },
      softshrink: { lambd: 0.5 },
      hardshrink: { lambd: 0.5 },
    });
  });
});

describe.each(CATALOG.map((e) => [e.id, e] as const))("%s", (id, entry: ActivationEntry) => {
  const act = activation(id);
  const p: Properties = act.properties;
  const f = GRID.map(act.f);
  const df = GRID.map(act.df);

  it("has a label, summary, PyTorch equivalent and LaTeX for f, f′ and f″", () => {
    for (const s of [entry.label, entry.summary, entry.torch, entry.latex.f, entry.latex.df, entry.latex.d2f]) {
      expect(typeof s === "string" && s.trim().length > 0).toBe(true);
    }
    expect(entry.latex.df).not.toEqual(entry.latex.f);
    expect([entry.f, entry.df, entry.d2f].every((g) => typeof g === "function")).toBe(true);
  });

  it("declares every property", () => {
    expect(Object.keys(p).sort()).toEqual([
      "bounded",
      "kinks",
      "maxAbsDf",
      "monotonic",
      "range",
      "smoothness",
      "symmetry",
      "zeroCentred",
    ]);
    expect(["increasing", "non-decreasing", "decreasing", "non-increasing", "no"]).toContain(p.monotonic);
    expect(["discontinuous", "C0", "C1", "C∞"]).toContain(p.smoothness); // "unknown" is only for estimates
    expect(p.range.text.length).toBeGreaterThan(0);
    expect(p.maxAbsDf.where.length).toBeGreaterThan(0);
    for (const k of p.kinks) expect(k.convention.length).toBeGreaterThan(10);
  });

  it("stays inside its declared range, and reaches close to both ends", () => {
    const { lo, hi } = p.range;
    const out = f.filter((v) => !(v >= lo - 1e-15 * Math.abs(lo) && v <= hi + 1e-15 * Math.abs(hi)));
    expect(out).toEqual([]);
    const min = Math.min(...f),
      max = Math.max(...f);
    // The hull is tight: the 1/64 grid comes within 1e-4 of each finite end (an interior minimum is quadratic
    // between samples; the references pin it exactly), and past any bound for infinite ends.
    if (Number.isFinite(lo)) expect(min - lo).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(lo)));
    else expect(min).toBeLessThan(-1e100);
    if (Number.isFinite(hi)) expect(hi - max).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(hi)));
    else expect(max).toBeGreaterThan(1e100);
    expect(p.bounded).toBe(
      Number.isFinite(lo) && Number.isFinite(hi)
        ? "yes"
        : Number.isFinite(lo)
          ? "below"
          : Number.isFinite(hi)
            ? "above"
            : "no",
    );
  });

  it("is monotonic as declared", () => {
    const sorted = GRID.map((x, i) => [x, f[i]] as const).sort((a, b) => a[0] - b[0]);
    const diffs = sorted.slice(1).map(([, v], i) => v - sorted[i][1]);
    const up = diffs.every((d) => d >= 0),
      down = diffs.every((d) => d <= 0);
    const strict = (d: number[]) => d.filter((v) => v === 0).length < d.length / 2; // saturated tails round to equal values
    if (p.monotonic === "increasing") expect(up && df.every((d) => d >= 0) && strict(diffs)).toBe(true);
    if (p.monotonic === "non-decreasing") expect(up).toBe(true);
    if (p.monotonic === "no") expect(up || down).toBe(false);
    expect(["decreasing", "non-increasing"]).not.toContain(p.monotonic); // no activation in the table decreases
  });

  it("is zero-centred and symmetric as declared", () => {
    expect(act.f(0) === 0 && f.some((v) => v < 0) && f.some((v) => v > 0)).toBe(p.zeroCentred);
    const sym = (sign: number) =>
      GRID.every((x) => Math.abs(act.f(-x) - sign * act.f(x)) <= 1e-15 * Math.abs(act.f(x)));
    expect(sym(-1)).toBe(p.symmetry === "odd");
    expect(sym(1)).toBe(p.symmetry === "even");
  });

  it("has the declared max |f′|, where it says", () => {
    const { value, at } = p.maxAbsDf;
    expect(Math.max(...df.map(Math.abs))).toBeLessThanOrEqual(value * (1 + 1e-12));
    expect(Math.abs(act.df(at))).toBeCloseTo(value, 14);
    const ext = REFS.extrema[id];
    if (ext) {
      expect(Math.abs(value - ext.maxDf)).toBeLessThanOrEqual(1e-15 * ext.maxDf);
      expect(Math.abs(Math.abs(at) - Math.abs(ext.argmaxDf))).toBeLessThanOrEqual(1e-13);
      if (ext.minF !== undefined) {
        expect(Math.abs(p.range.lo - ext.minF)).toBeLessThanOrEqual(1e-15 * Math.abs(ext.minF));
        expect(Math.abs(act.f(ext.argminF!) - ext.minF)).toBeLessThanOrEqual(1e-15 * Math.abs(ext.minF));
      }
    }
  });

  it("declares its kinks, each with the derivative used there, and its smoothness accordingly", () => {
    const breaks = new Set(p.kinks.map((k) => k.breaks));
    const expected = breaks.has("f") ? "discontinuous" : breaks.has("df") ? "C0" : breaks.has("d2f") ? "C1" : "C∞";
    expect(p.smoothness).toBe(expected);
    const d = 1e-7;
    for (const k of p.kinks) {
      expect(act.df(k.x)).toBe(k.df);
      expect(act.d2f(k.x)).toBe(k.d2f);
      // really a kink: the broken quantity differs on the two sides
      const g = k.breaks === "f" ? act.f : k.breaks === "df" ? act.df : act.d2f;
      expect(Math.abs(g(k.x + d) - g(k.x - d))).toBeGreaterThan(1e-3);
    }
  });

  it("maps NaN to NaN in f, f′ and f″", () => {
    expect([act.f(NaN), act.df(NaN), act.d2f(NaN)]).toEqual([NaN, NaN, NaN]);
  });

  it("returns the limits at ±Infinity, never NaN (sin has none)", () => {
    const vals = [Infinity, -Infinity].flatMap((x) => [act.f(x), act.df(x), act.d2f(x)]);
    if (id === "sin") expect(vals.every(Number.isNaN)).toBe(true);
    else expect(vals.filter(Number.isNaN)).toEqual([]);
    if (id === "sin") return;
    for (const s of [1, -1]) {
      // beyond 1e300 nothing changes any more: the values at ±∞ are those at ±1e300 (f itself where it saturates)
      expect(act.df(s * Infinity)).toBe(act.df(s * 1e300));
      expect(act.d2f(s * Infinity)).toBe(act.d2f(s * 1e300));
      const unbounded =
        s > 0 ? p.range.hi === Infinity && act.f(1e300) > 1 : p.range.lo === -Infinity && act.f(-1e300) < -1;
      if (unbounded) expect(act.f(s * Infinity)).toBe(Math.sign(act.f(s * 1e300)) * Infinity);
      else expect(act.f(s * Infinity)).toBe(act.f(s * 1e300));
    }
  });

  it("agrees with the properties estimated from samples", () => {
    const est = estimateProperties(act.f, act.df);
    expect(est.symmetry).toBe(p.symmetry);
    expect(est.zeroCentred).toBe(p.zeroCentred);
    expect(est.maxAbsDf.value).toBeLessThanOrEqual(p.maxAbsDf.value * (1 + 1e-12));
  });
});

describe("the issue's named values", () => {
  it.each([
    ["softplus", 1000, "f", 1000],
    ["tanh", 20, "df", 1.6993417021166355e-17],
    ["logsigmoid", -1000, "f", -1000],
    ["gelu_tanh", 1e300, "f", 1e300],
    ["gelu_tanh", -1e300, "f", -0],
    ["gaussian", 1e300, "d2f", 0],
    ["sigmoid", -750, "df", 0], // e^(−750) ≈ 2e-326 is below the smallest subnormal
    ["sigmoid", -700, "df", 9.85967654375977e-305],
    ["relu", 0, "df", 0],
    ["leaky_relu", 0, "df", 0.01],
    ["hardtanh", 1, "df", 0],
    ["relu6", 6, "df", 0],
    ["hardsigmoid", -3, "df", 0],
    ["softshrink", 0.5, "df", 0],
    ["hardshrink", -0.5, "df", 0],
    ["elu", 0, "df", 1],
    ["selu", 0, "df", 1.0507009873554805 * 1.6732632423543772],
    ["celu", 0, "d2f", 1],
  ] as const)("%s: at x = %s, %s is %s", (id, x, k, want) => {
    const got = activation(id)[k](x);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(2e-16 * Math.abs(want));
  });
});

describe("parameters", () => {
  it("can be overridden", () => {
    const a = activation("leaky_relu", { negativeSlope: 0.2 });
    expect([a.f(-1), a.df(-1), a.df(0), a.params.negativeSlope]).toEqual([-0.2, 0.2, 0.2, 0.2]);
    expect(activation("softplus", { beta: 2 }).df(0)).toBe(0.5);
    expect(activation("hardtanh", { minVal: -2, maxVal: 3 }).f(5)).toBe(3);
    expect(activation("elu", { alpha: 2 }).properties.range.lo).toBe(-2);
  });

  it("reject NaN and values outside their domain, naming the parameter and its domain", () => {
    expect(() => activation("leaky_relu", { negativeSlope: NaN })).toThrowError(
      /"negativeSlope" = NaN is invalid; it must be a finite number/,
    );
    expect(() => activation("elu", { alpha: -1 })).toThrowError(/"alpha" = -1 .* > 0/);
    expect(() => activation("softshrink", { lambd: 0 })).toThrowError(/"lambd"/);
    expect(() => activation("hardtanh", { minVal: 2, maxVal: 1 })).toThrowError(
      /"minVal" \(2\) must be less than "maxVal" \(1\)/,
    );
  });

  it("reject unknown names, listing the valid ones", () => {
    expect(() => activation("elu", { alhpa: 1 })).toThrowError(/no parameter "alhpa"; its parameters are: alpha/);
    expect(() => activation("relu", { alpha: 1 })).toThrowError(/it takes no parameters/);
  });

  it("unknown ids throw naming the id and listing every valid id", () => {
    expect(() => activation("swish")).toThrowError(
      `unknown activation "swish"; valid ids are: ${CATALOG.map((e) => e.id).join(", ")}`,
    );
    expect(() => activation("softmax")).toThrowError(/vectorActivation\("softmax"\)/);
  });
});
