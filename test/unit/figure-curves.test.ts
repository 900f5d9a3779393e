// The "curves" kind: x–y panels from plain arrays or functions, for fits with their data, 1-D losses and any f(x).
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { curvesScene, thinnedNote } from "../../lib/src/figure/scene/curves";
import {
  DARK_PALETTE as DARK,
  DARK_THEME,
  LIGHT_THEME,
  PALETTE as LIGHT,
  type SceneTheme,
} from "../../lib/src/figure/theme";
import { toPlotly } from "../../lib/src/plotly/to-plotly";
import { curvesFigure, thinPoints } from "../../lib/src/figure/curves-figure";
import { PAYLOAD_BUDGET } from "../../lib/src/figure/payload";
import { validatePayload } from "../../lib/src/figure/validate";
import { XSS } from "./figure-fixtures";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const [light, dark] = [LIGHT_THEME, DARK_THEME];
/** The Lab figure of a curves payload, as the extension draws it. */
const curvesPlot = (p: Parameters<typeof curvesScene>[0], theme: SceneTheme, hidden: string[] = []) =>
  toPlotly(curvesScene(p, { theme, hidden }));
const bytes = (p: unknown) => Buffer.byteLength(JSON.stringify(p));
const parse = (svg: string): Document => new DOMParser().parseFromString(svg, "image/svg+xml");
const all = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag)) as Element[];
const titles = (doc: Document) => all(doc, "title").map((t) => t.textContent ?? "");
const texts = (doc: Document) => all(doc, "text").map((t) => t.textContent ?? "");

/** The regression picture: a "network" (here a closed form) fitted on [−π, π], drawn on [−4π, 4π], with its data. */
function fitFigure() {
  const train = Array.from({ length: 20 }, (_, i) => -Math.PI + (2 * Math.PI * i) / 19);
  const held = [-10, -7, 7, 10];
  const net = (x: number) => Math.tanh(x);
  return curvesFigure({
    title: "Trained on [−π, π]",
    xLabel: "x",
    yLabel: "y",
    lines: [
      { name: "sin(x)", f: Math.sin, range: [-4 * Math.PI, 4 * Math.PI], dash: "dot" },
      { name: "tanh net", f: net, range: [-4 * Math.PI, 4 * Math.PI] },
    ],
    points: [
      {
        name: "data",
        x: [...train, ...held],
        y: [...train, ...held].map(Math.sin),
        group: [...train.map(() => "train"), ...held.map(() => "held out")],
      },
    ],
    bands: [{ from: -Math.PI, to: Math.PI, label: "training range" }],
  });
}

