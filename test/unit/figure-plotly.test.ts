// The extension's payload → plotly specs, checked in node (no browser): escaping, palettes, lens, paths.
import { describe, expect, it } from "vitest";
import { lensReadout, nearestIndex, type ActivationState } from "../../extension/src/kinds/activation";
import { activationScene } from "../../lib/src/figure/scene/activation";
import { curvesScene } from "../../lib/src/figure/scene/curves";
import { toPlotly } from "../../lib/src/plotly/to-plotly";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import { plotText } from "../../extension/src/kinds/common";
import { landscapeScene } from "../../lib/src/figure/scene/landscape";
import { explanationLines, networkPlot } from "../../extension/src/kinds/network";
import { trainingScene } from "../../lib/src/figure/scene/training";
import { DARK, LIGHT, type Theme } from "../../extension/src/theme";
import { DARK_THEME, LIGHT_THEME } from "../../lib/src/figure/theme";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { RELU, SIGMOID, XSS, handActivation, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const light: Theme = { ...LIGHT_THEME, paper: "#fff", text: "#222", muted: "#666", grid: "#eee" };
const dark: Theme = { ...DARK_THEME, paper: "#111", text: "#ddd", muted: "#aaa", grid: "#444" };

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The Lab figure of a training payload, as the extension draws it. */
/** The Lab figure of an activation payload for the reader's state, as the extension draws it. */
const activationPlot = (p: Parameters<typeof activationScene>[0], state: ActivationState, theme: Theme) =>
  toPlotly(activationScene(p, { theme, show: state.show, lens: state.lens }), { hoverLabels: false });
const landscapePlot = (p: Parameters<typeof landscapeScene>[0], theme: Theme) => toPlotly(landscapeScene(p, { theme }));
const trainingPlot = (p: Parameters<typeof trainingScene>[0], theme: Theme) => toPlotly(trainingScene(p, { theme }));

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
    [
      "activation",
      () =>
        toPlotly(
          activationScene(
            activationFigure([handActivation("e", evil("act"), Math.tanh, Math.tanh, Math.tanh)], { title: evil("t") })
              .payload,
            { theme: light, show: { f: true, df: true, d2f: true }, lens: 3 },
          ),
        ),
    ],
    ["network", () => networkPlot(networkFigure(smallNetwork(evil)).payload, { selected: "w" }, light)],
    ["training", () => trainingPlot(trainingFigure(trainingHistory(20, 2, evil)).payload, light)],
    [
      "curves",
      () =>
        toPlotly(
          curvesScene(
            curvesFigure({
              title: evil("t"),
              xLabel: XSS,
              yLabel: XSS,
              lines: [{ name: evil("l"), x: [0, 1], y: [0, 1] }],
              points: [{ name: "p", x: [0], y: [0], group: [XSS] }],
              bands: [{ from: 0, to: 1, label: XSS }],
            }).payload,
            { theme: light },
          ),
        ),
    ],
    [
      "landscape",
      () =>
        landscapePlot(
          landscapeFigure(
            twoSlices(5, 9).map((s) => ({ ...s, title: evil(s.title), xLabel: XSS, yLabel: XSS })),
            { title: evil("t") },
          ).payload,
          light,
        ),
    ],
  ];
  it.each(figs)("%s: no string holds markup other than the renderer's own", (_, build) => {
    const all = strings(build());
    expect(all.some((s) => s.includes("&lt;img src=x onerror=alert(1)&gt;"))).toBe(true);
    for (const s of all) expect(s.replace(OWN_MARKUP, ""), s).not.toMatch(/[<>]/);
  });
});

