import type { LandscapePayload } from "actigrad/figure";
import { strideIndices } from "actigrad/figure";
import { fmt } from "actigrad/figure";
import { contourColor, isHexColor } from "actigrad/figure";
import type { Theme } from "../theme";
import { axis, baseLayout, plotText, subplotTitle, type Host, type PlotlyFigure, type View } from "./common";

/** Most arrows per panel; more would only clutter. */
const MAX_ARROWS = 400;

/**
 * A colorscale with one stop per contour level, the same colours as the static SVG's but against this theme's
 * paper, so every level keeps its contrast in light and dark themes. NB: zmin/zmax pin level k to stop k.
 */
export function contourScale(levels: { start: number; end: number; size: number }, t: Theme): Record<string, unknown> {
  // NB: Lab's CSS may name the paper "white"; the theme's default paper has the same luminance class.
  const paper = isHexColor(t.paper) ? t.paper : t.light ? "#ffffff" : "#111111";
  const n = Math.max(1, Math.round((levels.end - levels.start) / levels.size) + 1);
  const zmax = levels.start + (n - 1) * levels.size;
  if (n === 1) return { colorscale: [[0, contourColor(0, 1, paper)], [1, contourColor(0, 1, paper)]], zauto: false, zmin: levels.start, zmax: levels.start + 1 };
  const colorscale = Array.from({ length: n }, (_, k) => [k / (n - 1), contourColor(k, n, paper)]);
  return { colorscale, zauto: false, zmin: levels.start, zmax };
}

/** Loss contours per slice side by side, each with its descent path and −∇L arrows. */
export function landscapePlot(p: LandscapePayload, t: Theme): PlotlyFigure {
  const k = p.panels.length;
  const gap = 0.1;
  const w = (1 - gap * (k - 1)) / k;
  const layout = baseLayout(p.title, t, 460);
  const data: object[] = [];
  const annotations: object[] = [];
  p.panels.forEach((s, i) => {
    const dom: [number, number] = [i * (w + gap), i * (w + gap) + w];
    const xa = i === 0 ? "x" : `x${i + 1}`;
    const ya = i === 0 ? "y" : `y${i + 1}`;
    layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = axis(t, { domain: dom, anchor: ya, title: { text: plotText(s.xLabel) }, range: [s.x[0], s.x[s.x.length - 1]] });
    layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = axis(t, { anchor: xa, title: { text: plotText(s.yLabel) }, range: [s.y[0], s.y[s.y.length - 1]] });
    annotations.push(subplotTitle(s.title, dom, t));
    data.push({
      type: "contour",
      x: s.x,
      y: s.y,
      z: s.z,
      xaxis: xa,
      yaxis: ya,
      autocontour: false,
      contours: { start: s.levels.start, end: s.levels.end, size: s.levels.size, coloring: "lines" },
      line: { width: 1.4 },
      ...contourScale(s.levels, t),
      showscale: false,
      hovertemplate: "(%{x:.4g}, %{y:.4g})<br>loss %{z:.4g}<extra></extra>",
      name: `contours ${i}`,
    });
    data.push({
      type: "scatter",
      mode: "lines+markers",
      x: s.path.x,
      y: s.path.y,
      xaxis: xa,
      yaxis: ya,
      line: { color: t.accent, width: 2 },
      marker: { color: t.accent, size: s.path.x.map((_, j) => (j === 0 || j === s.path.x.length - 1 ? 10 : 5)) },
      customdata: s.path.step,
      text: s.path.loss.map((l) => fmt(l)),
      hovertemplate: "step %{customdata}<br>(%{x:.4g}, %{y:.4g})<br>loss %{text}<extra></extra>",
      showlegend: false,
      name: `path ${i}`,
    });
    const a = s.arrows;
    if (a) {
      // NB: one trace of tail → head segments; the head marker points along its segment (angleref "previous").
      const ax: (number | null)[] = [];
      const ay: (number | null)[] = [];
      const size: number[] = [];
      const text: string[] = [];
      for (const j of strideIndices(a.x.length, MAX_ARROWS)) {
        if (!(a.u[j] || a.v[j])) continue;
        const hover = `−∇L at (${fmt(a.x[j])}, ${fmt(a.y[j])}) = (${fmt(a.u[j])}, ${fmt(a.v[j])})`;
        ax.push(a.x[j], a.x[j] + a.scale * a.u[j], null);
        ay.push(a.y[j], a.y[j] + a.scale * a.v[j], null);
        size.push(0, 8, 0);
        text.push(hover, hover, "");
      }
      data.push({ type: "scatter", mode: "lines+markers", x: ax, y: ay, xaxis: xa, yaxis: ya, line: { color: t.muted, width: 1.2 }, marker: { symbol: "arrow", angleref: "previous", size, color: t.muted }, text, hovertemplate: "%{text}<extra></extra>", showlegend: false, name: `arrows ${i}` });
    }
  });
  Object.assign(layout, { annotations, hovermode: "closest", showlegend: false, uirevision: "landscape", margin: { l: 60, r: 20, t: 50, b: 50 } });
  return { data, layout };
}

export class LandscapeView implements View<LandscapePayload> {
  private p!: LandscapePayload;
  constructor(_host: Host) {}
  setPayload(p: LandscapePayload): void {
    this.p = p;
  }
  figure(t: Theme): PlotlyFigure {
    return landscapePlot(this.p, t);
  }
  bind(): void {}
}