describe("curvesFigure builds the payload", () => {
  it("samples each function line at 401 evenly spaced x over its range, exactly", () => {
    const p = fitFigure().payload;
    expect(p).toMatchObject({ version: 1, kind: "curves", title: "Trained on [−π, π]" });
    const [panel] = p.panels;
    expect(panel.title).toBe(""); // a single panel's title is the figure's, not shown twice
    const [sin, net] = panel.lines;
    expect(sin.x).toHaveLength(401);
    expect(sin.x[0]).toBe(-4 * Math.PI);
    expect(sin.x[400]).toBe(4 * Math.PI);
    expect(sin.x[200]).toBeCloseTo(0, 14);
    expect(net.y).toEqual(net.x.map(Math.tanh));
    expect(sin.dash).toBe("dot");
    expect(net.dash).toBeUndefined();
    expect(panel.bands).toEqual([{ from: -Math.PI, to: Math.PI, label: "training range" }]);
    validatePayload(JSON.parse(JSON.stringify(p)));
  });

  it("groups points by their labels, in order of first appearance, each group its own colour", () => {
    const [panel] = fitFigure().payload.panels;
    const [data] = panel.points;
    expect(data.groups).toEqual(["train", "held out"]);
    expect(data.group).toEqual([...Array(20).fill(0), 1, 1, 1, 1]);
    expect(data.colors).toEqual([2, 3]); // after the two lines' colours 0 and 1
    expect(data.omitted).toBeUndefined();
    // Numbers as group labels work too (e.g. classes).
    const q = curvesFigure({ points: [{ name: "classes", x: [0, 1, 2], y: [0, 1, 2], group: [1, 0, 1] }] }).payload
      .panels[0].points[0];
    expect(q.groups).toEqual(["1", "0"]);
    expect(q.group).toEqual([0, 1, 0]);
  });

  it("gives a legend name one colour in every panel, unless the caller picks one", () => {
    const p = curvesFigure([
      {
        lines: [
          { name: "L", x: [0, 1], y: [1, 0] },
          { name: "L′", x: [0, 1], y: [0, 0] },
        ],
      },
      {
        lines: [
          { name: "L′", x: [0, 1], y: [2, 2] },
          { name: "other", x: [0, 1], y: [3, 3], color: 7 },
        ],
        points: [{ name: "L", x: [0.5], y: [0.5] }],
      },
    ]).payload;
    expect(p.panels[0].lines.map((l) => l.color)).toEqual([0, 1]);
    expect(p.panels[1].lines.map((l) => l.color)).toEqual([1, 7]);
    expect(p.panels[1].points[0].colors).toEqual([0]);
    expect(p.title).toBe("Curves");
  });

  it("takes typed arrays (a tensor's .data) and ranges held in variables, and sends plain JSON arrays", () => {
    const xs = Float64Array.from([0, 1, 2]);
    const range: number[] = [0, 2];
    const p = curvesFigure({
      lines: [
        { name: "l", x: xs, y: Float64Array.from([1, 2, 3]) },
        { name: "f", f: (x) => 2 * x, range, points: 3 },
      ],
      points: [{ name: "p", x: xs, y: xs }],
      xRange: range,
    }).payload;
    expect(p.panels[0].lines[0]).toEqual({ name: "l", x: [0, 1, 2], y: [1, 2, 3], color: 0 });
    expect(p.panels[0].lines[1].y).toEqual([0, 2, 4]);
    expect(Array.isArray(p.panels[0].points[0].x)).toBe(true);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(() => curvesFigure({ points: [{ name: "p", x: 3 as never, y: [1] }] })).toThrow(
      /points\[0\] \("p"\): x and y must be arrays \(or typed arrays\) of numbers/,
    );
  });

  it("samples evenly in log₁₀ on a log x axis", () => {
    const [line] = curvesFigure({ xLog: true, lines: [{ name: "x²", f: (x) => x * x, range: [1e-3, 1e3], points: 7 }] })
      .payload.panels[0].lines;
    expect(line.x.map((v) => Math.log10(v))).toEqual([-3, -2, -1, 0, 1, 2, 3].map((v) => expect.closeTo(v, 12)));
    expect(line.x[0]).toBe(1e-3);
    expect(line.x[6]).toBe(1e3);
  });

  it("names every problem with the panel, the line and the valid choices", () => {
    expect(() => curvesFigure([])).toThrow(/^curvesFigure: give at least one panel$/);
    expect(() => curvesFigure({ lines: [{ name: "a", x: [1, 2], y: [1] }] })).toThrow(
      /^curvesFigure: panels\[0\]\.lines\[0\] \("a"\): x has 2 values but y has 1$/,
    );
    expect(() => curvesFigure({ lines: [{ name: "f", f: Math.sin } as never] })).toThrow(
      /lines\[0\] \("f"\): a line from a function needs range: \[a, b\]/,
    );
    expect(() => curvesFigure({ lines: [{ name: "f", f: Math.sin, range: [1, 0] }] })).toThrow(
      /\.range must be two finite numbers \[a, b\] with a < b, got \[1,0\]/,
    );
    expect(() => curvesFigure({ xLog: true, lines: [{ name: "f", f: Math.log, range: [0, 1] }] })).toThrow(
      /\.range must be positive on a log axis, got \[0, 1\]/,
    );
    expect(() => curvesFigure({ lines: [{ name: "a", x: [1], y: [1], dash: "dashed" as never }] })).toThrow(
      /dash must be one of solid, dash, dot, got "dashed"/,
    );
    expect(() => curvesFigure({ lines: [{ name: "a", x: [1], y: [1], markers: "yes" as never }] })).toThrow(
      /lines\[0\] \("a"\)\.markers must be true or false, got "yes"/,
    );
    expect(() => curvesFigure({ points: [{ name: "p", x: [1, 2], y: [1, 2], group: ["a"] }] })).toThrow(
      /points\[0\] \("p"\): group must give one name per point \(2\), got 1/,
    );
    expect(() => curvesFigure({ points: [{ name: "p", x: [1], y: [1], group: ["a"], color: 2 }] })).toThrow(
      /color applies to ungrouped points/,
    );
    expect(() => curvesFigure({ lines: [{ name: "a", x: [1], y: [1], color: -1 }] })).toThrow(
      /color must be a palette index \(an integer ≥ 0\), got -1/,
    );
    expect(() => curvesFigure({ bands: [{ from: 2, to: 1 }] })).toThrow(/bands\[0\] must have numbers from < to/);
    expect(() => curvesFigure({ yLog: true, yRange: [-1, 1] })).toThrow(
      /panels\[0\]\.yRange must be positive on a log axis/,
    );
  });

  it("summarizes each panel for text/plain", () => {
    expect(fitFigure().summary).toBe(
      "curves: Trained on [−π, π]: sin(x) (401 points on [-12.57, 12.57]), tanh net (401 points on [-12.57, 12.57]), data (24 points in 2 groups)",
    );
  });
});