describe("the activation Lab figure (toPlotly of the scene)", () => {
  const p = activationFigure([SIGMOID, RELU], { show: { d2f: true } }).payload;
  const lines = (fig: { data: object[] }) => (fig.data as Json[]).filter((d) => d.meta === "line");

  it("draws one panel per ticked curve, one trace per activation, and shades the saturated regions in each", () => {
    const all = activationPlot(p, { show: { f: true, df: true, d2f: true } }, light);
    expect(lines(all)).toHaveLength(6);
    expect(all.layout.xaxis3).toBeDefined();
    expect((all.layout.annotations as Json[]).filter((a) => a.text.startsWith("<b>")).map((a) => a.text)).toEqual([
      "<b>f(x)</b>",
      "<b>f′(x)</b>",
      "<b>f″(x)</b>",
    ]);
    const bands = (all.layout.shapes as Json[]).filter((s) => s.type === "rect" && s.xref === "x");
    expect(bands).toHaveLength(3); // sigmoid's two ends, relu's negative half
    expect(bands[2]).toMatchObject({ x0: -6, x1: 0, fillcolor: LIGHT[1] });
    const two = activationPlot(p, { show: { f: false, df: true, d2f: false } }, light);
    expect(lines(two)).toHaveLength(2);
    expect(lines(two)[0].y).toBe(p.series[0].df);
    // Unticking everything still draws f rather than an empty plot.
    expect(lines(activationPlot(p, { show: { f: false, df: false, d2f: false } }, light))).toHaveLength(2);
    // No hover labels (the readout shows the values), but hover events still fire.
    expect(lines(all)[0].hoverinfo).toBe("none");
  });

  it("uses the light or dark palette", () => {
    const show = { f: true, df: false, d2f: false };
    expect(lines(activationPlot(p, { show }, light))[0].line.color).toBe(LIGHT[0]);
    expect(lines(activationPlot(p, { show }, dark))[0].line.color).toBe(DARK[0]);
    expect(activationPlot(p, { show }, dark).layout.paper_bgcolor).toBe("#111");
  });

  it("the lens moves the tangent to x₀ (slope f′(x₀), clipped to f's range) and marks x₀ in every panel", () => {
    const i = p.x.findIndex((x) => x === 1);
    const fig = activationPlot(p, { show: { f: true, df: true, d2f: false }, lens: i }, light);
    // A trace per tangent colour.
    const [sig, relu] = (fig.data as Json[])
      .filter((d) => d.meta === "segment")
      .map((d) => ({ x: d.x.slice(0, 2), y: d.y.slice(0, 2) }));
    const slope = (d: Json) => (d.y[1] - d.y[0]) / (d.x[1] - d.x[0]);
    expect(slope(sig)).toBeCloseTo(SIGMOID.df(1), 12);
    expect(slope(relu)).toBe(1);
    expect(Math.min(...relu.y)).toBeGreaterThanOrEqual(-1e-12); // relu's f ≥ 0, so the tangent stops at 0
    expect((fig.data as Json[]).find((d) => d.meta === "segment-dot").x).toEqual([1, 1]);
    expect(
      (fig.layout.shapes as Json[])
        .filter((s) => s.type === "line" && s.yref?.endsWith("domain"))
        .map((s) => [s.xref, s.x0, s.line.color]),
    ).toEqual([
      ["x", 1, light.accent],
      ["x2", 1, light.accent],
    ]);
    const dots = (fig.data as Json[]).filter((d) => d.meta === "points");
    expect(dots.map((d) => [d.xaxis, d.x[0], d.y[0]])).toEqual([
      ["x", 1, p.series[0].f[i]],
      ["x", 1, p.series[1].f[i]],
      ["x2", 1, p.series[0].df[i]],
      ["x2", 1, p.series[1].df[i]],
    ]);
    // Without the lens, the tangent is at each activation's steepest point, as in the static SVG.
    const still = (activationPlot(p, { show: { f: true, df: true, d2f: false } }, light).data as Json[]).find(
      (d) => d.meta === "segment-dot",
    );
    expect(still.x).toEqual([0, p.x[p.series[1].df.findIndex((d) => d === 1)]]);
    expect(lensReadout(p, i)).toEqual([
      "x₀ = 1",
      `Sigmoid: f(x₀) = 0.7311, f′(x₀) = 0.1966, f″(x₀) = -0.09086; tangent y = 0.7311 + 0.1966·(x − 1)`,
      "ReLU: f(x₀) = 1, f′(x₀) = 1, f″(x₀) = 0; tangent y = 1 + 1·(x − 1)",
    ]);
    expect(lensReadout(p, 0)[2]).toMatch(/ReLU: .* — saturated: \|f′\| < 0\.01$/);
  });
});

