// The extension's payload → plotly specs, checked in node (no browser): escaping, palettes, lens, paths.
import { describe, expect, it } from "vitest";
import { activationPlot, lensReadout, nearestIndex } from "../../extension/src/kinds/activation";
import { curvesPlot } from "../../extension/src/kinds/curves";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import { plotText } from "../../extension/src/kinds/common";
import { landscapePlot } from "../../extension/src/kinds/landscape";
import { explanationLines, networkPlot } from "../../extension/src/kinds/network";
import { trainingPlot } from "../../extension/src/kinds/training";
import { DARK, LIGHT, type Theme } from "../../extension/src/theme";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { RELU, SIGMOID, XSS, handActivation, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const light: Theme = { light: true, paper: "#fff", text: "#222", muted: "#666", grid: "#eee", accent: "#d62728", colors: LIGHT };
const dark: Theme = { light: false, paper: "#111", text: "#ddd", muted: "#aaa", grid: "#444", accent: "#ff6b6b", colors: DARK };

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every string in a figure, wherever it sits. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) v.forEach((e) => strings(e, out));
  else if (v && typeof v === "object") Object.values(v).forEach((e) => strings(e, out));
  return out;
}

/** The markup the renderer itself writes into plotly text; anything else with < would be a label's. */
const OWN_MARKUP = /<(\/?b|br|extra|\/extra)>/g;

describe("plotly text is escaped", () => {
  it("turns markup into entities that plotly shows literally", () => {
    expect(plotText(XSS)).toBe("&lt;img src=x onerror=alert(1)&gt;");
    expect(plotText("a & b")).toBe("a &amp; b");
  });

  const evil = (s: string) => `${s} ${XSS}`;
  const figs: [string, () => Json][] = [
    ["activation", () => activationPlot(activationFigure([handActivation("e", evil("act"), Math.tanh, Math.tanh, Math.tanh)], { title: evil("t") }).payload, { show: { f: true, df: true, d2f: true }, lens: 3 }, light)],
    ["network", () => networkPlot(networkFigure(smallNetwork(evil)).payload, { selected: "w" }, light)],
    ["training", () => trainingPlot(trainingFigure(trainingHistory(20, 2, evil)).payload, light)],
    ["curves", () => curvesPlot(curvesFigure({ title: evil("t"), xLabel: XSS, yLabel: XSS, lines: [{ name: evil("l"), x: [0, 1], y: [0, 1] }], points: [{ name: "p", x: [0], y: [0], group: [XSS] }], bands: [{ from: 0, to: 1, label: XSS }] }).payload, light)],
    ["landscape", () => landscapePlot(landscapeFigure(twoSlices(5, 9).map((s) => ({ ...s, title: evil(s.title), xLabel: XSS, yLabel: XSS })), { title: evil("t") }).payload, light)],
  ];
  it.each(figs)("%s: no string holds markup other than the renderer's own", (_, build) => {
    const all = strings(build());
    expect(all.some((s) => s.includes("&lt;img src=x onerror=alert(1)&gt;"))).toBe(true);
    for (const s of all) expect(s.replace(OWN_MARKUP, ""), s).not.toMatch(/[<>]/);
  });
});