describe("curvesFigure stays under budget", () => {
  it("a 1e6-point line keeps each bucket's extremes, so a one-sample spike survives", () => {
    const n = 1_000_000;
    const x = Array.from({ length: n }, (_, i) => i / n);
    const y = x.map((v) => Math.sin(20 * v));
    y[654_321] = 9;
    const [line] = curvesFigure({ lines: [{ name: "big", x, y }] }).payload.panels[0].lines;
    expect(line.x.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...line.y)).toBe(9);
    expect(line.x[0]).toBe(0);
    expect(line.x[line.x.length - 1]).toBe(x[n - 1]);
  });

  it("a 1e6-point cloud keeps its outlier, every group, and says how many it left out", () => {
    const n = 1_000_000;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i * 0.7311) * Math.cos(i * 0.1234));
    const y = Array.from({ length: n }, (_, i) => Math.sin(i * 1.618));
    x[777_777] = 50; // far out: alone in its cell
    const group = x.map((_, i) => (i % 100_000 === 3 ? "rare" : "common")); // 10 rare points
    const fig = curvesFigure({ points: [{ name: "cloud", x, y, group }] });
    const s = fig.payload.panels[0].points[0];
    expect(s.x.length).toBeLessThanOrEqual(5000);
    expect(s.x.length).toBeGreaterThan(2500);
    expect(s.x).toContain(50);
    expect(s.group!.filter((g) => g === s.groups.indexOf("rare"))).toHaveLength(10);
    expect(s.omitted).toBe(n - s.x.length);
    expect(thinnedNote(fig.payload)).toBe(
      `cloud: ${s.x.length} of 1000000 points shown (one per occupied cell of a fine grid)`,
    );
  });

  it("points along a curve keep detail: the grid is refined while it keeps under half the budget", () => {
    const n = 200_000;
    const x = Array.from({ length: n }, (_, i) => i / n);
    const idx = thinPoints(
      x,
      x.map((v) => v * v),
      undefined,
      5000,
    );
    expect(idx.length).toBeGreaterThan(2500);
    expect(idx.length).toBeLessThanOrEqual(5000);
  });

  it("several 1e6-point lines and clouds in several panels stay under 1 MB", () => {
    const n = 1_000_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((v) => Math.sin(v * 0.001) + 1e-7 * v);
    const panel = {
      lines: [1, 2, 3].map((k) => ({ name: `line ${k}`, x, y: y.map((v) => v * k) })),
      points: [{ name: "cloud", x, y: y.map((v, i) => v + Math.sin(i * 7.31)), group: x.map((i) => String(i % 3)) }],
    };
    const p = curvesFigure([panel, panel, panel]).payload;
    expect(bytes(p)).toBeLessThan(PAYLOAD_BUDGET);
    const svg = curvesFigure([panel, panel, panel]).toSvg();
    expect(Buffer.byteLength(svg)).toBeLessThanOrEqual(200 * 1024);
  });
});