describe("the activation Lab figure: the x axis and the lens", () => {
  it("names the axis, the panels and the readout after xLabel", () => {
    const p = activationFigure([SIGMOID], { xLabel: "z", show: { d2f: true } }).payload;
    const fig = activationPlot(p, { show: { f: true, df: true, d2f: true } }, light);
    const texts = (fig.layout.annotations as Json[]).map((a) => a.text);
    expect(texts.filter((t) => t === "z")).toHaveLength(3);
    expect(texts.filter((t) => t.startsWith("<b>"))).toEqual(["<b>f(z)</b>", "<b>f′(z)</b>", "<b>f″(z)</b>"]);
    const i = p.x.indexOf(0);
    expect(lensReadout(p, i)).toEqual([
      "z₀ = 0",
      "Sigmoid: f(z₀) = 0.5, f′(z₀) = 0.25, f″(z₀) = 0; tangent y = 0.5 + 0.25·(z − 0)",
    ]);
  });

  it("drags move the lens rather than zoom", () => {
    const p = activationFigure([SIGMOID]).payload;
    const fig = activationPlot(p, { show: { f: true, df: true, d2f: false } }, light);
    expect(fig.layout.dragmode).toBe(false);
    expect((fig.layout.xaxis as Json).fixedrange).toBe(true);
  });

  it("finds the grid point nearest to the pointer", () => {
    const xs = [-1, 0, 0.5, 2];
    expect([-5, -1, -0.6, -0.4, 0.2, 0.3, 1.25, 1.26, 2, 9, NaN].map((x) => nearestIndex(xs, x))).toEqual([
      0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 0,
    ]);
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
    expect(lines.sum).toBe(
      `Σ paths = ${Number(w.sum.toPrecision(10))}   backward() gives ∂J/∂w = ${Number(w.grad.toPrecision(10))}   ✓ equal`,
    );
    expect(explanationLines(p, { ...w, grad: w.grad + 1e-3 }).sum).toMatch(/✗ differ$/);
    expect(explanationLines(p, { ...w, omitted: 3 }).more).toBe(
      "… and 3 smaller paths, not listed (their products are in the sum)",
    );
  });
});

describe("the training Lab figure (toPlotly of the scene)", () => {
  it("loss, log gradient norms and fractions; one legend entry per layer hides its curves in every panel; zoom survives updates", () => {
    const p = trainingFigure(trainingHistory(2000)).payload;
    const fig = trainingPlot(p, light);
    expect(fig.data).toHaveLength(2 + 3 * 2 + 1); // losses; norm + saturated per layer; layer 1's dead
    expect((fig.layout.yaxis as Json).type).toBe("log");
    expect((fig.layout.yaxis2 as Json).type).toBe("log");
    expect(fig.layout.uirevision).toBe("training");
    const layer1 = fig.data.filter((d: Json) => d.name.startsWith("layer 1")) as Json[];
    expect(layer1.map((d) => [d.name, d.xaxis])).toEqual([
      ["layer 1 ‖∂L/∂W‖", "x2"],
      ["layer 1 saturated", "x3"],
      ["layer 1 dead", "x3"],
    ]);
    expect(layer1[2].line.dash).toBe("dot");
    const legend = (fig.layout.annotations as Json[]).filter((a) => a.captureevents).map((a) => a.text);
    expect(legend).toEqual(["train loss", "test loss", "layer 1", "layer 2", "layer 3"]);
    const without = toPlotly(trainingScene(p, { theme: light, hidden: ["layer 0"] }));
    expect((without.data as Json[]).map((d) => d.name).filter((n) => n.startsWith("layer 1"))).toEqual([]);
    expect(without.data).toHaveLength(2 + 2 * 2);
    expect((without.layout.yaxis2 as Json).range).toEqual((fig.layout.yaxis2 as Json).range);
  });
});