describe("activationPlot", () => {
  const p = activationFigure([SIGMOID, RELU], { show: { d2f: true } }).payload;

  it("draws one row per ticked curve, one trace per activation, and shades the saturated regions", () => {
    const all = activationPlot(p, { show: { f: true, df: true, d2f: true } }, light);
    expect(all.data).toHaveLength(6);
    expect(all.layout.yaxis3).toBeDefined();
    expect((all.layout.xaxis as Json).anchor).toBe("y3");
    const shapes = all.layout.shapes as Json[];
    expect(shapes).toHaveLength(3); // sigmoid's two ends, relu's negative half
    expect(shapes[2]).toMatchObject({ x0: -6, x1: 0, fillcolor: LIGHT[1] });
    const two = activationPlot(p, { show: { f: false, df: true, d2f: false } }, light);
    expect(two.data).toHaveLength(2);
    expect((two.data[0] as Json).y).toBe(p.series[0].df);
    // Unticking everything still draws f rather than an empty plot.
    expect(activationPlot(p, { show: { f: false, df: false, d2f: false } }, light).data).toHaveLength(2);
  });

  it("uses the light or dark palette", () => {
    const show = { f: true, df: false, d2f: false };
    expect((activationPlot(p, { show }, light).data[0] as Json).line.color).toBe(LIGHT[0]);
    expect((activationPlot(p, { show }, dark).data[0] as Json).line.color).toBe(DARK[0]);
    expect(activationPlot(p, { show }, dark).layout.paper_bgcolor).toBe("#111");
  });

  it("the lens adds a tangent per activation with slope f′(x₀), clipped to f's range, and a marker per row", () => {
    const i = p.x.findIndex((x) => x === 1);
    const fig = activationPlot(p, { show: { f: true, df: true, d2f: false }, lens: i }, light);
    const lens = fig.data.filter((d: Json) => d.meta === "lens") as Json[];
    expect(lens).toHaveLength(2 + 2);
    const [sig, relu] = lens;
    const slope = (d: Json) => (d.y[1] - d.y[0]) / (d.x[1] - d.x[0]);
    expect(slope(sig)).toBeCloseTo(SIGMOID.df(1), 12);
    expect(slope(relu)).toBe(1);
    expect(Math.min(...relu.y)).toBeGreaterThanOrEqual(-1e-12); // relu's f ≥ 0, so the tangent stops at 0
    expect((fig.layout.shapes as Json[]).at(-1)).toMatchObject({ x0: 1, x1: 1, line: { color: light.accent } });
    expect(lensReadout(p, i)).toEqual([
      "x₀ = 1",
      `Sigmoid: f(x₀) = 0.7311, f′(x₀) = 0.1966, f″(x₀) = -0.09086; tangent y = 0.7311 + 0.1966·(x − 1)`,
      "ReLU: f(x₀) = 1, f′(x₀) = 1, f″(x₀) = 0; tangent y = 1 + 1·(x − 1)",
    ]);
    expect(lensReadout(p, 0)[2]).toMatch(/ReLU: .* — saturated: \|f′\| < 0\.01$/);
  });
});

describe("activationPlot: the x axis and the lens", () => {
  it("names the axis, the rows and the readout after xLabel", () => {
    const p = activationFigure([SIGMOID], { xLabel: "z", show: { d2f: true } }).payload;
    const fig = activationPlot(p, { show: { f: true, df: true, d2f: true } }, light);
    expect((fig.layout.xaxis as Json).title.text).toBe("z");
    expect([1, 2, 3].map((r) => (fig.layout[r === 1 ? "yaxis" : `yaxis${r}`] as Json).title.text)).toEqual(["f(z)", "f′(z)", "f″(z)"]);
    const i = p.x.indexOf(0);
    expect(lensReadout(p, i)).toEqual(["z₀ = 0", "Sigmoid: f(z₀) = 0.5, f′(z₀) = 0.25, f″(z₀) = 0; tangent y = 0.5 + 0.25·(z − 0)"]);
  });

  it("drags move the lens rather than zoom", () => {
    const p = activationFigure([SIGMOID]).payload;
    expect(activationPlot(p, { show: { f: true, df: true, d2f: false } }, light).layout.dragmode).toBe(false);
  });

  it("finds the grid point nearest to the pointer", () => {
    const xs = [-1, 0, 0.5, 2];
    expect([-5, -1, -0.6, -0.4, 0.2, 0.3, 1.25, 1.26, 2, 9, NaN].map((x) => nearestIndex(xs, x))).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 0]);
    const grid = activationFigure([SIGMOID]).payload.x;
    // Against a linear scan on the figure's own grid.
    for (const x of [-6, -5.97, -0.01, 0, 0.024, 3.3333, 6]) {
      const scan = grid.reduce((best, v, k) => (Math.abs(v - x) < Math.abs(grid[best] - x) ? k : best), 0);
      expect(nearestIndex(grid, x)).toBe(scan);
    }
  });
});

