// softmax and log_softmax against mpmath references, with their Jacobian–vector products.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { activation, vectorActivation } from "../../lib/src";
import { VECTOR_CATALOG, vectorActivationIds } from "../../lib/src/catalog/public";

const REFS = JSON.parse(readFileSync(new URL("../fixtures/activation-references.json", import.meta.url), "utf8")) as {
  vector: { id: string; x: number[]; v: number[]; f: number[]; jvp: number[]; jvp2: number[] }[];
};
const TINY = 2.2250738585072014e-308;
/** Largest element-wise relative error; `floor[i]` (default: the smallest normal) bounds the denominator from below. */
function rowErr(got: ArrayLike<number>, want: number[], floor: number[] = []): number {
  let e = 0;
  for (let i = 0; i < want.length; i++) {
    e = Math.max(
      e,
      Number.isNaN(got[i]) ? Infinity : Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), floor[i] ?? 0, TINY),
    );
  }
  return e;
}

describe("the vector table", () => {
  it("has softmax and log_softmax with formulas and properties", () => {
    expect(vectorActivationIds()).toEqual(["softmax", "log_softmax"]);
    for (const e of VECTOR_CATALOG)
      for (const s of [e.latex.f, e.latex.df, e.latex.d2f, e.summary, e.torch]) expect(s.length).toBeGreaterThan(5);
  });
});

describe.each(REFS.vector.map((r) => [r.id, JSON.stringify(r.x), r] as const))("%s(%s)", (id, _x, ref) => {
  const act = vectorActivation(id);
  it("f, J·v and d²/dt² f(x+tv) match the references", () => {
    expect(rowErr(act.f(ref.x), ref.f)).toBeLessThan(1e-13);
    expect(rowErr(act.jvp(ref.x, ref.v), ref.jvp)).toBeLessThan(1e-12);
    // NB: d²f is (vᵢ − v̄)² − Var(v) (times sᵢ for softmax), which cancels when outputs tie (x = [1e-300, −1e-300]);
    // its error is measured against the size of those terms, sᵢ·max|v|².
    const s = vectorActivation("softmax").f(ref.x);
    const vmax = Math.max(...ref.v.map(Math.abs));
    const terms = ref.x.map((_, i) => (id === "softmax" ? s[i] : 1) * vmax * vmax);
    expect(
      rowErr(
        act.jvp2(ref.x, ref.v),
        ref.jvp2,
        terms.map((t) => 1e-3 * t),
      ),
    ).toBeLessThan(1e-10);
  });
  it("vjp is the transpose of the Jacobian, and jvp its product", () => {
    const J = act.jacobian(ref.x);
    const n = ref.x.length;
    const jv = Array.from({ length: n }, (_, i) => J[i].reduce((s, a, j) => s + a * ref.v[j], 0));
    const jtv = Array.from({ length: n }, (_, j) => J.reduce((s, row, i) => s + row[j] * ref.v[i], 0));
    expect(rowErr(act.jvp(ref.x, ref.v), jv)).toBeLessThan(1e-12);
    expect(rowErr(act.vjp(ref.x, ref.v), jtv)).toBeLessThan(1e-12);
  });
  it("keeps its row identity and is shift-invariant", () => {
    const y = act.f(ref.x);
    const total = id === "softmax" ? y.reduce((s, v) => s + v, 0) : y.reduce((s, v) => s + Math.exp(v), 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-15 * ref.x.length);
    const shifted = act.f(ref.x.map((v) => v + 3));
    expect(rowErr(shifted, Array.from(y))).toBeLessThan(1e-12);
    const J = act.jacobian(ref.x);
    expect(Math.max(...J.flatMap((r) => Array.from(r, Math.abs)))).toBeLessThanOrEqual(
      act.properties.maxAbsJacobian.value,
    );
  });
});

describe("vector activations", () => {
  it("work row by row on a batch, into a given Float32Array", () => {
    const sm = vectorActivation("softmax");
    const batch = [1, 2, 3, 0, 0, 0];
    const out = sm.f(batch, new Float32Array(6), 3);
    expect(Array.from(out.slice(3))).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
    expect(Math.abs(out[2] - 0.6652409557748219)).toBeLessThan(1e-7);
  });
  it("are exact where naive formulas overflow or cancel", () => {
    expect(Array.from(vectorActivation("softmax").f([1000, 0]))).toEqual([1, Math.exp(-1000)]);
    expect(Array.from(vectorActivation("log_softmax").f([0, -1000]))).toEqual([0, -1000]);
    expect(vectorActivation("log_softmax").f([0, -40])[0]).toBeCloseTo(-Math.exp(-40), 300);
  });
  it("propagate NaN through the row", () => {
    expect(Array.from(vectorActivation("softmax").f([1, NaN, 2])).every(Number.isNaN)).toBe(true);
  });
  it("throw clear errors", () => {
    expect(() => vectorActivation("softmx")).toThrowError(
      /unknown vector activation "softmx"; valid ids are: softmax, log_softmax/,
    );
    expect(() => vectorActivation("relu")).toThrowError(/is a scalar activation: use activation\("relu"\)/);
    expect(() => activation("log_softmax")).toThrowError(/acts on whole vectors/);
    expect(() => vectorActivation("softmax").jvp([1, 2], [1])).toThrowError(/v has length 1 but x has length 2/);
    expect(() => vectorActivation("softmax").f([1, 2, 3], undefined, 2)).toThrowError(/not a multiple of rowLength 2/);
  });
});
