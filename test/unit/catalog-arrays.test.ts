// The array forms (fArray, dfArray, fdfArray, backwardArray) agree with the scalar f and f′ for every entry,
// in Float64Array and Float32Array, in place, and at NaN, ±0, ±Infinity and the extremes.
import { describe, expect, it } from "vitest";
import { activation, defineActivation, type Activation } from "../../lib/src";
import { CATALOG } from "../../lib/src/catalog/public";

const XS = new Float64Array([
  NaN,
  -Infinity,
  Infinity,
  0,
  -0,
  1e-300,
  -1e-300,
  1e-8,
  -1e-8,
  0.1,
  -0.1,
  0.4999,
  0.5,
  0.5001,
  -0.5,
  1,
  -1,
  2.9999,
  3,
  -3,
  6,
  12,
  -12,
  19.5,
  -19.5,
  20,
  -20,
  40,
  -40,
  700,
  -700,
  745,
  -745,
  750,
  -750,
  1e300,
  -1e300,
  ...Array.from({ length: 241 }, (_, i) => -12 + i * 0.1),
]);

/**
 * Equal to 1e-13 relative (fused loops round differently; near a root of f′ that shows up as 1e-15), NaN
 * equal to NaN. Their accuracy proper is checked against the mpmath references in catalog-references.test.ts.
 */
function close(got: number, want: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (got === want) return true;
  return Math.abs(got - want) <= 1e-13 * Math.abs(want) || Math.abs(got - want) < 1e-320;
}

function mismatches(
  name: string,
  got: ArrayLike<number>,
  want: (x: number) => number,
  xs: ArrayLike<number> = XS,
): string[] {
  const bad: string[] = [];
  for (let i = 0; i < xs.length; i++)
    if (!close(got[i], want(xs[i]))) bad.push(`${name}(${xs[i]}) = ${got[i]}, scalar ${want(xs[i])}`);
  return bad;
}

function checkAll(act: Activation): void {
  const n = XS.length;
  const out = new Float64Array(n),
    d = new Float64Array(n),
    g = new Float64Array(n),
    gin = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = 1 + (i % 7) * 0.25;
  expect(act.fArray(XS, out)).toBe(out);
  expect(mismatches("fArray", out, act.f)).toEqual([]);
  expect(act.dfArray(XS, d)).toBe(d);
  expect(mismatches("dfArray", d, act.df)).toEqual([]);
  out.fill(7);
  d.fill(7);
  expect(act.fdfArray(XS, out, d)).toBe(out);
  expect(mismatches("fdfArray f", out, act.f)).toEqual([]);
  expect(mismatches("fdfArray f′", d, act.df)).toEqual([]);
  expect(act.backwardArray(XS, g, gin)).toBe(gin);
  const bad: string[] = [];
  for (let i = 0; i < n; i++)
    if (!close(gin[i], g[i] * act.df(XS[i]))) bad.push(`backwardArray at ${XS[i]}: ${gin[i]}`);
  expect(bad).toEqual([]);
}

describe.each(CATALOG.map((e) => [e.id] as const))("%s array forms", (id) => {
  const act = activation(id);

  it("match the scalar f and f′ element by element", () => checkAll(act));

  it("work in place and into Float32Array", () => {
    const x = XS.slice();
    act.fArray(x, x);
    expect(mismatches("fArray in place", x, act.f)).toEqual([]);
    const y = XS.slice(),
      dy = new Float64Array(XS.length);
    act.fdfArray(y, y, dy);
    expect(mismatches("fdfArray in place", y, act.f)).toEqual([]);
    const x32 = Float32Array.from(XS.filter((v) => Math.abs(v) < 1e30));
    const o32 = new Float32Array(x32.length),
      d32 = new Float32Array(x32.length);
    act.fdfArray(x32, o32, d32);
    for (let i = 0; i < x32.length; i++) {
      const [f, df] = [Math.fround(act.f(x32[i])), Math.fround(act.df(x32[i]))];
      expect(Number.isNaN(f) ? Number.isNaN(o32[i]) : Math.abs(o32[i] - f) <= 2 ** -23 * Math.abs(f)).toBe(true);
      expect(Number.isNaN(df) ? Number.isNaN(d32[i]) : Math.abs(d32[i] - df) <= 2 ** -23 * Math.abs(df)).toBe(true);
    }
  });
});

describe("array forms with parameters and user activations", () => {
  it.each([
    ["leaky_relu", { negativeSlope: 0.2 }],
    ["softplus", { beta: 3 }],
    ["elu", { alpha: 0.3 }],
    ["hardtanh", { minVal: -0.5, maxVal: 2 }],
    ["softshrink", { lambd: 1.5 }],
  ] as const)("%s %o", (id, params) => checkAll(activation(id, params)));

  it("a defineActivation activation has them too", () => {
    checkAll(defineActivation({ id: "arrays_cube", f: (x) => x * x * x, df: (x) => 3 * x * x, d2f: (x) => 6 * x }));
  });
});

describe("array-form errors", () => {
  const act = activation("sigmoid");
  it("name the method and the array when lengths differ", () => {
    expect(() => act.fArray(new Float64Array(3), new Float64Array(2))).toThrowError(
      /sigmoid\.fArray: out has length 2 but x has length 3/,
    );
    expect(() => act.backwardArray(new Float64Array(3), new Float64Array(3), new Float64Array(4))).toThrowError(
      /gradIn has length 4/,
    );
  });
  it("reject plain arrays and aliased fdf outputs", () => {
    expect(() => act.dfArray([1, 2] as unknown as Float64Array, new Float64Array(2))).toThrowError(
      /x must be a Float64Array or Float32Array, got Array/,
    );
    const o = new Float64Array(2);
    expect(() => act.fdfArray(new Float64Array(2), o, o)).toThrowError(/out and dOut must be different/);
  });
});