describe("trainingPlot colours", () => {
  const h = trainingHistory(30, 2);
  const grouped = trainingFigure({
    steps: h.steps,
    losses: ["A", "B"].flatMap((r) => h.losses.map((l) => ({ ...l, name: `${r} ${l.name}`, group: r }))),
    layers: ["A", "B"].flatMap((r) => h.layers.map((l) => ({ ...l, name: `${r}: ${l.name}`, group: r }))),
  }).payload;
  const looks = (theme: Theme) =>
    Object.fromEntries(
      (trainingPlot(grouped, theme).data as Json[]).map((d) => [d.name, `${d.line.color} ${d.line.dash ?? "solid"}`]),
    );

  it("a group's loss and layers share the theme's colour, as in the static SVG; its second loss is dashed, its second layer lighter", () => {
    expect(looks(light)).toMatchObject({
      "A train loss": "#4e79a7 solid",
      "A test loss": "#4e79a7 dash",
      "A: layer 1 ‖∂L/∂W‖": "#4e79a7 solid",
      "A: layer 1 saturated": "#4e79a7 solid",
      "A: layer 2 ‖∂L/∂W‖": "#a7bcd3 solid",
      "A: layer 1 dead": "#4e79a7 dot",
      "B train loss": "#e15759 solid",
      "B test loss": "#e15759 dash",
      "B: layer 1 ‖∂L/∂W‖": "#e15759 solid",
      "B: layer 2 saturated": "#f0abac solid",
    });
  });

  it("in the dark theme a shade fades toward the dark paper", () => {
    // DARK[0] = #8cb4e0 half way to black.
    expect(looks(dark)).toMatchObject({
      "A train loss": "#8cb4e0 solid",
      "A: layer 1 ‖∂L/∂W‖": "#8cb4e0 solid",
      "A: layer 2 ‖∂L/∂W‖": "#465a70 solid",
    });
  });

  it("a payload without colours (an older lib's) keeps the old rule: losses, then layers", () => {
    const p = trainingFigure(trainingHistory(30, 2)).payload;
    const old = {
      ...p,
      losses: p.losses.map(({ color, dash, ...t }) => t),
      layers: p.layers.map(({ color, shade, ...l }) => l),
    };
    const colors = (q: typeof p) => (trainingPlot(q, light).data as Json[]).map((d) => d.line.color);
    expect(colors(old)).toEqual(colors(p));
    expect(colors(p).slice(0, 4)).toEqual([LIGHT[0], LIGHT[1], LIGHT[2], LIGHT[3]]); // two losses, then each layer's norm
  });
});

describe("trainingPlot without layers", () => {
  it("draws the loss alone across the width: no gradient or saturation axes", () => {
    const fig = trainingPlot(trainingFigure(trainingHistory(50, 0)).payload, light);
    expect(fig.data).toHaveLength(2);
    // From the y ticks' room (55 px) to 20 px from the right edge, as in the SVG.
    expect((fig.layout.xaxis as Json).domain.map((f: number) => f * 760)).toEqual([55, 740]);
    expect(fig.layout.xaxis2).toBeUndefined();
    expect(fig.layout.yaxis3).toBeUndefined();
    expect((fig.layout.annotations as Json[]).map((a) => a.text).filter((t) => t.startsWith("<b>"))).toEqual([
      "<b>loss</b>",
    ]);
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
    const fig = trainingPlot(
      trainingFigure({
        steps: [0, 1, 2, 3],
        losses: [
          { name: "long", values: [4, 3, 2, 1] },
          { name: "short", steps: [0, 1], values: [4, 8] },
        ],
        layers: [],
      }).payload,
      light,
    );
    expect((fig.data as Json[]).map((d) => d.x)).toEqual([
      [0, 1, 2, 3],
      [0, 1],
    ]);
  });
});

