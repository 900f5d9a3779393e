import { describe, expect, it } from "vitest";
import { activationFigure, activationNames, saturatedIntervals } from "../../lib/src/figure/activation-figure";
import { decimate, minMaxIndices, strideIndices } from "../../lib/src/figure/decimate";
import { contourLevels, landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { layoutNodes, networkFigure } from "../../lib/src/figure/network-figure";
import { PAYLOAD_BUDGET } from "../../lib/src/figure/payload";
import { formatDuration, formatProgress, trainingFigure } from "../../lib/src/figure/training-figure";
import { validatePayload } from "../../lib/src/figure/validate";
import { forward, RELU, SIGMOID, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const bytes = (p: unknown) => Buffer.byteLength(JSON.stringify(p));

describe("decimation keeps the shape", () => {
  it("keeps every point when under budget", () => {
    expect(decimate(10, [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("keeps the ends and each bucket's min and max, so a one-sample spike survives", () => {
    const n = 1_000_000;
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 5000));
    y[123_457] = 50; // a spike no stride would hit
    y[876_543] = -50;
    const idx = decimate(n, [y], 1000);
    expect(idx.length).toBeLessThanOrEqual(1000);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(n - 1);
    expect(idx).toContain(123_457);
    expect(idx).toContain(876_543);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    // The kept points trace the sine: every kept value is the extreme of its own neighbourhood.
    const kept = idx.map((i) => y[i]);
    expect(Math.max(...kept)).toBe(50);
    expect(Math.min(...kept)).toBe(-50);
  });

  it("keeps gaps (non-finite values) as gaps", () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i === 500 ? NaN : i));
    const idx = minMaxIndices(1000, [y], 10);
    expect(idx).toContain(500);
  });

  it("shrinks the bucket count until the union over several arrays fits", () => {
    const n = 100_000;
    const ys = [0, 1, 2, 3].map((k) => Array.from({ length: n }, (_, i) => Math.sin(i * (0.001 + k * 0.37))));
    const idx = decimate(n, ys, 2000);
    expect(idx.length).toBeLessThanOrEqual(2000);
    expect(idx.length).toBeGreaterThan(1000);
  });

  it("subsamples grids evenly and keeps both ends", () => {
    expect(strideIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(strideIndices(1001, 5)).toEqual([0, 250, 500, 750, 1000]);
  });
});

describe("activationFigure", () => {
  it("finds sigmoid's saturated regions exactly: σ′(x) = ε at x = ±logit((1 + √(1 − 4ε))/2)", () => {
    const eps = 0.01;
    const s = (1 + Math.sqrt(1 - 4 * eps)) / 2;
    const edge = Math.log(s / (1 - s));
    const p = activationFigure([SIGMOID], { epsilon: eps }).payload;
    const sat = p.series[0].saturated!;
    expect(sat).toHaveLength(2);
    expect(sat[0][0]).toBe(-6);
    expect(sat[0][1]).toBeCloseTo(-edge, 12);
    expect(sat[1][0]).toBeCloseTo(edge, 12);
    expect(sat[1][1]).toBe(6);
  });

  it("from samples alone, interpolates the boundary to within the grid's curvature error", () => {
    const x = Array.from({ length: 121 }, (_, i) => -6 + i * 0.1);
    const df = x.map(SIGMOID.df);
    const [[, a]] = saturatedIntervals(x, df, 0.01);
    const s = (1 + Math.sqrt(0.96)) / 2;
    expect(Math.abs(a + Math.log(s / (1 - s)))).toBeLessThan(5e-3);
  });

  it("shades ReLU's flat half up to the kink, with PyTorch's relu′(0) = 0", () => {
    const p = activationFigure([RELU], { range: [-3, 3], points: 7 }).payload;
    expect(p.series[0].saturated).toHaveLength(1);
    const [[a, b]] = p.series[0].saturated!;
    expect(a).toBe(-3);
    expect(b).toBe(0);
    expect(p.series[0].df).toEqual([0, 0, 0, 0, 1, 1, 1]);
  });

  it("shows f and f′ by default, f″ on request, and carries ε", () => {
    expect(activationFigure([SIGMOID]).payload).toMatchObject({
      show: { f: true, df: true, d2f: false },
      epsilon: 0.01,
    });
    expect(activationFigure([SIGMOID], { show: { d2f: true } }).payload.show).toEqual({ f: true, df: true, d2f: true });
    expect(activationFigure([SIGMOID], { epsilon: 0 }).payload.series[0].saturated).toEqual([]);
  });

  it("stays under 1 MB for 1e6 points, keeping the exact peak of f′", () => {
    const fig = activationFigure([SIGMOID, RELU], { points: 1_000_001, range: [-10, 10] });
    const p = fig.payload;
    expect(bytes(p)).toBeLessThan(PAYLOAD_BUDGET);
    expect(p.x.length).toBeLessThanOrEqual(4000);
    expect(Math.max(...p.series[0].df)).toBe(0.25); // x = 0 is on the grid and is its bucket's max
    expect(fig.summary).toContain("sigmoid on [-10, 10]: max f′ = 0.25 at x = 0");
    validatePayload(JSON.parse(JSON.stringify(p)));
  });

  it("titles the x axis with xLabel; a short symbol also names the curves", () => {
    const z = activationFigure([SIGMOID], { xLabel: "z" });
    expect(z.payload.xLabel).toBe("z");
    expect(z.summary).toBe("sigmoid on [-6, 6]: max f′ = 0.25 at z = 0");
    expect(activationNames("z")).toEqual({ axis: "z", v: "z", f: "f(z)", df: "f′(z)", d2f: "f″(z)" });
    expect(activationNames("w₁")).toMatchObject({ v: "w₁", df: "f′(w₁)" });
    expect(activationNames("pre-activation z")).toEqual({
      axis: "pre-activation z",
      v: "x",
      f: "f(x)",
      df: "f′(x)",
      d2f: "f″(x)",
    });
    expect(activationNames(undefined)).toMatchObject({ axis: "x", v: "x" });
    expect(activationFigure([SIGMOID]).payload.xLabel).toBeUndefined();
  });

  it("rejects bad options with a message naming them", () => {
    expect(() => activationFigure([])).toThrow(/at least one activation/);
    expect(() => activationFigure([SIGMOID], { range: [1, 1] })).toThrow(/range must be .* a < b, got \[1, 1\]/);
    expect(() => activationFigure([SIGMOID], { epsilon: -1 })).toThrow(/epsilon must be a finite number ≥ 0, got -1/);
    expect(() => activationFigure([SIGMOID], { maxPoints: 2 })).toThrow(/maxPoints must be an integer ≥ 4/);
  });
});

describe("networkFigure", () => {
  it("the hand-built graph's path products sum to its gradient, which matches finite differences", () => {
    const g = smallNetwork();
    const h = 1e-6;
    const fd = (forward(0.8 + h, 0.1).J - forward(0.8 - h, 0.1).J) / (2 * h);
    const w = g.explanations[0];
    expect(w.sum).toBeCloseTo(w.grad, 14);
    expect(w.grad).toBeCloseTo(fd, 8);
  });

  it("lays out nodes left to right by layer, in [0, 1]², without crossings from the input order", () => {
    const nodes = layoutNodes(smallNetwork());
    const at = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(at.x1.x).toBe(0);
    expect(at.J.x).toBe(1);
    expect(nodes.every((n) => n.y > 0 && n.y < 1)).toBe(true);
    // a1 feeds from p1 (above p2), so it sits above a2.
    expect(at.a1.y).toBeLessThan(at.a2.y);
    // A leaf sits just before its first consumer: b feeds q (layer 2), so it shares p1's column, not x1's.
    expect(at.b.layer).toBe(0);
    expect(at.b.x).toBe(at.p1.x);
    expect(at.b.x).toBeGreaterThan(at.x1.x);
  });

  it("sends the paths largest first, counts what it leaves out, and keeps the selection", () => {
    const p = networkFigure(smallNetwork(), { maxPaths: 1 }).payload;
    const w = p.explanations.find((x) => x.param === "w")!;
    expect(w.paths).toHaveLength(1);
    expect(w.omitted).toBe(1);
    const all = smallNetwork().explanations[0].paths.map((x) => Math.abs(x.product));
    expect(Math.abs(w.paths[0].product)).toBe(Math.max(...all));
    expect(p.selected).toBe("w");
    expect(networkFigure(smallNetwork(), { selected: "b" }).payload.selected).toBe("b");
    expect(networkFigure(smallNetwork()).summary).toMatch(
      /∂J\/∂w = Σ of 2 path products = (-?[\d.]+) \(backward: \1\)/,
    );
  });

  it("names broken references", () => {
    const g = smallNetwork();
    expect(() =>
      networkFigure({ ...g, edges: [...g.edges, { from: "zz", to: "J", localLabel: "", local: 1 }] }),
    ).toThrow(/edges\[11\] refers to unknown node "zz"/);
    expect(() => networkFigure(g, { selected: "x1" })).toThrow(
      /selected "x1" has no explanation; explained parameters are: w, b/,
    );
    expect(() => networkFigure({ ...g, nodes: [...g.nodes, g.nodes[0]] })).toThrow(/node id "x1" appears twice/);
  });
});

describe("trainingFigure", () => {
  it("turns the history into one trace per curve and a log loss axis when the loss spans a decade", () => {
    const p = trainingFigure(trainingHistory(200)).payload;
    expect(p.losses.map((t) => t.name)).toEqual(["train", "test"]);
    expect(p.layers).toHaveLength(3);
    expect(p.layers[0].gradNorm.x).toEqual(trainingHistory(200).steps);
    expect(p.layers[1].dead.y).toEqual([]);
    expect(p.lossLog).toBe(false); // 2.03 → 0.35: less than a decade
    expect(trainingFigure(trainingHistory(2000)).payload.lossLog).toBe(true);
    expect(p.epsilon).toBe(0.01);
  });

  it("keeps a live payload small: 1e6 logged steps in well under 1 MB", () => {
    const fig = trainingFigure(trainingHistory(1_000_000, 4, undefined, { step: 1e6, total: 2e6, elapsedMs: 61_000 }));
    expect(bytes(fig.payload)).toBeLessThan(PAYLOAD_BUDGET / 1.5);
    const last = fig.payload.losses[0];
    expect(last.x[last.x.length - 1]).toBe(9_999_990);
    expect(fig.summary).toContain("step 1000000 / 2000000 (50%) · 1 min 01 s elapsed · ETA 1 min 01 s");
  });

  it("titles the first panel for curves that are not losses, and lets the caller choose its scale", () => {
    const p = trainingFigure(trainingHistory(2000), { lossTitle: "accuracy", lossLog: false }).payload;
    expect(p).toMatchObject({ lossTitle: "accuracy", lossLog: false });
    expect(trainingFigure(trainingHistory(10)).payload.lossTitle).toBeUndefined();
  });

  it("formats progress with an ETA from the pace so far", () => {
    expect(formatProgress({ step: 300, total: 1000, elapsedMs: 4200 })).toBe(
      "step 300 / 1000 (30%) · 4.2 s elapsed · ETA 9.8 s",
    );
    expect(formatProgress({ step: 0, total: 1000, elapsedMs: 0 })).toBe("step 0 / 1000 (0%) · 0.0 s elapsed · ETA –");
    expect(formatProgress({ step: 1000, total: 1000, elapsedMs: 65_000 })).toBe(
      "step 1000 / 1000 (100%) · 1 min 05 s elapsed · done",
    );
    expect(formatDuration(3_725_000)).toBe("1 h 02 min");
  });

  it("names mismatched lengths", () => {
    const h = trainingHistory(10);
    h.layers[1].saturated.pop();
    expect(() => trainingFigure(h)).toThrow(/layers\[1\] \("layer 2"\)\.saturated has 9 values but there are 10 steps/);
    const l = trainingHistory(10);
    l.losses[0].values.pop();
    expect(() => trainingFigure(l)).toThrow(
      /losses\[0\] \("train"\) has 9 values but there are 10 steps \(or give the curve its own steps\)/,
    );
    expect(() =>
      trainingFigure({ steps: [], layers: [], losses: [{ name: "a", steps: [0, 1], values: [1] }] }),
    ).toThrow(/losses\[0\] \("a"\) has 1 values but its own steps has 2/);
  });

  it("draws runs of different lengths: a loss curve may carry its own steps", () => {
    // A run that diverged at step 30 next to one that finished 100 steps; no per-layer data.
    const steps = Array.from({ length: 100 }, (_, i) => i);
    const fig = trainingFigure({
      steps,
      losses: [
        { name: "η = 0.1", values: steps.map((s) => Math.exp(-s / 30)) },
        {
          name: "η = 3 (diverged)",
          steps: steps.slice(0, 31),
          values: steps.slice(0, 31).map((s) => (s < 30 ? 2 ** s : Infinity)),
        },
      ],
      layers: [],
    });
    const [ok, bad] = fig.payload.losses;
    expect(ok.x).toEqual(steps);
    expect(bad.x).toEqual(steps.slice(0, 31));
    expect(bad.y[30]).toBe(Infinity);
    // ∞ is a gap, not the range: the finite values span 30 decades, so the loss axis is logarithmic.
    expect(fig.payload.lossLog).toBe(true);
    expect(fig.payload.layers).toEqual([]);
    expect(fig.summary).toBe(
      `training: 100 logged steps; η = 0.1 loss ${Number(Math.exp(-99 / 30).toPrecision(4))}; η = 3 (diverged) loss Infinity (step 30)`,
    );
    // Own steps need no shared steps at all.
    const alone = trainingFigure({
      steps: [],
      losses: [{ name: "run", steps: [0, 10, 20], values: [1, 0.5, 0.25] }],
      layers: [],
    });
    expect(alone.payload.losses[0]).toEqual({ name: "run", x: [0, 10, 20], y: [1, 0.5, 0.25], color: 0 });
    validatePayload(JSON.parse(JSON.stringify(fig.payload)));
  });
});

describe("trainingFigure colours", () => {
  /** Two runs of two layers each, as notebooks compare them: "A"'s curves, then "B"'s. */
  const twoRuns = (group: (run: string) => Partial<{ group: string; color: number }>) => {
    const h = trainingHistory(20, 2);
    const runs = ["A", "B"];
    return {
      steps: h.steps,
      losses: runs.map((r) => ({ name: `${r} train`, values: h.losses[0].values, ...group(r) })),
      layers: runs.flatMap((r) => h.layers.map((l) => ({ ...l, name: `${r}: ${l.name}`, ...group(r) }))),
    };
  };
  const looks = (h: Parameters<typeof trainingFigure>[0]) => {
    const p = trainingFigure(h).payload;
    return {
      losses: p.losses.map(({ color, dash }) => ({ color, dash })),
      layers: p.layers.map(({ color, shade }) => ({ color, shade })),
    };
  };

  it("by default every curve has its own colour: loss k takes k, layer k takes n + k (as before groups)", () => {
    expect(looks(twoRuns(() => ({})))).toEqual({
      losses: [{ color: 0 }, { color: 1 }],
      layers: [{ color: 2 }, { color: 3 }, { color: 4 }, { color: 5 }],
    });
  });

  it("a group shares one colour in every panel; its loss curves differ by dash, its layers by shade", () => {
    expect(looks(twoRuns((r) => ({ group: r })))).toEqual({
      losses: [{ color: 0 }, { color: 1 }],
      layers: [{ color: 0 }, { color: 0, shade: 0.5 }, { color: 1 }, { color: 1, shade: 0.5 }],
    });
    // Train and test of one run: one colour, the second dashed, a third dotted.
    const h = trainingHistory(10, 3);
    const grouped = looks({
      ...h,
      losses: [...h.losses, { name: "val", values: h.losses[1].values }].map((l) => ({ ...l, group: "run" })),
      layers: h.layers.map((l) => ({ ...l, group: "run" })),
    });
    expect(grouped.losses).toEqual([{ color: 0 }, { color: 0, dash: "dash" }, { color: 0, dash: "dot" }]);
    expect(grouped.layers).toEqual([{ color: 0 }, { color: 0, shade: 0.25 }, { color: 0, shade: 0.5 }]);
  });

  it("an explicit color wins, colours its group, and is skipped by the automatic ones", () => {
    const h = twoRuns((r) => ({ group: r }));
    h.losses[1] = { ...h.losses[1], color: 0 } as (typeof h.losses)[number]; // B's loss asks for blue: B is blue, A moves on
    expect(looks(h)).toEqual({
      losses: [{ color: 1 }, { color: 0 }],
      layers: [{ color: 1 }, { color: 1, shade: 0.5 }, { color: 0 }, { color: 0, shade: 0.5 }],
    });
    // A curve's own colour overrides its group's.
    h.layers[3] = { ...h.layers[3], color: 7 };
    expect(looks(h).layers[3]).toEqual({ color: 7 });
  });

  it("names a colour that is not a palette index", () => {
    const h = trainingHistory(5, 1);
    expect(() => trainingFigure({ ...h, layers: [{ ...h.layers[0], color: 1.5 }] })).toThrow(
      /layers\[0\] \("layer 1"\)\.color must be a palette index \(an integer ≥ 0\), got 1\.5/,
    );
    expect(() => trainingFigure({ ...h, losses: [{ ...h.losses[0], color: -1 }] })).toThrow(
      /losses\[0\] \("train"\)\.color must be a palette index/,
    );
  });
});

describe("landscapeFigure", () => {
  it("puts evenly spaced levels strictly inside the loss range", () => {
    expect(
      contourLevels(
        [
          [0, 1],
          [2, 3],
        ],
        2,
      ),
    ).toEqual({ start: 1, end: 2, size: 1 });
  });

  it("keeps the zigzag: the badly scaled path flips the sign of w2 every step", () => {
    const p = landscapeFigure(twoSlices()).payload;
    const [raw, std] = p.panels;
    const flips = raw.path.y.slice(1).filter((v, i) => Math.sign(v) !== Math.sign(raw.path.y[i])).length;
    expect(flips).toBe(raw.path.y.length - 1);
    expect(std.path.y.every((v) => v > 0)).toBe(true);
    expect(raw.path.step).toEqual(raw.path.x.map((_, i) => i));
    // The longest arrow is 7% of the panel; those under 0.5% (the raw slice's whole w2 = 0 row) are left out.
    const norm = (a: NonNullable<typeof raw.arrows>, k: number) =>
      Math.hypot((a.scale * a.u[k]) / 4, (a.scale * a.v[k]) / 4);
    expect(Math.max(...raw.arrows!.x.map((_, k) => norm(raw.arrows!, k)))).toBeCloseTo(0.07, 12);
    expect(raw.arrows!.x).toHaveLength(49 - 7);
    expect(raw.arrows!.y.every((v) => Math.abs(v) > 0.5)).toBe(true);
    expect(std.arrows!.x).toHaveLength(49 - 1);
  });

  it("stays under 1 MB for a 1000×1000 grid and a 1e6-step path, and keeps the path's extremes", () => {
    const big = twoSlices(1_000_000, 1000);
    const p = landscapeFigure(big).payload;
    expect(bytes(p)).toBeLessThan(PAYLOAD_BUDGET);
    expect(p.panels[0].x).toHaveLength(120);
    expect(p.panels[0].x[119]).toBe(2);
    expect(p.panels[0].path.x.length).toBeLessThanOrEqual(2000);
    expect(p.panels[0].path.y[0]).toBe(1.6);
    expect(p.panels[0].levels).toEqual(landscapeFigure(twoSlices(10, 1000)).payload.panels[0].levels);
  });

  it("names grids whose shapes disagree", () => {
    const [s] = twoSlices();
    expect(() => landscapeFigure([{ ...s, z: s.z.slice(1) }])).toThrow(
      /slices\[0\] \("raw inputs \(badly scaled\)"\): z has 60 rows but y has 61 values/,
    );
    expect(() => landscapeFigure([])).toThrow(/at least one slice/);
  });
});