describe("networkPlot", () => {
  const p = networkFigure(smallNetwork()).payload;
  const segments = (d: Json) => d.x.filter((v: number | null) => v === null).length;

  it("highlights every edge on the chosen parameter's paths, or on the hovered path alone", () => {
    expect(segments(networkPlot(p, { selected: "w" }, light).data[1])).toBe(8);
    expect(segments(networkPlot(p, { selected: "w" }, light).data[0])).toBe(p.edges.length - 8);
    expect(segments(networkPlot(p, { selected: "b" }, light).data[1])).toBe(4);
    expect(segments(networkPlot(p, { selected: "w", focus: 1 }, light).data[1])).toBe(5);
    const nodes = networkPlot(p, { selected: "b" }, dark).data[3] as Json;
    expect(nodes.marker.line.color[p.nodes.findIndex((n) => n.id === "b")]).toBe(dark.accent);
    expect(nodes.customdata).toEqual(p.nodes.map((n) => n.id));
  });

  it("lists each path's product and checks their sum against backward's gradient", () => {
    const w = p.explanations[0];
    const lines = explanationLines(p, w);
    expect(lines.paths).toHaveLength(2);
    expect(lines.agrees).toBe(true);
    expect(lines.sum).toBe(`Σ paths = ${Number(w.sum.toPrecision(10))}   backward() gives ∂J/∂w = ${Number(w.grad.toPrecision(10))}   ✓ equal`);
    expect(explanationLines(p, { ...w, grad: w.grad + 1e-3 }).sum).toMatch(/✗ differ$/);
    expect(explanationLines(p, { ...w, omitted: 3 }).more).toBe("… and 3 smaller paths, not listed (their products are in the sum)");
  });
});

describe("trainingPlot", () => {
  it("loss, log gradient norms and fractions; a layer's curves share a legend group; zoom survives updates", () => {
    const fig = trainingPlot(trainingFigure(trainingHistory(2000)).payload, light);
    expect(fig.data).toHaveLength(2 + 3 * 2 + 1); // losses; norm + saturated per layer; layer 1's dead
    expect((fig.layout.yaxis as Json).type).toBe("log");
    expect((fig.layout.yaxis2 as Json).type).toBe("log");
    expect(fig.layout.uirevision).toBe("training");
    const layer1 = fig.data.filter((d: Json) => d.legendgroup === "layer0") as Json[];
    expect(layer1.map((d) => d.name)).toEqual(["layer 1", "layer 1 saturated", "layer 1 dead"]);
    expect(layer1[2].line.dash).toBe("dot");
  });
});

describe("trainingPlot colours", () => {
  const h = trainingHistory(30, 2);
  const grouped = trainingFigure({
    steps: h.steps,
    losses: ["A", "B"].flatMap((r) => h.losses.map((l) => ({ ...l, name: `${r} ${l.name}`, group: r }))),
    layers: ["A", "B"].flatMap((r) => h.layers.map((l) => ({ ...l, name: `${r}: ${l.name}`, group: r }))),
  }).payload;
  const looks = (theme: Theme) => Object.fromEntries((trainingPlot(grouped, theme).data as Json[]).map((d) => [d.name, `${d.line.color} ${d.line.dash ?? "solid"}`]));

  it("a group's loss and layers share the theme's colour, as in the static SVG; its second loss is dashed, its second layer lighter", () => {
    expect(looks(light)).toMatchObject({
      "A train loss": "#4e79a7 solid", "A test loss": "#4e79a7 dash", "A: layer 1": "#4e79a7 solid", "A: layer 1 saturated": "#4e79a7 solid",
      "A: layer 2": "#a7bcd3 solid", "A: layer 1 dead": "#4e79a7 dot",
      "B train loss": "#e15759 solid", "B test loss": "#e15759 dash", "B: layer 1": "#e15759 solid", "B: layer 2 saturated": "#f0abac solid",
    });
  });

  it("in the dark theme a shade fades toward the dark paper", () => {
    // DARK[0] = #8cb4e0 half way to black.
    expect(looks(dark)).toMatchObject({ "A train loss": "#8cb4e0 solid", "A: layer 1": "#8cb4e0 solid", "A: layer 2": "#465a70 solid" });
  });

  it("a payload without colours (an older lib's) keeps the old rule: losses, then layers", () => {
    const p = trainingFigure(trainingHistory(30, 2)).payload;
    const old = { ...p, losses: p.losses.map(({ color, dash, ...t }) => t), layers: p.layers.map(({ color, shade, ...l }) => l) };
    const colors = (q: typeof p) => (trainingPlot(q, light).data as Json[]).map((d) => d.line.color);
    expect(colors(old)).toEqual(colors(p));
    expect(colors(p).slice(0, 4)).toEqual([LIGHT[0], LIGHT[1], LIGHT[2], LIGHT[2]]);
  });
});