describe("landscapePlot", () => {
  const p = landscapeFigure(twoSlices()).payload;
  it("passes lib's contour levels through, and draws each arrow from its tail to tail + scale·(u, v)", () => {
    const fig = landscapePlot(p, light);
    const contour = fig.data[0] as Json;
    expect(contour.contours).toMatchObject({
      start: p.panels[0].levels.start,
      size: p.panels[0].levels.size,
      coloring: "lines",
    });
    expect(contour.autocontour).toBe(false);
    const arrows = fig.data.find((d: Json) => d.meta === "segment" && d.xaxis === "x") as Json;
    const a = p.panels[0].arrows!;
    const moving = a.x.filter((_, k) => a.u[k] || a.v[k]).length; // a zero gradient draws no arrow
    expect(arrows.x.length / 3).toBe(moving);
    expect(arrows.x.slice(0, 3)).toEqual([a.x[0], a.x[0] + a.scale * a.u[0], null]);
    expect(arrows.y.slice(0, 3)).toEqual([a.y[0], a.y[0] + a.scale * a.v[0], null]);
    expect(arrows.marker).toMatchObject({ symbol: "arrow", angleref: "previous" });
    expect(arrows.text[0]).toBe("−∇L at (-1.8, -1.8) = (1.8, 36)");
    const path = fig.data.find((d: Json) => d.name === "descent path") as Json;
    expect(path.x).toBe(p.panels[0].path.x);
    expect(path.line.color).toBe(light.accent);
    const steps = fig.data.filter((d: Json) => d.meta === "points" && d.xaxis === "x") as Json[];
    expect(steps.flatMap((d) => d.text)).toContain("step 0: (-1.8, 1.6), loss 27.22");
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
            const t = raw
              .replace(/<\/?b>/g, "")
              .replace(/&lt;/g, "<")
              .replace(/&gt;/g, ">")
              .replace(/&amp;/g, "&");
            if (!t) return [];
            const fs = d.textfont.size;
            const w = [...t].length * fs * (bold ? 0.6 : 0.55);
            return [{ t, x0: d.x[i] - w / 2, x1: d.x[i] + w / 2, y0: d.y[i] - fs / 2, y1: d.y[i] + fs / 2 }];
          })
        : [],
    );
  const clashes = (b: { t: string; x0: number; x1: number; y0: number; y1: number }[]) =>
    b.flatMap((a, i) =>
      b
        .slice(i + 1)
        .filter(
          (c) => Math.min(a.x1, c.x1) - Math.max(a.x0, c.x0) > 0.5 && Math.min(a.y1, c.y1) - Math.max(a.y0, c.y0) > 0.5,
        )
        .map((c) => `${a.t} × ${c.t}`),
    );

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
  it("the static figure's tangent at the steepest point is the lens's tangent there: the same segments", () => {
    const p = activationFigure([SIGMOID, RELU], { range: [-3, 3] }).payload;
    const still = activationScene(p).panels[0].segments;
    expect(still).toHaveLength(2);
    for (const [k, s] of still.entries()) {
      const i = p.x.indexOf(s.dot!.x);
      const lens = activationScene(p, { lens: i }).panels[0].segments[k];
      expect(lens.x).toEqual(s.x);
      expect(lens.y).toEqual(s.y);
      // ±1/8 of the range, shortened to stay within f's extent.
      expect(s.x[1] - s.x[0]).toBeLessThanOrEqual(2 * (6 / 8) + 1e-12);
    }
  });
});
