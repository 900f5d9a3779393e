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
import { differences, readPlotly, readSvg } from "./scene-agreement";

type PanelPayload = Exclude<Payload, { kind: "network" }>;

/** Checks one payload at the SVG's width and at a Lab width, in both themes; returns what disagrees. */
export function disagreements(p: PanelPayload): string[] {
  const out: string[] = [];
  // The figure's own SVG is the scene's drawing.
  if (toSvg(p) !== drawScene(sceneOf(p))) out.push("toSvg differs from drawScene(sceneOf(payload))");
  for (const view of [{}, { width: 1000, theme: DARK_THEME }, { width: 520 }]) {
    const scene = sceneOf(p, view);
    out.push(...differences(readSvg(drawScene(scene)), readPlotly(toPlotly(scene) as never)).map((d) => `${JSON.stringify({ width: scene.width, light: scene.theme.light })}: ${d}`));
  }
  return out;
}

// NB: set by test/python/test_notebooks.py after it runs the series: every figure the notebooks displayed.
const SERIES = process.env.ACTIGRAD_SERIES_PAYLOADS;

describe("SVG and plotly from one scene agree", () => {
  it.each(Object.entries(PANEL_FIGURES).filter(([name]) => /curves|panels|training|landscape/.test(name)))("%s", (_, make) => {
    const p = make().payload as PanelPayload;
    expect(disagreements(p)).toEqual([]);
  });

  // NB: defined only when the series ran (test_notebooks.py runs this file again with the path set).
  if (SERIES) it("every panel figure of the notebook series", () => {
    const lines = fs.readFileSync(SERIES!, "utf8").split("\n").filter(Boolean);
    const payloads = lines.map((l) => JSON.parse(l) as { where: string; payload: Payload });
    expect(payloads.length).toBeGreaterThan(10);
    const bad = payloads.filter((x) => x.payload.kind !== "network").flatMap((x) => disagreements(x.payload as PanelPayload).map((d) => `${x.where}: ${d}`));
    expect(bad).toEqual([]);
  });
});
