// One scene, two renderers: for every panel figure, the static SVG and the Lab plotly figure have the same panels,
// ticks, lines and texts at the same places (to 0.6 px), read back from what each renderer wrote.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { Payload } from "../../lib/src/figure/payload";
import { sceneOf } from "../../lib/src/figure/scene/index";
import { DARK_THEME } from "../../lib/src/figure/theme";
import { toPlotly } from "../../lib/src/plotly/to-plotly";
import { drawScene } from "../../lib/src/svg/draw-scene";
import { toSvg } from "../../lib/src/svg/to-svg";
import { PANEL_FIGURES } from "./series-figures";
import { differences, networkDisagreements, readPlotly, readSvg } from "./scene-agreement";
import { outside, overlaps, textBoxes } from "./svg-text-boxes";

type PanelPayload = Exclude<Payload, { kind: "network" }>;

/** Checks one payload at the SVG's width and at a Lab width, in both themes; returns what disagrees. */
export function disagreements(p: PanelPayload): string[] {
  const out: string[] = [];
  // The figure's own SVG is the scene's drawing.
  if (toSvg(p) !== drawScene(sceneOf(p))) out.push("toSvg differs from drawScene(sceneOf(payload))");
  const lens =
    p.kind === "activation" ? { lens: Math.floor(p.x.length / 3), show: { f: true, df: false, d2f: true } } : {};
  for (const view of [{}, { width: 1000, theme: DARK_THEME, ...lens }, { width: 520 }]) {
    const scene = sceneOf(p, view);
    out.push(
      ...differences(readSvg(drawScene(scene)), readPlotly(toPlotly(scene) as never)).map(
        (d) => `${JSON.stringify({ width: scene.width, light: scene.theme.light })}: ${d}`,
      ),
    );
  }
  return out;
}

// NB: set by test/python/test_notebooks.py after it runs the series: every figure the notebooks displayed.
const SERIES = process.env.ACTIGRAD_SERIES_PAYLOADS;

describe("SVG and plotly from one scene agree", () => {
  it.each(Object.entries(PANEL_FIGURES))("%s", (_, make) => {
    const p = make().payload as PanelPayload;
    expect(disagreements(p)).toEqual([]);
  });

  it("reads back every sort of mark, so the comparison is not vacuous", () => {
    const count = (name: string, view = {}) => {
      const d = readSvg(drawScene(sceneOf(PANEL_FIGURES[name]().payload as PanelPayload, view)));
      return {
        panels: d.panels.length,
        lines: d.lines.length,
        texts: d.texts.length,
        segments: d.segments.length,
        dots: d.dots.length,
        spans: d.spans.length,
      };
    };
    expect(count("activation fixture", { lens: 100 })).toMatchObject({
      panels: 3,
      lines: 6,
      segments: 2,
      dots: 2 + 6,
      spans: 3 * 3 + 3,
    });
    expect(count("landscape fixture").segments).toBeGreaterThan(40);
    expect(count("landscape fixture").dots).toBeGreaterThan(20);
    expect(count("curves fixture: bands, groups, markers, log axes")).toMatchObject({
      panels: 2,
      lines: 3,
      dots: 7 + 4,
      spans: 2,
    });
  });

  // NB: defined only when the series ran: test/python/test_notebooks.py runs this file again with the path set.
  if (SERIES)
    it("every figure of the notebook series: the same both ways, and no SVG label overlaps or leaves the drawing", () => {
      const lines = fs.readFileSync(SERIES!, "utf8").split("\n").filter(Boolean);
      const payloads = lines.map((l) => JSON.parse(l) as { where: string; payload: Payload });
      expect(payloads.length).toBeGreaterThan(40);
      const bad = payloads.flatMap(({ where, payload: p }) => {
        const { boxes, width, height } = textBoxes(toSvg(p));
        return [
          ...(p.kind === "network" ? networkDisagreements(p) : disagreements(p)),
          ...overlaps(boxes),
          ...outside(boxes, width, height),
        ].map((d) => `${where} (${p.kind}): ${d}`);
      });
      expect(bad).toEqual([]);
    });
});
