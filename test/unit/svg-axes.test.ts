// Axes of the static SVG: ticks that always read, lines that survive log axes, drawing clipped to the frame.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { figureId } from "../../lib/src/figure/scene/panel";
import { pathData } from "../../lib/src/svg/draw-scene";
import { linearScale, logTicks, niceTicks, tickLabels } from "../../lib/src/figure/scene/scale";
import { RELU, SIGMOID, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const parse = (svg: string): Document => new DOMParser().parseFromString(svg, "image/svg+xml");
const all = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag)) as Element[];

/** Ticks must be ≥ 3, inside [lo, hi], evenly spaced, with labels that differ from their neighbours. */
function checkTicks(ticks: number[], lo: number, hi: number): void {
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  const span = hi - lo;
  for (const t of ticks) {
    expect(t).toBeGreaterThanOrEqual(lo - span * 1e-9);
    expect(t).toBeLessThanOrEqual(hi + span * 1e-9);
  }
  const step = ticks[1] - ticks[0];
  for (let i = 2; i < ticks.length; i++)
    expect(Math.abs(ticks[i] - ticks[i - 1] - step)).toBeLessThan(Math.abs(step) * 1e-6);
  const labels = tickLabels(ticks);
  expect(new Set(labels).size).toBe(labels.length);
}

describe("niceTicks: at least 3 readable ticks for any range", () => {
  // [lo, hi, count, the expected ticks (worked out by hand) or null for the properties alone]
  const cases: [number, number, number, number[] | null][] = [
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-6, 6, 3, [-5, 0, 5]],
    [0.1, 0.9, 2, [0.2, 0.4, 0.6, 0.8]], // one step of 0.5 would give 0.5 alone
    [0.3, 0.7, 2, [0.3, 0.4, 0.5, 0.6, 0.7]],
    [-0.12, 0.12, 3, [-0.1, 0, 0.1]],
    [1000, 1000.5, 3, [1000, 1000.2, 1000.4]],
    [0.999, 1.001, 2, null],
    [1e6, 1e6 + 1e-3, 3, null],
    [-1e-9, 1e-9, 3, null],
    [123.456, 123.4561, 4, null],
    [-1e300, 1e300, 5, null],
  ];
  it.each(cases)("[%s, %s] about %s ticks", (lo, hi, count, expected) => {
    const ticks = niceTicks(lo, hi, count);
    if (expected) expect(ticks).toEqual(expected);
    checkTicks(ticks, lo, hi);
  });

  it("labels get more digits only as far as neighbours need", () => {
    expect(tickLabels([1000, 1000.2, 1000.4])).toEqual(["1000", "1000.2", "1000.4"]);
    expect(tickLabels([0, 0.5, 1])).toEqual(["0", "0.5", "1"]);
    expect(tickLabels([1e6, 1e6 + 2e-4, 1e6 + 4e-4])).toEqual(["1e+6", "1.0000000002e+6", "1.0000000004e+6"]);
  });
});

describe("logTicks: at least 3 labels on any log axis", () => {
  const L = Math.log10;
  // [value range, expected labels]
  const cases: [[number, number], string[]][] = [
    [
      [1e-3, 1],
      ["0.001", "0.01", "0.1", "1"],
    ],
    [
      [1e-12, 1e6],
      ["1e-12", "1e-8", "1e-4", "1", "10000"],
    ], // 19 decades, every 4th
    [
      [0.02, 0.3],
      ["0.02", "0.05", "0.1", "0.2"],
    ], // one decade inside: 1-2-5
    [
      [0.3, 2.2],
      ["0.5", "1", "2"],
    ],
    [
      [0.5, 0.9],
      ["0.5", "0.6", "0.7", "0.8", "0.9"],
    ], // no decade: 1…9
    [
      [1.0001, 1.0003],
      ["1.0001", "1.00015", "1.0002", "1.00025", "1.0003"],
    ], // narrower: linear steps of the value
  ];
  it.each(cases)("%j", ([a, b], labels) => {
    const ticks = logTicks(L(a), L(b));
    expect(ticks.map((t) => t.label)).toEqual(labels);
    for (const t of ticks) expect(10 ** t.at).toBeCloseTo(Number(t.label), 12);
  });
});

describe("pathData", () => {
  const sx = linearScale([0, 4], [0, 400]);
  const logY = (v: number) => linearScale([-2, 0], [100, 0])(Math.log10(v));

  it("breaks the line where a value has no place on a log axis (0, negatives), and never writes NaN", () => {
    const d = pathData([0, 1, 2, 3, 4], [0.01, 0.1, 0, 0.1, -1], sx, logY);
    expect(d).toBe("M0.0 100.0L100.0 50.0M300.0 50.0");
    expect(d).not.toMatch(/NaN|Infinity/);
  });

  it("breaks the line at NaN and ±∞", () => {
    const sy = linearScale([0, 1], [100, 0]);
    expect(pathData([0, 1, 2, 3, 4], [0, NaN, 1, Infinity, 0.5], sx, sy)).toBe("M0.0 100.0M200.0 0.0M400.0 50.0");
  });
});

