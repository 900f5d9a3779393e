import type { TrainingPayload } from "actigrad/figure";
import { formatProgress } from "actigrad/figure";
import { shadeColor, trainingPaletteIndices } from "actigrad/figure";
import { fmt } from "actigrad/figure";
import type { Theme } from "../theme";
import { axis, baseLayout, h, legendBelow, onLogAxis, plotText, subplotTitle, type Host, type PlotlyFigure, type View } from "./common";

const COLUMNS: [number, number][] = [
  [0, 0.28],
  [0.36, 0.64],
  [0.72, 1],
];

/** Loss, per-layer gradient norms (log) and saturated/dead fractions in three columns over steps; the loss alone without layers. */
export function trainingPlot(p: TrainingPayload, t: Theme): PlotlyFigure {
  const idx = trainingPaletteIndices(p);
  const color = (k: number) => t.colors[k % t.colors.length];
  // NB: a shade fades toward the paper: white in a light theme, black in a dark one (Lab's paper colour may not be hex).
  const layerColor = (k: number) => shadeColor(color(idx.layers[k]), p.layers[k].shade ?? 0, t.light ? "#ffffff" : "#000000");
  const hover = "step %{x}: %{y:.4g}";
  const data: object[] = [];
  p.losses.forEach((l, k) => {
    data.push({ type: "scatter", mode: "lines", name: plotText(p.lossTitle ? l.name : `${l.name} loss`), legendgroup: `loss${k}`, x: l.x, y: onLogAxis(l.y, p.lossLog), xaxis: "x", yaxis: "y", line: { color: color(idx.losses[k]), width: 2, dash: l.dash ?? "solid" }, hovertemplate: hover });
  });
  p.layers.forEach((l, k) => {
    const c = layerColor(k);
    const group = { legendgroup: `layer${k}`, line: { color: c, width: 2 }, hovertemplate: hover };
    data.push({ type: "scatter", mode: "lines", name: plotText(l.name), showlegend: true, x: l.gradNorm.x, y: onLogAxis(l.gradNorm.y, true), xaxis: "x2", yaxis: "y2", ...group });
    data.push({ type: "scatter", mode: "lines", name: plotText(`${l.name} saturated`), showlegend: false, x: l.saturated.x, y: l.saturated.y, xaxis: "x3", yaxis: "y3", ...group });
    if (l.dead.y.length) data.push({ type: "scatter", mode: "lines", name: plotText(`${l.name} dead`), showlegend: false, x: l.dead.x, y: l.dead.y, xaxis: "x3", yaxis: "y3", ...group, line: { color: c, width: 2, dash: "dot" } });
  });
  const eps = p.epsilon !== undefined ? ` (|f′| < ${fmt(p.epsilon)})` : "";
  const layout = baseLayout(p.title, t, 400);
  // NB: without layers there is nothing for the gradient and saturation panels: the loss takes the width.
  const lossColumn: [number, number] = p.layers.length ? COLUMNS[0] : [0, 1];
  const lossTitle = subplotTitle(`${p.lossTitle ?? "loss"}${p.lossLog ? " (log scale)" : ""}`, lossColumn, t);
  Object.assign(layout, {
    xaxis: axis(t, { domain: lossColumn, anchor: "y", title: { text: "step" } }),
    yaxis: axis(t, { anchor: "x", type: p.lossLog ? "log" : "linear", exponentformat: "power" }),
    annotations: [lossTitle],
  });
  if (p.layers.length) {
    Object.assign(layout, {
      xaxis2: axis(t, { domain: COLUMNS[1], anchor: "y2", title: { text: "step" } }),
      yaxis2: axis(t, { anchor: "x2", type: "log", exponentformat: "power" }),
      xaxis3: axis(t, { domain: COLUMNS[2], anchor: "y3", title: { text: "step" } }),
      yaxis3: axis(t, { anchor: "x3", range: [-0.02, 1.02] }),
      annotations: [lossTitle, subplotTitle("‖∂L/∂W‖ per layer (log)", COLUMNS[1], t), subplotTitle(`saturated — / dead ···${eps}`, COLUMNS[2], t)],
    });
  }
  Object.assign(layout, {
    hovermode: "closest",
    // NB: a constant uirevision keeps the reader's zoom and legend toggles through live updates.
    uirevision: "training",
    margin: { l: 60, r: 20, t: 70, b: 90 },
    legend: legendBelow(400, 70, 90, t),
  });
  return { data, layout };
}

/** The training figure with its live progress line; redrawn in place on every display update. */
export class TrainingView implements View<TrainingPayload> {
  private p!: TrainingPayload;
  private progress = h("div", "jp-RenderedActigrad-progress");
  private bar = h("div", "jp-RenderedActigrad-progress-bar");
  private line = h("span", "jp-RenderedActigrad-progress-text");

  constructor(host: Host) {
    this.progress.append(this.bar, this.line);
    host.top.append(this.progress);
  }

  setPayload(p: TrainingPayload): void {
    this.p = p;
    const g = p.progress;
    this.progress.hidden = !g;
    if (g) {
      this.line.textContent = formatProgress(g);
      this.bar.style.width = `${g.total > 0 ? Math.min(100, (100 * g.step) / g.total) : 0}%`;
      this.progress.classList.toggle("jp-mod-done", g.step >= g.total);
    }
  }

  figure(t: Theme): PlotlyFigure {
    return trainingPlot(this.p, t);
  }

  bind(): void {}
}