describe("trainingPlot without layers", () => {
  it("draws the loss alone across the width: no gradient or saturation axes", () => {
    const fig = trainingPlot(trainingFigure(trainingHistory(50, 0)).payload, light);
    expect(fig.data).toHaveLength(2);
    expect((fig.layout.xaxis as Json).domain).toEqual([0, 1]);
    expect(fig.layout.xaxis2).toBeUndefined();
    expect(fig.layout.yaxis3).toBeUndefined();
    expect((fig.layout.annotations as Json[]).map((a) => a.text)).toEqual(["<b>loss</b>"]);
  });

  it("a loss or gradient norm of 0 on a log axis is a gap", () => {
    const h = trainingHistory(5, 1);
    h.losses[0].values[2] = 0;
    h.layers[0].gradNorm[3] = 0;
    const fig = trainingPlot(trainingFigure(h, { lossLog: true }).payload, light);
    expect((fig.data[0] as Json).y[2]).toBeNull();
    expect((fig.data[2] as Json).y[3]).toBeNull();
    expect((fig.data[1] as Json).y.every((v: number) => v > 0)).toBe(true);
  });

  it("draws runs of different lengths at their own steps", () => {
    const fig = trainingPlot(trainingFigure({ steps: [0, 1, 2, 3], losses: [{ name: "long", values: [4, 3, 2, 1] }, { name: "short", steps: [0, 1], values: [4, 8] }], layers: [] }).payload, light);
    expect((fig.data as Json[]).map((d) => d.x)).toEqual([[0, 1, 2, 3], [0, 1]]);
  });
});

describe("landscapePlot", () => {
  const p = landscapeFigure(twoSlices()).payload;
  it("passes lib's contour levels through, and draws each arrow from its tail to tail + scale·(u, v)", () => {
    const fig = landscapePlot(p, light);
    const contour = fig.data[0] as Json;
    expect(contour.contours).toMatchObject({ start: p.panels[0].levels.start, size: p.panels[0].levels.size, coloring: "lines" });
    expect(contour.autocontour).toBe(false);
    const arrows = fig.data.find((d: Json) => d.name === "arrows 0") as Json;
    const a = p.panels[0].arrows!;
    expect(arrows.x.length / 3).toBe(a.x.length);
    expect(arrows.x.slice(0, 3)).toEqual([a.x[0], a.x[0] + a.scale * a.u[0], null]);
    expect(arrows.y.slice(0, 3)).toEqual([a.y[0], a.y[0] + a.scale * a.v[0], null]);
    const path = fig.data[1] as Json;
    expect(path.customdata).toBe(p.panels[0].path.step);
    expect(path.line.color).toBe(light.accent);
    expect((fig.layout.xaxis2 as Json).domain[0]).toBeGreaterThan((fig.layout.xaxis as Json).domain[1]);
  });
});

