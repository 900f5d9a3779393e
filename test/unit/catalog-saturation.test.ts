// act.saturation(ε) = {x : |f′(x)| < ε}: closed forms where they exist, and a sampled check for every entry.
import { describe, expect, it } from "vitest";
import { activation } from "../../lib/src";
import { CATALOG } from "../../lib/src/catalog/public";

describe("saturation against closed forms", () => {
  it("sigmoid: |x| ≥ 2·acosh(1/(2√ε))", () => {
    for (const eps of [0.1, 1e-4, 1e-10]) {
      const edge = 2 * Math.acosh(1 / (2 * Math.sqrt(eps)));
      const s = activation("sigmoid").saturation(eps);
      expect(s.intervals.map((i) => [i.lo, i.hi])).toHaveLength(2);
      expect(s.intervals[0].lo).toBe(-Infinity);
      expect(Math.abs(s.intervals[0].hi + edge)).toBeLessThan(1e-12 * edge);
      expect(Math.abs(s.intervals[1].lo - edge)).toBeLessThan(1e-12 * edge);
    }
    expect(activation("sigmoid").saturation(1e-4).text).toBe("|f′(x)| < 0.0001 for x ≤ −9.21 and x ≥ 9.21");
  });

  it("tanh: |x| > acosh(1/√ε); relu: x ≤ 0 exactly, including the kink", () => {
    const t = activation("tanh").saturation(1e-6);
    expect(Math.abs(t.intervals[1].lo - Math.acosh(1e3))).toBeLessThan(1e-12);
    const r = activation("relu").saturation(0.5);
    expect(r.intervals).toEqual([{ lo: -Infinity, hi: 0, loClosed: false, hiClosed: true }]);
  });

  it("finds thin regions around roots of f′ (gelu near −0.7518) and none for never-flat activations", () => {
    const g = activation("gelu").saturation(1e-3);
    const inner = g.intervals.find((i) => i.lo > -1 && i.hi < 0)!;
    expect(inner.lo).toBeLessThan(-0.7517915246935645);
    expect(inner.hi).toBeGreaterThan(-0.7517915246935645);
    expect(activation("identity").saturation(0.5).intervals).toEqual([]);
    expect(activation("step").saturation(1e-9).intervals).toEqual([
      { lo: -Infinity, hi: Infinity, loClosed: false, hiClosed: false },
    ]);
  });

  it("sin: one interval per period π around π/2", () => {
    const s = activation("sin").saturation(0.01);
    expect(s.period).toBe(Math.PI);
    expect(s.intervals[0].lo).toBeCloseTo(Math.PI / 2 - Math.asin(0.01), 15);
  });

  it("rejects a non-positive ε", () => {
    expect(() => activation("tanh").saturation(0)).toThrowError(/eps must be a finite number > 0/);
  });
});

describe.each(CATALOG.filter((e) => e.id !== "sin").map((e) => [e.id] as const))("%s saturation", (id) => {
  it("holds exactly the sampled points with |f′| < ε", () => {
    const act = activation(id);
    for (const eps of [0.05, 1e-6]) {
      const { intervals } = act.saturation(eps);
      const inside = (x: number) => intervals.some((i) => x >= i.lo && x <= i.hi);
      const nearEdge = (x: number) =>
        intervals.some(
          (i) =>
            Math.abs(x - i.lo) < 1e-9 * Math.max(1, Math.abs(x)) ||
            Math.abs(x - i.hi) < 1e-9 * Math.max(1, Math.abs(x)),
        );
      const bad: string[] = [];
      for (let k = 0; k <= 4000; k++) {
        const x = -50 + k * 0.025 + 0.0031;
        if (nearEdge(x)) continue;
        if (inside(x) !== Math.abs(act.df(x)) < eps)
          bad.push(`x = ${x}: |f′| = ${Math.abs(act.df(x))}, inside = ${inside(x)}`);
      }
      for (const i of intervals) {
        if (Number.isFinite(i.lo)) expect(Math.abs(act.df(i.lo))).toBeLessThan(eps); // ends are inside the set
        if (Number.isFinite(i.hi)) expect(Math.abs(act.df(i.hi))).toBeLessThan(eps);
      }
      expect(bad).toEqual([]);
    }
  });
});