describe("the static SVG on log axes and narrow ranges", () => {
  it("a loss that reaches 0 on a log axis leaves a gap, and the rest of the curve is drawn", () => {
    const h = trainingHistory(40, 1);
    h.losses[0].values[20] = 0;
    const svg = trainingFigure(h, { lossLog: true }).toSvg();
    expect(svg).not.toMatch(/NaN|Infinity/);
    const doc = parse(svg);
    const train = all(doc, "path").find((p) => p.getAttribute("stroke") === "#4e79a7")!;
    expect(train.getAttribute("d")!.match(/M/g)).toHaveLength(2);
  });

  it("a narrow x range still gets at least 3 tick labels", () => {
    const doc = parse(activationFigure([SIGMOID], { range: [0.1, 0.9] }).toSvg());
    const xTicks = all(doc, "text").filter((t) => t.getAttribute("y") === String(52 + 200 + 16));
    expect(xTicks.length).toBeGreaterThanOrEqual(2 * 3);
  });
});

describe("clipping to the frame", () => {
  it("the activation figure's tangent is clipped to the f panel's frame", () => {
    // ReLU's tangent at its steepest point heads below the panel; the clip keeps it inside.
    const doc = parse(activationFigure([SIGMOID, RELU], { range: [-3, 3] }).toSvg());
    const tangents = all(doc, "title")
      .filter((t) => /tangent at x₀/.test(t.textContent ?? ""))
      .map((t) => t.parentNode as Element);
    expect(tangents).toHaveLength(2);
    for (const g of tangents) {
      const clipped = g.parentNode as Element;
      const id = /^url\(#(.+)\)$/.exec(clipped.getAttribute("clip-path") ?? "")![1];
      const clip = all(doc, "clipPath").find((c) => c.getAttribute("id") === id)!;
      const rect = clip.getElementsByTagName("rect")[0];
      // The f panel: left 55, top 52, 200 px high (plus 2 px of slack for line widths).
      expect([rect.getAttribute("x"), rect.getAttribute("y"), rect.getAttribute("height")]).toEqual([
        "53",
        "50",
        "204",
      ]);
    }
  });

  it("clipPath ids are unique per figure, and the same payload gives the same ids", () => {
    const a = activationFigure([SIGMOID]);
    const b = activationFigure([RELU]);
    expect(figureId(a.payload)).not.toBe(figureId(b.payload));
    expect(figureId(activationFigure([SIGMOID]).payload)).toBe(figureId(a.payload));
    const ids = (svg: string) => all(parse(svg), "clipPath").map((c) => c.getAttribute("id"));
    const both = [
      ...ids(a.toSvg()),
      ...ids(b.toSvg()),
      ...ids(trainingFigure(trainingHistory(20)).toSvg()),
      ...ids(landscapeFigure(twoSlices(5, 11)).toSvg()),
    ];
    expect(both.length).toBe(2 + 2 + 3 + 2);
    expect(new Set(both).size).toBe(both.length);
  });

  it("the HTML exporter's own allowlist (export.py) accepts every kind's SVG, clip paths included", () => {
    const svgs = [
      activationFigure([SIGMOID, RELU], { show: { d2f: true }, xLabel: "z" }).toSvg(),
      networkFigure(smallNetwork()).toSvg(),
      trainingFigure(trainingHistory(100)).toSvg(),
      trainingFigure(
        { steps: [], losses: [{ name: "run", steps: [0, 1, 2], values: [1, 0, 0.5] }], layers: [] },
        { lossLog: true },
      ).toSvg(),
      landscapeFigure(twoSlices(20, 21)).toSvg(),
      curvesFigure([
        {
          xLog: true,
          lines: [{ name: "f", f: Math.log, range: [0.1, 10] }],
          points: [{ name: "p", x: [1, 2], y: [0, 1], group: ["a", "b"] }],
          bands: [{ from: 1, to: 2, label: "train" }],
        },
        {},
      ]).toSvg(),
    ];
    const root = path.resolve(__dirname, "../..");
    const py = spawnSync(
      path.join(root, ".venv/bin/python"),
      [
        "-c",
        "import json,sys; from actigrad_renderer.export import is_safe_svg; print(json.dumps([is_safe_svg(s) for s in json.load(sys.stdin)]))",
      ],
      {
        input: JSON.stringify(svgs),
        encoding: "utf8",
        cwd: path.join(root, "extension"),
      },
    );
    expect(py.stderr).toBe("");
    expect(JSON.parse(py.stdout)).toEqual(svgs.map(() => true));
    // …and rejects a clip-path that points outside the document.
    const evil = svgs[0].replace(/clip-path="url\(#[\w-]+\)"/, 'clip-path="url(http://x/#a)"');
    const bad = spawnSync(
      path.join(root, ".venv/bin/python"),
      ["-c", "import sys; from actigrad_renderer.export import is_safe_svg; print(is_safe_svg(sys.stdin.read()))"],
      { input: evil, encoding: "utf8", cwd: path.join(root, "extension") },
    );
    expect(bad.stdout.trim()).toBe("False");
  }, 30_000); // NB: two Python starts, slow on a loaded machine
});
