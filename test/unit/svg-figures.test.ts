import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import type { Figure } from "../../lib/src/figure/figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { contourLines } from "../../lib/src/svg/contour";
import { shadeColor } from "../../lib/src/figure/palette";
import { toSvg as trainingSvg } from "../../lib/src/svg/to-svg";
import { utf8Bytes } from "../../lib/src/svg/xml";
import { RELU, SIGMOID, XSS, handActivation, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

// NB: the same allowlist as extension/actigrad_renderer/export.py, which inlines only such SVG.
const TAGS = new Set([
  "svg",
  "g",
  "rect",
  "line",
  "path",
  "circle",
  "ellipse",
  "polyline",
  "polygon",
  "text",
  "tspan",
  "title",
  "desc",
  "defs",
  "clipPath",
  "linearGradient",
  "stop",
]);
const ATTRS =
  /^(xmlns|width|height|viewBox|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|d|points|transform|fill|fill-opacity|stroke|stroke-width|stroke-dasharray|stroke-opacity|stroke-linecap|stroke-linejoin|opacity|font-family|font-size|font-weight|font-style|text-anchor|dominant-baseline|class|id|clip-path|offset|stop-color|stop-opacity|gradientUnits|role|aria-label|data-[a-z-]+)$/;

function parse(svg: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => problems.push(`${level}: ${msg}`) }).parseFromString(
    svg,
    "image/svg+xml",
  );
  expect(problems).toEqual([]);
  return doc;
}

const all = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag)) as Element[];
const kb = (s: string) => Buffer.byteLength(s) / 1024;