describe("networkPlot labels", () => {
  // Text boxes in the plot's pixel axes (its design width), estimated as the static SVG test does: 0.55 em per
  // character (0.6 bold), one em tall around the middle where plotly centres the text.
  const boxes = (fig: { data: object[] }) =>
    (fig.data as Json[]).flatMap((d) =>
      d.mode?.includes("text")
        ? d.text.flatMap((raw: string, i: number) => {
            const bold = raw.startsWith("<b>");
            const t = raw.replace(/<\/?b>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
            if (!t) return [];
            const fs = d.textfont.size;
            const w = [...t].length * fs * (bold ? 0.6 : 0.55);
            return [{ t, x0: d.x[i] - w / 2, x1: d.x[i] + w / 2, y0: d.y[i] - fs / 2, y1: d.y[i] + fs / 2 }];
          })
        : [],
    );
  const clashes = (b: { t: string; x0: number; x1: number; y0: number; y1: number }[]) =>
    b.flatMap((a, i) => b.slice(i + 1).filter((c) => Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0) > 0.5 && Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0) > 0.5).map((c) => `${a.t} × ${c.t}`));

  it("no two labels intersect and none leaves the plot, whichever parameter is chosen", () => {
    const p = networkFigure(smallNetwork()).payload;
    for (const selected of ["w", "b"]) {
      const fig = networkPlot(p, { selected }, light);
      const b = boxes(fig);
      expect(b.length).toBe(p.nodes.length * 2 + p.edges.length);
      expect(clashes(b)).toEqual([]);
      const [xr, yr] = [(fig.layout.xaxis as Json).range, (fig.layout.yaxis as Json).range];
      expect(b.filter((q) => q.x0 < xr[0] || q.x1 > xr[1] || q.y0 < yr[1] || q.y1 > yr[0]).map((q) => q.t)).toEqual([]);
    }
  });
});

describe("one tangent rule", () => {
  it("the static SVG's tangent at the steepest point and the Lab lens there are the same segment in data units", async () => {
    const { DOMParser } = await import("@xmldom/xmldom");
    const fig = activationFigure([SIGMOID, RELU], { range: [-3, 3] });
    const p = fig.payload;
    const doc = new DOMParser().parseFromString(fig.toSvg(), "image/svg+xml");
    const groups = Array.from(doc.getElementsByTagName("title") as unknown as { textContent: string; parentNode: Json }[]).filter((t) => /tangent at x₀/.test(t.textContent));
    expect(groups).toHaveLength(2);
    // The f panel's axes in the SVG: its frame and the pixel scale of the first series' dots.
    for (const [k, g] of groups.entries()) {
      const x0 = Number(/x₀ = (-?[\d.e-]+)/.exec(g.textContent)![1]);
      const i = p.x.indexOf(p.x.reduce((b, v) => (Math.abs(v - x0) < Math.abs(b - x0) ? v : b)));
      const lens = (activationPlot(p, { show: { f: true, df: true, d2f: false }, lens: i }, light).data as Json[]).filter((d) => d.meta === "lens" && d.mode === "lines")[k];
      const line = g.parentNode.getElementsByTagName("line")[0];
      const dot = g.parentNode.getElementsByTagName("circle")[0];
      // px per x unit from the dot (at x₀) and the segment's ends: the SVG half-width must equal the lens's.
      const pxHalf = (Number(line.getAttribute("x2")) - Number(line.getAttribute("x1"))) / 2;
      const center = Number(dot.getAttribute("cx"));
      expect(Math.abs((Number(line.getAttribute("x1")) + Number(line.getAttribute("x2"))) / 2 - center)).toBeLessThan(0.2);
      const labHalf = (lens.x[1] - lens.x[0]) / 2;
      // SVG x pixels per unit: the f panel spans the payload's x range over its frame width.
      const frame = Array.from(doc.getElementsByTagName("rect") as unknown as Json[]).find((r) => r.getAttribute("fill") === "none" && r.getAttribute("stroke"));
      const perUnit = Number(frame.getAttribute("width")) / (p.x[p.x.length - 1] - p.x[0]);
      expect(Math.abs(pxHalf / perUnit - labHalf)).toBeLessThan(0.02 * Math.max(labHalf, 1e-9) + 0.2 / perUnit);
    }
  });
});
