// Landscape contours: every level's colour keeps ≥ 3:1 contrast (WCAG, computed here from the sRGB definition)
// against the background it is drawn on: the static SVG's white card, and Lab's light and dark paper.
import { DOMParser, type Element } from "@xmldom/xmldom";
import { channels, contrast } from "./color-math";
import { describe, expect, it } from "vitest";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { landscapeScene } from "../../lib/src/figure/scene/landscape";
import { DARK_THEME, LIGHT_THEME, type SceneTheme as Theme } from "../../lib/src/figure/theme";
import { toPlotly } from "../../lib/src/plotly/to-plotly";
import { toSvg as landscapeSvg } from "../../lib/src/svg/to-svg";
import { twoSlices } from "./figure-fixtures";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The colour plotly gives value z: linear RGB interpolation between the colorscale's stops over [zmin, zmax]. */
function scaleAt(trace: Json, z: number): string {
  const s: [number, string][] = trace.colorscale;
  const t = Math.min(1, Math.max(0, (z - trace.zmin) / (trace.zmax - trace.zmin)));
  const k = Math.max(0, s.findIndex(([p], i) => i > 0 && p >= t - 1e-12) - 1);
  const [p0, c0] = s[k];
  const [p1, c1] = s[k + 1] ?? s[k];
  const f = p1 > p0 ? (t - p0) / (p1 - p0) : 0;
  return (
    "#" +
    channels(c0)
      .map((a, j) =>
        Math.round(255 * (a + (channels(c1)[j] - a) * f))
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

const [light, dark] = [LIGHT_THEME, DARK_THEME];
/** The Lab figure, as the extension draws it. */
const landscapePlot = (p: Parameters<typeof landscapeScene>[0], theme: Theme) => toPlotly(landscapeScene(p, { theme }));

describe("contour contrast", () => {
  const payload = landscapeFigure(twoSlices(30, 31)).payload;

  it("every contour level in the static SVG has ≥ 3:1 against its white card", () => {
    const doc = new DOMParser().parseFromString(landscapeSvg(payload), "image/svg+xml");
    const paths = Array.from(doc.getElementsByTagName("path") as unknown as Element[]).filter((e) =>
      /^loss = /.test(e.getElementsByTagName("title")[0]?.textContent ?? ""),
    );
    expect(paths.length).toBeGreaterThan(10);
    const worst = Math.min(...paths.map((e) => contrast(e.getAttribute("stroke")!, LIGHT_THEME.paper)));
    expect(worst).toBeGreaterThanOrEqual(3);
  });

  for (const theme of [light, dark]) {
    it(`every contour level in Lab has ≥ 3:1 against the ${theme.light ? "light" : "dark"} paper`, () => {
      const traces = (landscapePlot(payload, theme).data as Json[]).filter((d) => d.type === "contour");
      expect(traces.length).toBe(payload.panels.length);
      for (const tr of traces) {
        const { start, end, size } = tr.contours;
        const levels = Array.from({ length: Math.round((end - start) / size) + 1 }, (_, k) => start + k * size);
        expect(levels.length).toBeGreaterThan(5);
        const worst = Math.min(...levels.map((z) => contrast(scaleAt(tr, z), theme.paper)));
        expect(worst, `${theme.light ? "light" : "dark"} worst level`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('Lab accepts a paper colour named in CSS (JupyterLab\'s light theme says "white")', () => {
    const tr = (landscapePlot(payload, { ...light, paper: "white" }).data as Json[]).find((d) => d.type === "contour");
    expect(Math.min(...tr.colorscale.map(([, c]: [number, string]) => contrast(c, "#ffffff")))).toBeGreaterThanOrEqual(
      3,
    );
  });
});