describe("the curves SVG", () => {
  it("draws each line, each group's dots, the shaded training range and the legend, with hover titles", () => {
    const doc = parse(fitFigure().toSvg());
    const t = titles(doc);
    expect(t).toContain("training range: x from -3.142 to 3.142");
    expect(t).toContain("train: x = -3.142, y = -1.225e-16");
    expect(t).toContain("held out: x = 10, y = -0.544");
    expect(t.filter((s) => s.startsWith("tanh net: x = "))).toHaveLength(Math.ceil(401 / Math.floor(401 / 41))); // every 9th of 401
    expect(texts(doc)).toEqual(
      expect.arrayContaining([
        "Trained on [−π, π]",
        "training range",
        "sin(x)",
        "tanh net",
        "train",
        "held out",
        "x",
        "y",
      ]),
    );
    const paths = all(doc, "path");
    const stroke = (c: string) => paths.filter((p) => p.getAttribute("stroke") === c);
    expect(stroke(LIGHT[0])[0].getAttribute("stroke-dasharray")).toBe("2 3"); // sin(x), dotted
    expect(stroke(LIGHT[2])[0].getAttribute("d")!.match(/h0/g)).toHaveLength(20); // 20 train dots
    expect(stroke(LIGHT[3])[0].getAttribute("stroke-linecap")).toBe("round");
    const band = all(doc, "rect").find((r) => r.getAttribute("fill-opacity") === "0.12")!;
    expect(Number(band.getAttribute("width"))).toBeGreaterThan(100);
  });

  it("puts panels side by side, up to three a row, with one legend entry per name", () => {
    const panels = [1, 2, 3, 4].map((k) => ({
      title: `panel ${k}`,
      lines: [{ name: "shared", x: [0, 1], y: [0, k] }],
    }));
    const doc = parse(curvesFigure(panels, { title: "four" }).toSvg());
    const frames = all(doc, "g").filter((g) => g.getAttribute("class") === "panel");
    expect(frames).toHaveLength(4);
    const tops = frames.map((g) =>
      g.getElementsByTagName("rect")[g.getElementsByTagName("rect").length - 1].getAttribute("y"),
    );
    expect(new Set(tops.slice(0, 3)).size).toBe(1);
    expect(tops[3]).not.toBe(tops[0]);
    expect(texts(doc).filter((s) => s === "shared")).toHaveLength(1);
  });

  it("markers: true puts a marker with a hover title at each of the line's points, and one legend entry", () => {
    const depth = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
    const fig = curvesFigure({
      xLabel: "depth",
      yLabel: "ratio",
      lines: [
        { name: "sigmoid", x: depth, y: depth.map((d) => 0.3 ** d), markers: true },
        { name: "relu", x: depth, y: depth.map(() => 1) },
      ],
    });
    expect(fig.payload.panels[0].lines.map((l) => l.markers)).toEqual([true, undefined]);
    const doc = parse(fig.toSvg());
    const markers = all(doc, "path").filter((p) => p.getAttribute("class") === "markers");
    expect(markers).toHaveLength(1); // relu has none
    expect(markers[0].getAttribute("stroke")).toBe(LIGHT[0]);
    expect(markers[0].getAttribute("d")!.match(/h0/g)).toHaveLength(10);
    // every marker says its values; the plain line keeps one hover target per point here too (10 < 41)
    expect(titles(doc).filter((s) => s.startsWith("sigmoid: depth = "))).toHaveLength(10);
    expect(titles(doc)).toContain("sigmoid: depth = 20, ratio = 3.487e-11");
    // one legend entry per line: a swatch line with a dot for the marked one
    expect(texts(doc).filter((s) => s === "sigmoid")).toHaveLength(1);
    const entry = all(doc, "text").find((t) => t.textContent === "sigmoid")!.parentNode as Element;
    expect(entry.getElementsByTagName("line")).toHaveLength(1);
    expect(entry.getElementsByTagName("circle")).toHaveLength(1);
    const plain = all(doc, "text").find((t) => t.textContent === "relu")!.parentNode as Element;
    expect(plain.getElementsByTagName("circle")).toHaveLength(0);
  });

  it("markers follow the decimated line: a 1e5-point line gets at most maxLinePoints markers", () => {
    const x = Array.from({ length: 100_000 }, (_, i) => i);
    const fig = curvesFigure(
      { lines: [{ name: "long", x, y: x.map(Math.sqrt), markers: true }] },
      { maxLinePoints: 300 },
    );
    const kept = fig.payload.panels[0].lines[0].x.length;
    expect(kept).toBeLessThanOrEqual(300);
    const d = all(parse(fig.toSvg()), "path")
      .find((p) => p.getAttribute("class") === "markers")!
      .getAttribute("d")!;
    expect(d.match(/h0/g)!.length).toBeGreaterThan(100);
    expect(d.match(/h0/g)!.length).toBeLessThanOrEqual(kept);
  });

  it("log axes: values ≤ 0 are gaps, never NaN; labels are text", () => {
    const svg = curvesFigure({
      title: XSS,
      xLog: true,
      yLog: true,
      lines: [{ name: XSS, x: [0, 0.1, 1, 10], y: [1, 0, 2, 3] }],
      points: [{ name: "p", x: [-1, 1], y: [1, 1] }],
    }).toSvg();
    expect(svg).not.toMatch(/NaN|Infinity|<img/);
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const doc = parse(svg);
    expect(texts(doc).filter((s) => s === XSS)).toHaveLength(2); // title and legend
  });
});

