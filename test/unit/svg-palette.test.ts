// The series palettes: 20 colours that stay apart (so an 11-layer training dashboard never repeats one), the static
// SVG's and Lab's light palette the same, the dark one readable on dark paper. Distances are CIELAB ΔE (CIE76),
// computed here from the sRGB definition.
import { DOMParser, type Element } from "@xmldom/xmldom";
import { channels, contrast, linear } from "./color-math";
import { describe, expect, it } from "vitest";
import { trainingScene } from "../../lib/src/figure/scene/training";
import { toPlotly } from "../../lib/src/plotly/to-plotly";
import { DARK, LIGHT, type Theme } from "../../extension/src/theme";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { LIGHT_THEME, PALETTE } from "../../lib/src/figure/theme";
import { trainingHistory } from "./figure-fixtures";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The Lab figure of a training payload, as the extension draws it. */
const trainingPlot = (p: Parameters<typeof trainingScene>[0], theme: Theme) => toPlotly(trainingScene(p, { theme }));

/** CIELAB under D65. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map(linear);
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ];
  const [fx, fy, fz] = xyz.map((t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

function closestPair(colors: readonly string[]): { d: number; pair: string } {
  let best = { d: Infinity, pair: "" };
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++) {
      const d = deltaE(colors[i], colors[j]);
      if (d < best.d) best = { d, pair: `${i} ${colors[i]} / ${j} ${colors[j]}` };
    }
  return best;
}

describe("series palettes", () => {
  it("the static SVG's palette is Lab's light one: Tableau 10 first (older figures keep their colours), 20 in all", () => {
    expect(PALETTE).toEqual(LIGHT);
    expect(PALETTE.slice(0, 10)).toEqual([
      "#4e79a7",
      "#e15759",
      "#59a14f",
      "#f28e2b",
      "#b07aa1",
      "#76b7b2",
      "#edc948",
      "#ff9da7",
      "#9c755f",
      "#bab0ac",
    ]);
    expect(DARK).toHaveLength(20);
  });

  it("no two of the 20 light colours are closer than ΔE 18, nor of the dark ones than ΔE 20", () => {
    expect(closestPair(LIGHT).d, closestPair(LIGHT).pair).toBeGreaterThanOrEqual(18);
    expect(closestPair(DARK).d, closestPair(DARK).pair).toBeGreaterThanOrEqual(20);
  });

  it("every dark colour has at least 4.5:1 contrast on dark paper (#111); none is the accent red", () => {
    expect(DARK.filter((c) => contrast(c, "#111111") < 4.5)).toEqual([]);
    expect([...LIGHT, ...DARK]).not.toContain("#d62728");
  });
});

describe("an 11-layer training dashboard gives every curve its own colour", () => {
  const h = trainingHistory(30, 11);
  const fig = trainingFigure({
    ...h,
    losses: [h.losses[0]],
    layers: h.layers.map((l, k) => ({ ...l, name: `dense${k}` })),
  });
  const p = fig.payload;
  const names = ["train loss", ...Array.from({ length: 11 }, (_, k) => `dense${k}`)];

  it("in the static SVG (legend swatches)", () => {
    const doc = new DOMParser().parseFromString(fig.toSvg(), "image/svg+xml");
    const swatch = (name: string) => {
      const label = (Array.from(doc.getElementsByTagName("text")) as Element[]).find((t) => t.textContent === name)!;
      return ((label.parentNode as Element).getElementsByTagName("line")[0] as Element).getAttribute("stroke");
    };
    const colors = names.map(swatch);
    expect(colors).toEqual(PALETTE.slice(0, 12)); // dense10 is PALETTE[11], no longer dense0's colour
    expect(new Set(colors).size).toBe(12);
  });

  it.each([
    ["light", LIGHT],
    ["dark", DARK],
  ] as const)("in Lab's plotly traces (%s theme)", (_, colors) => {
    const theme: Theme = { ...LIGHT_THEME, light: colors === LIGHT, colors: [...colors] };
    const traces = trainingPlot(p, theme).data as Json[];
    const of = (name: string) => traces.find((t) => t.name === name || t.name === `${name} ‖∂L/∂W‖`)!.line.color;
    expect(names.map(of)).toEqual(colors.slice(0, 12));
  });
});
