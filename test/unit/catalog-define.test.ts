// defineActivation adds activations usable everywhere a built-in is; gradCheck finds wrong derivatives.
import { afterEach, describe, expect, it } from "vitest";
import { activation, activationFigure, activationIds, defineActivation, gradCheck } from "../../lib/src";
import { CATALOG, undefineActivation } from "../../lib/src/catalog/public";

afterEach(() => {
  for (const id of ["cube", "bad_sigmoid", "no_d2f", "scaled", "kinked"]) undefineActivation(id);
});

describe("defineActivation", () => {
  it("adds an activation that activation(id), activationIds and figures see", () => {
    const cube = defineActivation({
      id: "cube",
      label: "Cube",
      f: (x) => x ** 3,
      df: (x) => 3 * x ** 2,
      d2f: (x) => 6 * x,
    });
    expect(activation("cube").df(2)).toBe(12);
    expect(activationIds()).toContain("cube");
    expect(cube.entry.userDefined).toBe(true);
    const fig = activationFigure([cube, activation("tanh")]);
    expect(fig.payload.series.map((s) => s.label)).toEqual(["Cube", "Tanh"]);
    expect(fig.toSvg()).toContain("<svg");
  });

  it("estimates properties when none are declared, and computes saturation", () => {
    const cube = defineActivation({ id: "cube", f: (x) => x ** 3, df: (x) => 3 * x ** 2 });
    expect(cube.properties).toMatchObject({
      monotonic: "increasing",
      symmetry: "odd",
      zeroCentred: true,
      bounded: "no",
      smoothness: "unknown",
    });
    const sat = cube.saturation(0.03);
    expect(sat.intervals).toHaveLength(1);
    expect(sat.intervals[0].lo).toBeCloseTo(-0.1, 12);
    expect(sat.intervals[0].hi).toBeCloseTo(0.1, 12);
  });

  it("takes parameters with defaults, overridable like a built-in's", () => {
    defineActivation({
      id: "scaled",
      params: { k: 2 },
      f: (x, p) => p.k * Math.tanh(x),
      df: (x, p) => p.k / Math.cosh(x) ** 2,
    });
    expect(activation("scaled").f(1)).toBeCloseTo(2 * Math.tanh(1), 15);
    expect(activation("scaled", { k: 3 }).df(0)).toBe(3);
    expect(() => activation("scaled", { k: NaN })).toThrowError(/"k" = NaN/);
  });

  it("replaces an earlier definition with the same id (notebook cells get re-run)", () => {
    defineActivation({ id: "cube", f: (x) => x ** 3, df: (x) => 3 * x ** 2 });
    defineActivation({ id: "cube", f: (x) => 2 * x ** 3, df: (x) => 6 * x ** 2 });
    expect(activation("cube").f(1)).toBe(2);
    expect(activationIds().filter((id) => id === "cube")).toHaveLength(1);
  });

  it("refuses built-in ids, bad ids and missing functions with a clear message", () => {
    expect(() => defineActivation({ id: "relu", f: (x) => x, df: () => 1 })).toThrowError(
      /"relu" is a built-in activation/,
    );
    expect(() => defineActivation({ id: "my act", f: (x) => x, df: () => 1 })).toThrowError(/id must be a word/);
    expect(() => defineActivation({ id: "x", f: (x: number) => x } as never)).toThrowError(/df must be a function/);
  });
});

describe("gradCheck", () => {
  it.each(CATALOG.map((e) => [e.id] as const))("passes for %s with errors far below the tolerance", (id) => {
    const r = gradCheck(activation(id));
    expect(r.ok).toBe(true);
    expect(r.df.maxRelError).toBeLessThan(1e-7);
    expect(r.d2f!.maxRelError).toBeLessThan(1e-6);
    expect(r.checked).toBeGreaterThan(190);
  });

  it("reports the maximum relative error and the worst x of a wrong derivative", () => {
    // σ′ written as σ(1+σ) instead of σ(1−σ): wrong everywhere, worst where σ is largest
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    const bad = defineActivation({
      id: "bad_sigmoid",
      f: s,
      df: (x) => s(x) * (1 + s(x)),
      d2f: (x) => s(x) * (1 - s(x)) * (1 - 2 * s(x)),
    });
    const r = gradCheck(bad);
    expect(r.ok).toBe(false);
    expect(r.df.maxRelError).toBeGreaterThan(0.99); // relative to the larger of the two, so at most 2
    expect(r.df.worstX).toBeGreaterThan(5);
    expect(r.text).toMatch(/^gradCheck\(bad_sigmoid\): FAILED — f′ max rel\. error .* at x = 5\.9/);
    // f″ is checked against differences of the given (wrong) f′, so it fails too
    expect(r.d2f!.maxRelError).toBeGreaterThan(0.1);
  });

  it("skips f″ when no d2f was given, and checks at the points given", () => {
    const r = gradCheck(defineActivation({ id: "no_d2f", f: Math.sin, df: Math.cos }), [0.1, 0.2, 0.3]);
    expect(r.d2f).toBeUndefined();
    expect(r.checked).toBe(3);
    expect(r.text).toContain("f″ not checked (no d2f given)");
  });

  it("skips points where f is not smooth instead of blaming the derivative", () => {
    const r = gradCheck(
      defineActivation({ id: "kinked", f: (x) => Math.abs(x), df: (x) => Math.sign(x), d2f: () => 0 }),
      [-1, 1e-4, 0.5],
    );
    expect(r.ok).toBe(true);
    expect(r.skipped).toBe(1);
  });

  it("throws a clear error for anything but an activation", () => {
    expect(() => gradCheck("relu" as never)).toThrowError(/gradCheck: expected an activation .* got string/);
    expect(() => gradCheck({} as never)).toThrowError(/got a Object/);
  });
});