describe("band labels never cross the lines", () => {
  // A line along the very top of the panel, where labels inside the frame used to sit, and two labels
  // whose text would overlap on one row.
  const crowded = () =>
    curvesFigure([
      {
        title: "left",
        lines: [
          { name: "flat at the top", x: [0, 10], y: [1, 1] },
          { name: "low", x: [0, 10], y: [0, 0.2] },
        ],
        bands: [
          { from: 1, to: 2, label: "training range" },
          { from: 2.5, to: 4, label: "class 2 batches" },
          { from: 7, to: 8, label: "far" },
        ],
      },
      { title: "right", lines: [{ name: "low", x: [0, 1], y: [0, 1] }] },
    ]);
  const frame = (g: Element) => {
    const rects = Array.from(g.getElementsByTagName("rect")) as Element[];
    const r = rects.find((e) => e.getAttribute("fill") === "none")!;
    return {
      left: Number(r.getAttribute("x")),
      top: Number(r.getAttribute("y")),
      width: Number(r.getAttribute("width")),
    };
  };

  it("SVG: labels sit in a strip above the frame, in rows where they would overlap; titles above the strip, level across a row", () => {
    const doc = parse(crowded().toSvg());
    const [left, right] = all(doc, "g").filter((g) => g.getAttribute("class") === "panel");
    const f = frame(left);
    const label = (s: string) => all(doc, "text").find((t) => t.textContent === s)!;
    const at = (s: string) => ({ x: Number(label(s).getAttribute("x")), y: Number(label(s).getAttribute("y")) });
    // 5.6 px a character: "training range" is 78 px wide, so "class 2 batches" (starting 0.5 units ≈ 28 px later) takes row 1.
    expect(at("training range").y).toBe(f.top - 3);
    expect(at("class 2 batches").y).toBe(f.top - 3 - 12);
    expect(at("far").y).toBe(f.top - 3);
    const unit = f.width / 10;
    expect(at("training range").x).toBeCloseTo(f.left + unit, 0);
    expect(at("far").x).toBeCloseTo(f.left + 7 * unit, 0);
    // Every label's baseline is above the frame, so no line (clipped to the frame) can cross it.
    for (const s of ["training range", "class 2 batches", "far"]) expect(at(s).y).toBeLessThan(f.top);
    // Titles clear both rows, and the panel without bands keeps its title level with its neighbour's.
    const title = (s: string) =>
      all(doc, "text").find((t) => t.textContent === s && t.getAttribute("font-weight") === "bold")!;
    expect(Number(title("left").getAttribute("y"))).toBe(f.top - 7 - 24);
    expect(title("right").getAttribute("y")).toBe(title("left").getAttribute("y"));
    expect(Number(title("right").getAttribute("x"))).toBe(frame(right).left);
    expect(frame(right).top).toBe(f.top);
    // The strip moved the frames down by its two rows; a figure without labels keeps the old layout.
    expect(f.top).toBe(52 + 24);
    const plain = parse(
      curvesFigure({ lines: [{ name: "a", x: [0, 1], y: [0, 1] }], bands: [{ from: 0, to: 0.5 }] }).toSvg(),
    );
    expect(frame(all(plain, "g").find((g) => g.getAttribute("class") === "panel")!).top).toBe(52);
  });

  it("SVG: a label near the right edge is pulled left to end inside the frame; a band off the axis has none", () => {
    const doc = parse(
      curvesFigure({
        lines: [{ name: "a", x: [0, 10], y: [0, 1] }],
        bands: [
          { from: 9.8, to: 12, label: "extrapolation" },
          { from: 20, to: 30, label: "off the axis" },
        ],
      }).toSvg(),
    );
    const g = all(doc, "g").find((e) => e.getAttribute("class") === "panel")!;
    const f = frame(g);
    const t = all(doc, "text").find((e) => e.textContent === "extrapolation")!;
    expect(Number(t.getAttribute("x"))).toBeCloseTo(f.left + f.width - 5.6 * "extrapolation".length, 1);
    expect(texts(doc)).not.toContain("off the axis");
  });

  it("plotly: the same labels as annotations at the same places, above each plot area, no margins", () => {
    const fig = curvesPlot(crowded().payload, light);
    const notes = fig.layout.annotations as Json[];
    const H = fig.layout.height as number;
    const note = (s: string) => notes.find((a) => a.text === s);
    const top = 1 - (fig.layout.yaxis as Json).domain[1];
    // The glyphs' middle is 0.3 em (3 px) over the SVG's baseline: rows at top − 3 and top − 15, so 6 px and 18 px over the plot area.
    expect((top - (1 - note("training range").y)) * H).toBeCloseTo(6, 6);
    expect((top - (1 - note("class 2 batches").y)) * H).toBeCloseTo(18, 6);
    expect(note("far").y).toBe(note("training range").y);
    for (const s of ["training range", "class 2 batches", "far"])
      expect(note(s)).toMatchObject({
        xref: "paper",
        yref: "paper",
        xanchor: "left",
        yanchor: "middle",
        showarrow: false,
      });
    expect(note("<b>right</b>").y).toBe(note("<b>left</b>").y);
    expect(note("<b>left</b>").y).toBeGreaterThan(note("class 2 batches").y);
    expect(fig.layout.margin).toMatchObject({ l: 0, r: 0, t: 0, b: 0 });
  });

  it("plotly: a band that starts before the data is labelled where the data starts", () => {
    const fig = curvesPlot(
      curvesFigure({ lines: [{ name: "a", x: [-2, 2], y: [0, 1] }], bands: [{ from: -10, to: 0, label: "left half" }] })
        .payload,
      light,
    );
    const W = fig.layout.width as number;
    expect((fig.layout.annotations as Json[]).find((a) => a.text === "left half").x * W).toBeCloseTo(
      (fig.layout.xaxis as Json).domain[0] * W,
      6,
    );
  });
});