/** Checks what every static figure must be: well-formed, drawing elements only, opaque, ≤ 200 KB. */
function checkSelfContained(svg: string): Document {
  expect(kb(svg)).toBeLessThanOrEqual(200);
  const doc = parse(svg);
  const root = doc.documentElement!;
  expect(root.nodeName).toBe("svg");
  expect(root.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
  const clipIds = all(doc, "clipPath").map((c) => c.getAttribute("id"));
  expect(new Set(clipIds).size).toBe(clipIds.length);
  for (const e of all(doc, "*")) {
    expect(TAGS.has(e.nodeName), e.nodeName).toBe(true);
    for (const a of Array.from(e.attributes)) {
      expect(a.name, `${e.nodeName}@${a.name}`).toMatch(ATTRS);
      // The only url() is a clip-path naming a clipPath of this SVG.
      const local = a.name === "clip-path" ? /^url\(#([\w-]+)\)$/.exec(a.value) : null;
      if (local) expect(clipIds).toContain(local[1]);
      else expect(a.value).not.toMatch(/url\(|javascript:|https?:(?!\/\/www\.w3\.org\/2000\/svg$)/);
    }
  }
  // Legible on dark export themes: an opaque card, and no text left to inherit the page's colour.
  const card = all(doc, "rect")[0];
  expect(card.getAttribute("fill")).toBe("#ffffff");
  expect(Number(card.getAttribute("width"))).toBe(Number(root.getAttribute("width")));
  for (const t of all(doc, "text")) expect(t.getAttribute("fill"), t.textContent ?? "").toMatch(/^#[0-9a-f]{6}$/);
  return doc;
}

const titles = (doc: Document) => all(doc, "title").map((t) => t.textContent ?? "");
const texts = (doc: Document) => all(doc, "text").map((t) => t.textContent ?? "");
const longPaths = (doc: Document, min = 100) =>
  all(doc, "path").filter((p) => (p.getAttribute("d") ?? "").length > min);

const xssLabel = (s: string) => `${s} ${XSS}`;
const figures: [string, Figure][] = [
  ["activation", activationFigure([SIGMOID, RELU], { show: { d2f: true } })],
  ["network", networkFigure(smallNetwork())],
  ["training", trainingFigure(trainingHistory(300, 3, undefined, { step: 300, total: 1000, elapsedMs: 4200 }))],
  ["landscape", landscapeFigure(twoSlices())],
  [
    "curves",
    curvesFigure([
      {
        title: "f",
        lines: [{ name: "sin", f: Math.sin, range: [-3, 3] }],
        points: [{ name: "data", x: [-1, 0, 1], y: [-0.8, 0, 0.8] }],
        bands: [{ from: -1, to: 1, label: "train" }],
      },
      { title: "g", yLog: true, lines: [{ name: "exp", f: Math.exp, range: [-3, 3] }] },
    ]),
  ],
];

describe.each(figures)("the static SVG of a %s figure", (kind, fig) => {
  it("is self-contained, well-formed, opaque, with hover titles, and ≤ 200 KB", () => {
    const doc = checkSelfContained(fig.toSvg());
    expect(titles(doc).length).toBeGreaterThan(10);
    expect(texts(doc)[0]).toBe(fig.payload.title);
    expect(kind).toBe(fig.payload.kind);
  });
});

describe("labels are text, never markup", () => {
  const evil: [string, Figure][] = [
    [
      "activation",
      activationFigure(
        [
          handActivation(
            "evil",
            xssLabel("act"),
            Math.tanh,
            (x) => 1 / Math.cosh(x) ** 2,
            () => 0,
          ),
        ],
        { title: xssLabel("title") },
      ),
    ],
    ["network", networkFigure(smallNetwork(xssLabel))],
    ["training", trainingFigure(trainingHistory(100, 2, xssLabel))],
    [
      "landscape",
      landscapeFigure(twoSlices().map((s) => ({ ...s, title: xssLabel(s.title), xLabel: XSS, yLabel: XSS }))),
    ],
    [
      "curves",
      curvesFigure({
        title: xssLabel("t"),
        xLabel: XSS,
        yLabel: XSS,
        lines: [{ name: XSS, x: [0, 1], y: [0, 1] }],
        points: [{ name: XSS, x: [0.5], y: [0.5], group: [XSS] }],
        bands: [{ from: 0, to: 0.5, label: XSS }],
      }),
    ],
  ];
  it.each(evil)("%s: the XSS label is escaped, and shows literally", (_, fig) => {
    const svg = fig.toSvg();
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const doc = checkSelfContained(svg);
    expect(all(doc, "img")).toHaveLength(0);
    expect([...texts(doc), ...titles(doc)].some((t) => t.includes(XSS))).toBe(true);
  });
});

describe("what each SVG shows", () => {
  it("activation: a path per visible curve, shaded saturation with its ε, a tangent at the steepest point", () => {
    const doc = parse(activationFigure([SIGMOID, RELU], { show: { d2f: true } }).toSvg());
    expect(longPaths(doc)).toHaveLength(6); // f, f′, f″ × 2 (ReLU's flat f″ is short but its f and f′ are long)
    const key = titles(doc).find((t) => t.includes("saturated"));
    expect(key).toBe(
      "Sigmoid saturated: |f′(x)| < 0.01 for x in [-6, -4.585] and [4.585, 6]; ReLU saturated: |f′(x)| < 0.01 for x in [-6, 0]",
    );
    expect(all(doc, "rect").filter((r) => r.getAttribute("fill-opacity") === "0.13")).toHaveLength(3 * 3); // 3 bands in each of 3 panels
    expect(titles(doc)).toContain("Sigmoid: tangent at x₀ = 0 with slope f′(x₀) = 0.25");
    expect(titles(doc)).toContain("Sigmoid: x = 0, f(x) = 0.5, f′(x) = 0.25, f″(x) = 0");
    expect(texts(doc)).toEqual(expect.arrayContaining(["f(x)", "f′(x)", "f″(x)", "Sigmoid", "ReLU"]));
    // Default: f and f′ only.
    expect(texts(parse(activationFigure([SIGMOID]).toSvg()))).not.toContain("f″(x)");
  });

  it("activation: 1e6 points still give ≤ 200 KB, drawn at two points per pixel column", () => {
    const svg = activationFigure(
      [
        SIGMOID,
        RELU,
        handActivation(
          "t",
          "Tanh",
          Math.tanh,
          (x) => 1 / Math.cosh(x) ** 2,
          (x) => (-2 * Math.tanh(x)) / Math.cosh(x) ** 2,
        ),
      ],
      { points: 1_000_000, show: { d2f: true } },
    ).toSvg();
    checkSelfContained(svg);
    const doc = parse(svg);
    for (const p of longPaths(doc))
      expect((p.getAttribute("d")!.match(/L/g) ?? []).length).toBeLessThanOrEqual(2 * 195);
  });

  it("network: the selected parameter's paths in red, with their products and their sum", () => {
    const g = smallNetwork();
    const doc = parse(networkFigure(g).toSvg());
    const red = all(doc, "line").filter((l) => l.getAttribute("stroke") === "#d62728");
    expect(red).toHaveLength(8); // w→p1→a1→s→J and w→p2→q→a2→s
    const t = texts(doc);
    const [p1, p2] = g.explanations[0].paths;
    expect(t.some((s) => s.startsWith("w → p1 → a1 → s → J:  x1 × σ′(p1) × 1 × s − t = 1.5 × "))).toBe(
      Math.abs(p1.product) >= Math.abs(p2.product),
    );
    expect(t.some((s) => s.startsWith("w → p2 → q → a2 → s → J:  x2 × 1 × σ′(q) × 1 × s − t"))).toBe(true);
    expect(t.find((s) => s.startsWith("Σ paths"))).toMatch(
      /^Σ paths = (-?[\d.e-]+) {3}backward\(\) gives ∂J\/∂w = \1$/,
    );
    expect(titles(doc)).toContain(`∂a1/∂p1 = σ′(p1) = ${Number(g.edges[6].local.toPrecision(6))}`);
  });

  it("training: loss, log gradient norms and fractions, with the progress line", () => {
    const doc = parse(
      trainingFigure(trainingHistory(2000, 3, undefined, { step: 300, total: 1000, elapsedMs: 4200 })).toSvg(),
    );
    const t = texts(doc);
    expect(t).toEqual(expect.arrayContaining(["loss (log scale)", "‖∂L/∂W‖ per layer (log)"]));
    // The third title is wider than its room to the card's edge, so it wraps onto two rows.
    expect(t.join(" ")).toContain("saturated — / dead ··· (|f′| < 0.01)");
    expect(t).toContain("step 300 / 1000 (30%) · 4.2 s elapsed · ETA 9.8 s");
    expect(t).toEqual(expect.arrayContaining(["0.001", "0.01", "0.1"])); // decades on the log axis
    expect(longPaths(doc)).toHaveLength(2 + 3 + 3 + 1); // losses, norms, saturated, layer 1's dead
  });

  it("training: a group's loss and layers share a colour; its second loss is dashed, its second layer a lighter shade", () => {
    const h = trainingHistory(50, 2);
    const runs = ["A", "B"];
    const fig = trainingFigure({
      steps: h.steps,
      losses: runs.flatMap((r) => h.losses.map((l) => ({ ...l, name: `${r} ${l.name}`, group: r }))),
      layers: runs.flatMap((r) => h.layers.map((l) => ({ ...l, name: `${r}: ${l.name}`, group: r }))),
    });
    const doc = parse(fig.toSvg());
    const stroke = (title: string) => {
      const hover = all(doc, "title").find((t) => t.textContent?.startsWith(title))!;
      return (hover.parentNode as Element).getAttribute("fill");
    };
    // Tableau blue and red; the second layer of a run is half way to the white card: (0x4e + 0xff) / 2 = 0xa7 (rounded).
    expect([
      stroke("A train loss"),
      stroke("A test loss"),
      stroke("A: layer 1 ‖∂L/∂W‖"),
      stroke("A: layer 1 saturated"),
    ]).toEqual(["#4e79a7", "#4e79a7", "#4e79a7", "#4e79a7"]);
    expect([stroke("A: layer 2 ‖∂L/∂W‖"), stroke("A: layer 2 saturated")]).toEqual(["#a7bcd3", "#a7bcd3"]);
    expect([stroke("B train loss"), stroke("B: layer 1 ‖∂L/∂W‖"), stroke("B: layer 2 ‖∂L/∂W‖")]).toEqual([
      "#e15759",
      "#e15759",
      "#f0abac",
    ]);
    const dashes = longPaths(doc).map(
      (p) => `${p.getAttribute("stroke")} ${p.getAttribute("stroke-dasharray") ?? "solid"}`,
    );
    expect(dashes.slice(0, 4)).toEqual(["#4e79a7 solid", "#4e79a7 6 4", "#e15759 solid", "#e15759 6 4"]);
    // The legend shows each curve as drawn.
    const swatches = all(doc, "line")
      .filter((l) => l.getAttribute("stroke-width") === "3")
      .map((l) => `${l.getAttribute("stroke")} ${l.getAttribute("stroke-dasharray") ?? "solid"}`);
    expect(swatches).toEqual([
      "#4e79a7 solid",
      "#4e79a7 6 4",
      "#e15759 solid",
      "#e15759 6 4",
      "#4e79a7 solid",
      "#a7bcd3 solid",
      "#e15759 solid",
      "#f0abac solid",
    ]);
  });

  it("training: a payload without colours (an older lib's) keeps the old rule, losses then layers", () => {
    const p = trainingFigure(trainingHistory(20, 2)).payload;
    const old = {
      ...p,
      losses: p.losses.map(({ color, dash, ...t }) => t),
      layers: p.layers.map(({ color, shade, ...l }) => l),
    };
    const strokes = (svg: string) => longPaths(parse(svg)).map((e) => e.getAttribute("stroke"));
    expect(strokes(trainingSvg(old))).toEqual(strokes(trainingSvg(p)));
    expect(strokes(trainingSvg(p)).slice(0, 4)).toEqual(["#4e79a7", "#e15759", "#59a14f", "#f28e2b"]);
  });

  it("shadeColor moves a colour toward another by a fraction", () => {
    expect(shadeColor("#4e79a7", 0.5)).toBe("#a7bcd3");
    expect(shadeColor("#000", 0.25, "#fff")).toBe("#404040");
    expect(shadeColor("#8cb4e0", 0, "#000000")).toBe("#8cb4e0");
    expect(shadeColor("white", 0.5)).toBe("white"); // not hex: unchanged
  });

  it("training: the first panel can hold accuracies", () => {
    const t = texts(parse(trainingFigure(trainingHistory(50), { lossTitle: "accuracy" }).toSvg()));
    expect(t).toEqual(expect.arrayContaining(["accuracy", "train", "test"]));
    expect(t).not.toContain("train loss");
  });

  it("activation: xLabel titles the x axis and names the curves", () => {
    const doc = parse(activationFigure([SIGMOID], { xLabel: "z" }).toSvg());
    expect(texts(doc)).toEqual(expect.arrayContaining(["f(z)", "f′(z)", "z"]));
    expect(texts(doc)).not.toContain("f(x)");
    expect(titles(doc)).toContain("Sigmoid: z = 0, f(z) = 0.5, f′(z) = 0.25, f″(z) = 0");
    expect(titles(doc)).toContain("Sigmoid: tangent at z₀ = 0 with slope f′(z₀) = 0.25");
  });

  it("training: without layers, the loss panel alone, across the width", () => {
    const h = trainingHistory(100, 0);
    const doc = parse(trainingFigure(h).toSvg());
    expect(all(doc, "g").filter((g) => g.getAttribute("class") === "panel")).toHaveLength(1);
    expect(texts(doc)).not.toContain("‖∂L/∂W‖ per layer (log)");
    const frame = all(doc, "rect").find((r) => r.getAttribute("fill") === "none" && r.getAttribute("x") === "55")!;
    expect(Number(frame.getAttribute("width"))).toBe(760 - 55 - 20);
    expect(longPaths(doc)).toHaveLength(2);
  });

  it("training: 1e6 logged steps give ≤ 200 KB", () => {
    checkSelfContained(trainingFigure(trainingHistory(1_000_000, 4)).toSvg());
  }, 20_000); // NB: building the 1e6-step history takes most of it; seconds on a loaded machine

  it("landscape: contours, the path with hoverable steps, and −∇L arrows", () => {
    const doc = parse(landscapeFigure(twoSlices()).toSvg());
    const ti = titles(doc);
    expect(ti.filter((t) => t.startsWith("loss = ")).length).toBeGreaterThanOrEqual(20);
    expect(ti).toContain("step 0: (-1.8, 1.6), loss 27.22");
    const arrows = ti.filter((t) => t.startsWith("−∇L at"));
    expect(arrows).toContain("−∇L at (-1.8, -1.8) = (1.8, 36)");
    expect(arrows).toContain("−∇L at (0.6, 0.6) = (-0.6, -0.6)");
    expect(arrows).toHaveLength(
      landscapeFigure(twoSlices()).payload.panels.reduce((n, p) => n + p.arrows!.x.length, 0),
    );
    expect(texts(doc)).toEqual(
      expect.arrayContaining(["raw inputs (badly scaled)", "standardized inputs", "w1", "w2"]),
    );
  });

  it("landscape: a 1000×1000 grid and a 1e6-step path give ≤ 200 KB", () => {
    checkSelfContained(landscapeFigure(twoSlices(1_000_000, 1000)).toSvg());
  });
});

describe("utf8Bytes", () => {
  it.each(["plain", "∂J/∂w ∇ σ′", "x₀ 𝑓 😀", ""])("agrees with Buffer.byteLength for %j", (s) => {
    expect(utf8Bytes(s)).toBe(Buffer.byteLength(s));
  });
});

describe("contourLines", () => {
  it("traces the circle x² + y² = 1 as one closed line, each point within the grid's interpolation error", () => {
    const g = Array.from({ length: 81 }, (_, i) => -2 + i * 0.05);
    const lines = contourLines(
      g,
      g,
      g.map((y) => g.map((x) => x * x + y * y)),
      1,
    );
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line[0]).toEqual(line[line.length - 1]);
    for (const [x, y] of line) expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(2e-3);
    expect(line.length).toBeGreaterThan(100);
  });

  it("splits lines at non-finite cells and leaves open ends open", () => {
    const g = Array.from({ length: 21 }, (_, i) => i);
    const z = g.map((y) => g.map((x) => (x === 10 ? NaN : y)));
    const lines = contourLines(g, g, z, 5.5);
    expect(lines).toHaveLength(2);
    for (const l of lines) for (const [, y] of l) expect(y).toBeCloseTo(5.5, 12);
  });
});
