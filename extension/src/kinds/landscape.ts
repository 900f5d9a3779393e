import type { LandscapePayload } from "actigrad/dist/figure/payload";
import { strideIndices } from "actigrad/dist/figure/decimate";
import { fmt } from "actigrad/dist/svg/xml";
import type { Theme } from "../theme";
import { axis, baseLayout, plotText, subplotTitle, type Host, type PlotlyFigure, type View } from "./common";

/** NB: plotly draws each arrow as an annotation (DOM), so a panel shows at most this many. */
const MAX_ARROWS = 150;

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
      colorscale: "Viridis",
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
      for (const j of strideIndices(a.x.length, MAX_ARROWS)) {
        if (!(a.u[j] || a.v[j])) continue;
        annotations.push({ x: a.x[j] + a.scale * a.u[j], y: a.y[j] + a.scale * a.v[j], ax: a.x[j], ay: a.y[j], xref: xa, yref: ya, axref: xa, ayref: ya, text: "", showarrow: true, arrowhead: 2, arrowsize: 1, arrowwidth: 1.2, arrowcolor: t.muted });
      }
    }
  });
  Object.assign(layout, { annotations, hovermode: "closest", showlegend: false, uirevision: "landscape" });
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