describe("the curves Lab figure (toPlotly of the scene)", () => {
  it("one subplot per panel, a trace per line and per point group; one legend entry per name, as annotations", () => {
    const fig = curvesPlot(fitFigure().payload, light);
    const d = fig.data as Json[];
    expect(d.map((t) => [t.name, t.mode, t.meta])).toEqual([
      ["sin(x)", "lines", "line"],
      ["tanh net", "lines", "line"],
      ["train", "markers", "points"],
      ["held out", "markers", "points"],
    ]);
    expect(d[0].line).toMatchObject({ color: LIGHT[0], dash: "dot" });
    expect(d[2].x).toHaveLength(20);
    expect(d[3].x).toEqual([-10, -7, 7, 10]);
    expect(d[3].marker.color).toBe(LIGHT[3]);
    expect(d[3].text[0]).toBe("held out: x = -10, y = 0.544");
    expect((curvesPlot(fitFigure().payload, dark).data as Json[])[3].marker.color).toBe(DARK[3]);
    const [band] = fig.layout.shapes as Json[];
    expect(band).toMatchObject({
      type: "rect",
      xref: "x",
      yref: "y domain",
      x0: -Math.PI,
      x1: Math.PI,
      layer: "below",
    });
    const legend = (fig.layout.annotations as Json[]).filter((a) => a.captureevents);
    expect(legend.map((a) => [a.text, a.name])).toEqual([
      ["sin(x)", "legend 0"],
      ["tanh net", "legend 1"],
      ["train", "legend 2"],
      ["held out", "legend 3"],
    ]);
    expect(fig.layout.showlegend).toBe(false);
    expect(fig.layout.uirevision).toBe("curves");
  });

  it("hiding a legend entry leaves out its curves everywhere, keeps the axes, and fades the entry", () => {
    const p = curvesFigure([
      {
        lines: [
          { name: "a", x: [0, 10], y: [0, 5] },
          { name: "b", x: [0, 1], y: [0, 1] },
        ],
      },
      { lines: [{ name: "a", x: [0, 1], y: [0, 1] }] },
    ]).payload;
    const shown = curvesScene(p);
    const hidden = curvesScene(p, { hidden: ["line\u0000a"] });
    expect(hidden.panels.map((q) => q.lines.map((l) => l.name))).toEqual([["b"], []]);
    expect(hidden.panels.map((q) => [q.x.domain, q.y.domain])).toEqual(
      shown.panels.map((q) => [q.x.domain, q.y.domain]),
    );
    expect(hidden.legend.map((e) => [e.label, !!e.off])).toEqual([
      ["a", true],
      ["b", false],
    ]);
    const fig = curvesPlot(p, light, ["line\u0000a"]);
    expect((fig.data as Json[]).map((t) => t.name)).toEqual(["b"]);
  });

  it("log axes take their ranges in log₁₀ units and their ticks as values, shapes in data units", () => {
    const p = curvesFigure([
      {
        xLog: true,
        yLog: true,
        xRange: [1e-2, 1e2],
        lines: [{ name: "a", x: [1, 10], y: [1, 10] }],
        bands: [{ from: 0.1, to: 1, label: "b" }],
      },
      { lines: [{ name: "a", x: [0, 1], y: [0, 1] }] },
    ]).payload;
    const fig = curvesPlot(p, light);
    expect(fig.layout.xaxis).toMatchObject({
      type: "log",
      range: [-2, 2],
      tickvals: [0.01, 0.1, 1, 10, 100],
      ticktext: ["0.01", "0.1", "1", "10", "100"],
    });
    expect(fig.layout.yaxis).toMatchObject({ type: "log" });
    expect(fig.layout.xaxis2).toMatchObject({ type: "linear", anchor: "y2" });
    expect((fig.layout.shapes as Json[])[0]).toMatchObject({ x0: 0.1, x1: 1 });
    expect((fig.layout.annotations as Json[]).filter((a) => a.captureevents).map((a) => a.text)).toEqual(["a"]); // "a" once in the legend
  });

  it("values ≤ 0 on a log axis are gaps, as in the SVG (plotly alone would dive off the plot)", () => {
    const p = curvesFigure({
      yLog: true,
      lines: [{ name: "a", x: [0, 1, 2, 3], y: [1, 0.1, 0, 0.001] }],
      points: [{ name: "p", x: [0, 1], y: [-1, 2] }],
    }).payload;
    const [line, pts] = curvesPlot(p, light).data as Json[];
    expect(line.y).toEqual([1, 0.1, null, 0.001]);
    expect(line.x).toBe(p.panels[0].lines[0].x); // linear x: passed through untouched
    expect(pts.y).toEqual([null, 2]);
  });

  it("a line with markers is one trace in lines+markers mode, one legend entry with a dot", () => {
    const p = curvesFigure([
      { lines: [{ name: "a", x: [1, 2, 3], y: [3, 1, 2], markers: true, dash: "dash" }] },
      {
        lines: [
          { name: "a", x: [1, 2], y: [0, 1], markers: true },
          { name: "b", x: [1, 2], y: [1, 1] },
        ],
      },
    ]).payload;
    const d = curvesPlot(p, dark).data as Json[];
    expect(d.map((t) => [t.name, t.mode])).toEqual([
      ["a", "lines+markers"],
      ["a", "lines+markers"],
      ["b", "lines"],
    ]);
    expect(d[0].marker).toMatchObject({ color: DARK[0] });
    expect(d[0].line).toMatchObject({ color: DARK[0], dash: "dash" });
    expect(d[2].marker).toBeUndefined();
    expect(curvesScene(p).legend.map((e) => [e.label, e.line, e.dot])).toEqual([
      ["a", true, true],
      ["b", true, false],
    ]);
  });

  it("escapes every label", () => {
    const fig = curvesPlot(
      curvesFigure({
        title: XSS,
        xLabel: XSS,
        yLabel: XSS,
        lines: [{ name: XSS, x: [0, 1], y: [0, 1] }],
        points: [{ name: "p", x: [0], y: [0], group: [XSS] }],
        bands: [{ from: 0, to: 1, label: XSS }],
      }).payload,
      light,
    );
    const strings = JSON.stringify(fig);
    expect(strings).not.toContain("<img");
    expect(strings.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)!.length).toBeGreaterThanOrEqual(6);
  });
});
