import { describe, expect, it } from "vitest";
import {
  blobs,
  circles,
  moons,
  net321Data,
  oneHot,
  polynomial,
  sine,
  spirals,
  xor,
  type Dataset,
} from "../../lib/src/data";
import { toRows } from "../../lib/src/nn";

const GENERATORS: [string, (o: { seed?: number; shuffle?: boolean }) => Dataset][] = [
  ["xor", (o) => xor({ n: 40, noise: 0.1, ...o })],
  ["moons", (o) => moons(o)],
  ["circles", (o) => circles(o)],
  ["spirals", (o) => spirals(o)],
  ["blobs", (o) => blobs(o)],
  ["sine", (o) => sine({ noise: 0.1, ...o }).train],
  ["polynomial", (o) => polynomial({ noise: 0.1, ...o }).train],
  ["net321Data", (o) => net321Data(o)],
];

describe.each(GENERATORS)("%s", (_, make) => {
  it("is the same for the same seed and differs for another", () => {
    const a = make({ seed: 1 }),
      b = make({ seed: 1 }),
      c = make({ seed: 2 });
    expect(a.x.data).toEqual(b.x.data);
    expect(a.y.data).toEqual(b.y.data);
    expect(a.x.data).not.toEqual(c.x.data);
    expect(a.y.rows).toBe(a.x.rows);
    expect(a.x.data.every(Number.isFinite)).toBe(true);
  });
});

const sorted = (d: Dataset) => Array.from(d.y.data).every((v, i, a) => i === 0 || a[i - 1] <= v);

describe("classification sets", () => {
  it("xor defaults to the truth table", () => {
    const d = xor();
    expect(toRows(d.x)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(Array.from(d.y.data)).toEqual([0, 1, 1, 0]);
    expect(d.classes).toBe(2);
  });

  it("moons without noise lie on their two arcs", () => {
    const d = moons({ n: 100, noise: 0 });
    for (const [[x, y], [c]] of toRows(d.x).map((r, i) => [r, toRows(d.y)[i]])) {
      if (c === 0) (expect(Math.hypot(x, y)).toBeCloseTo(1, 12), expect(y).toBeGreaterThanOrEqual(-1e-12));
      else (expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12), expect(y).toBeLessThanOrEqual(0.5 + 1e-12));
    }
    expect(Array.from(d.y.data).filter((c) => c === 1)).toHaveLength(50);
  });

  it("circles without noise have radii 1 and factor", () => {
    const d = circles({ n: 60, noise: 0, factor: 0.3 });
    toRows(d.x).forEach(([x, y], i) => expect(Math.hypot(x, y)).toBeCloseTo(d.y.data[i] === 0 ? 1 : 0.3, 12));
  });

  it("spirals have the requested classes, balanced, within the unit disc", () => {
    const d = spirals({ n: 301, classes: 3, noise: 0 });
    const counts = [0, 1, 2].map((c) => Array.from(d.y.data).filter((v) => v === c).length);
    expect(counts).toEqual([101, 100, 100]);
    for (const [x, y] of toRows(d.x)) expect(Math.hypot(x, y)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("blobs gather around their centers", () => {
    const centers = [
      [0, 0],
      [10, -5],
    ];
    const d = blobs({ n: 2000, centers, std: 0.5, seed: 4 });
    centers.forEach((c, k) => {
      const rows = toRows(d.x).filter((_, i) => d.y.data[i] === k);
      const mean = [0, 1].map((j) => rows.reduce((s, r) => s + r[j], 0) / rows.length);
      expect(Math.hypot(mean[0] - c[0], mean[1] - c[1])).toBeLessThan(0.05);
    });
  });

  it("keeps classes grouped when not shuffled (the i.i.d. lesson), and mixes them by default", () => {
    expect(sorted(moons({ shuffle: false }))).toBe(true);
    expect(sorted(moons())).toBe(false);
    expect(sorted(spirals({ shuffle: false, classes: 4 }))).toBe(true);
  });

  it("oneHot turns class indices into rows", () => {
    const d = blobs({ n: 6, classes: 3 });
    const h = oneHot(d.y, 3);
    toRows(h).forEach((row, i) => expect(row).toEqual([0, 1, 2].map((c) => (c === d.y.data[i] ? 1 : 0))));
    expect(() => oneHot(d.y, 2)).toThrowError(/not a class index in \[0, 1\]/);
  });
});

describe("regression sets", () => {
  it("sine trains on [−π, π] and extrapolates over [−2π, 2π]", () => {
    const s = sine({ n: 50, nExtrapolation: 9 });
    for (let i = 0; i < 50; i++) {
      const x = s.train.x.data[i];
      expect(x).toBeGreaterThanOrEqual(-Math.PI);
      expect(x).toBeLessThanOrEqual(Math.PI);
      expect(s.train.y.data[i]).toBe(Math.sin(x));
    }
    expect(Array.from(s.extrapolation.x.data)).toEqual(
      Array.from({ length: 9 }, (_, i) => -2 * Math.PI + (4 * Math.PI * i) / 8),
    );
    expect(s.extrapolationRange).toEqual([-2 * Math.PI, 2 * Math.PI]);
  });

  it("polynomial defaults to x³ − x and takes coefficients and ranges", () => {
    const p = polynomial({ n: 10 });
    for (let i = 0; i < 10; i++) {
      const x = p.train.x.data[i];
      expect(p.train.y.data[i]).toBeCloseTo(x ** 3 - x, 14);
    }
    const q = polynomial({ coefficients: [1, 2], trainRange: [0, 1], extrapolationRange: [1, 3] });
    expect(q.f(2)).toBe(5);
    expect(Math.min(...q.extrapolation.x.data)).toBe(1);
  });

  it("the 3-2-1 set maps R³ to [0, 1]", () => {
    const d = net321Data({ n: 100 });
    expect([d.x.rows, d.x.cols, d.y.rows, d.y.cols]).toEqual([100, 3, 100, 1]);
    expect(d.y.data.every((y) => y >= 0 && y <= 1)).toBe(true);
    expect(d.x.data.every((x) => Math.abs(x) <= 2)).toBe(true);
  });

  it("rejects a bad sample count", () => {
    expect(() => moons({ n: 1.5 })).toThrowError("moons: n must be an integer ≥ 2, got 1.5");
  });
});
