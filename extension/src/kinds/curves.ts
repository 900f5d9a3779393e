import type { CurvesPanel, CurvesPayload } from "actigrad/figure";
import { LABEL_CHAR, stackLabels } from "actigrad/figure";
import type { Theme } from "../theme";
import { axis, baseLayout, h, legendBelow, onLogAxis, plotText, subplotTitle, type Host, type PlotlyFigure, type View } from "./common";

/** Panels per row, as in the static SVG. */
const COLUMNS = 3;
const GAP_X = 0.08;
const ROW_PX = 300;

/** Pixels per row of band labels above a plot area. */
const LABEL_ROW_PX = 13;
/** The plot width the label layout assumes (the output area's is unknown until drawn; Lab's is about this wide). */
const NOMINAL_WIDTH_PX = 700;

/** The x range shown, in axis units (log₁₀ on a log axis): the fixed range, or the data's finite extent (> 0 on a log axis). */
function shownX(p: CurvesPanel): [number, number] {
  const t = (v: number) => (p.xLog ? Math.log10(v) : v);
  if (p.xRange) return [t(p.xRange[0]), t(p.xRange[1])];
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [...p.lines, ...p.points]) {
    for (const v of s.x) {
      if (!Number.isFinite(v) || (p.xLog && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [t(lo), t(hi)] : [NaN, NaN];
}

/**
 * Each labelled band's label: where it starts (in axis units) and its row in the strip above the plot
 * area, as the static SVG places them (there in exact pixels, here on a nominal width).
 */
export function bandLabelPlaces(p: CurvesPanel, widthPx: number): { text: string; x: number; row: number }[] {
  const [lo, hi] = shownX(p);
  if (!(hi > lo)) return [];
  const px = (v: number) => ((v - lo) / (hi - lo)) * widthPx;
  const t = (v: number) => (p.xLog ? (v > 0 ? Math.log10(v) : -Infinity) : v);
  const shown = p.bands.flatMap((b) => {
    const x0 = Math.max(0, px(t(b.from)));
    const x1 = Math.min(widthPx, px(t(b.to)));
    return b.label && x1 > x0 ? [{ text: b.label, x: x0, width: LABEL_CHAR * 1.1 * b.label.length }] : [];
  });
  return stackLabels(shown, 0, widthPx).map((s, i) => ({ text: shown[i].text, x: lo + (s.x / widthPx) * (hi - lo), row: s.row }));
}

/**
 * One subplot per panel in a grid of up to three columns: lines, points (a trace per group), shaded x
 * ranges with labels, log axes and fixed ranges. A legend name shared across panels is one legend entry
 * whose click toggles it everywhere.
 */
export function curvesPlot(p: CurvesPayload, t: Theme): PlotlyFigure {
  const n = p.panels.length;
  const cols = Math.min(COLUMNS, n);
  const rows = Math.ceil(n / cols);
  const colW = (1 - GAP_X * (cols - 1)) / cols;
  // NB: band labels go in a strip above each plot area, never over the lines; every row leaves room for the most label rows.
  const labels = p.panels.map((panel) => bandLabelPlaces(panel, colW * NOMINAL_WIDTH_PX));
  const strip = LABEL_ROW_PX * Math.max(0, ...labels.map((ls) => (ls.length ? Math.max(...ls.map((l) => l.row)) + 1 : 0)));
  // The figure title sits at half the top margin: growing the margin by twice the strip keeps its gap to the subplot titles.
  const top = 60 + 2 * strip;
  const bottom = 100;
  const height = top + bottom + rows * ROW_PX + (rows - 1) * strip;
  const rowGap = (90 + strip) / (height - top - bottom);
  const rowH = (1 - rowGap * (rows - 1)) / rows;
  const color = (k: number) => t.colors[k % t.colors.length];
  const layout = baseLayout(p.title, t, height);
  const data: object[] = [];
  const shapes: object[] = [];
  const annotations: object[] = [];
  // NB: legend groups are keyed by a number per name, so no label text ends up in an attribute plotly keeps raw.
  const groups = new Map<string, number>();
  const legend = (key: string) => {
    const first = !groups.has(key);
    if (first) groups.set(key, groups.size);
    return { legendgroup: `g${groups.get(key)}`, showlegend: first };
  };
  p.panels.forEach((panel, i) => {
    const r = Math.floor(i / cols);
    const c = i % cols;
    const xDomain: [number, number] = [c * (colW + GAP_X), c * (colW + GAP_X) + colW];
    const yTop = 1 - r * (rowH + rowGap);
    const xa = i === 0 ? "x" : `x${i + 1}`;
    const ya = i === 0 ? "y" : `y${i + 1}`;
    // NB: plotly takes a log axis's range in log₁₀ units, but shapes' x in data units.
    const range = (rg: [number, number] | undefined, log: boolean) => (rg ? { range: log ? rg.map(Math.log10) : rg, autorange: false } : {});
    layout[i === 0 ? "xaxis" : `xaxis${i + 1}`] = axis(t, { domain: xDomain, anchor: ya, type: panel.xLog ? "log" : "linear", exponentformat: "power", title: { text: plotText(panel.xLabel) }, ...range(panel.xRange, panel.xLog) });
    layout[i === 0 ? "yaxis" : `yaxis${i + 1}`] = axis(t, { domain: [yTop - rowH, yTop], anchor: xa, type: panel.yLog ? "log" : "linear", exponentformat: "power", title: { text: plotText(panel.yLabel) }, ...range(panel.yRange, panel.yLog) });
    // NB: with a strip, a few px more keep the title's box (with its padding) clear of the labels' boxes.
    if (panel.title) annotations.push({ ...subplotTitle(panel.title, xDomain, t, yTop), yshift: strip ? strip + 6 : 3 });
    const hover = `${plotText(panel.xLabel)} = %{x:.4~g}<br>${plotText(panel.yLabel)} = %{y:.4~g}`;
    for (const b of panel.bands) {
      shapes.push({ type: "rect", xref: xa, yref: `${ya} domain`, x0: b.from, x1: b.to, y0: 0, y1: 1, fillcolor: t.muted, opacity: 0.16, line: { width: 0 }, layer: "below" });
    }
    // NB: annotations take log₁₀ units on a log axis, which bandLabelPlaces gives.
    for (const l of labels[i]) {
      annotations.push({ text: plotText(l.text), xref: xa, yref: `${ya} domain`, x: l.x, y: 1, xanchor: "left", yanchor: "bottom", yshift: 1 + l.row * LABEL_ROW_PX, showarrow: false, font: { size: 11, color: t.muted } });
    }
    for (const l of panel.lines) {
      const markers = l.markers ? { mode: "lines+markers", marker: { color: color(l.color), size: 7 } } : { mode: "lines" };
      data.push({ type: "scatter", ...markers, name: plotText(l.name), ...legend(`line\u0000${l.name}`), x: onLogAxis(l.x, panel.xLog), y: onLogAxis(l.y, panel.yLog), xaxis: xa, yaxis: ya, line: { color: color(l.color), width: 2, dash: l.dash ?? "solid" }, hovertemplate: hover, meta: "line" });
    }
    for (const s of panel.points) {
      s.groups.forEach((g, k) => {
        const idx = s.group ? s.group.flatMap((gi, j) => (gi === k ? [j] : [])) : null;
        const x = idx ? idx.map((j) => s.x[j]) : s.x;
        const y = idx ? idx.map((j) => s.y[j]) : s.y;
        data.push({ type: "scatter", mode: "markers", name: plotText(g), ...legend(`points\u0000${g}`), x: onLogAxis(x, panel.xLog), y: onLogAxis(y, panel.yLog), xaxis: xa, yaxis: ya, marker: { color: color(s.colors[k]), size: 7, opacity: 0.85, line: { color: t.paper, width: 0.5 } }, hovertemplate: hover, meta: "points" });
      });
    }
  });
  Object.assign(layout, { shapes, annotations, hovermode: "closest", uirevision: "curves", margin: { l: 60, r: 20, t: top, b: bottom }, legend: legendBelow(height, top, bottom, t) });
  return { data, layout };
}

/** What was left out of large point sets, e.g. "data: 5000 of 1000000 points shown". */
export function thinnedNote(p: CurvesPayload): string {
  return p.panels
    .flatMap((panel) => panel.points.filter((s) => s.omitted).map((s) => `${s.name}: ${s.x.length} of ${s.x.length + s.omitted!} points shown (one per occupied cell of a fine grid)`))
    .join("; ");
}

/** x–y panels; a note below when large point sets were thinned. */
export class CurvesView implements View<CurvesPayload> {
  private p!: CurvesPayload;
  private note = h("div", "jp-RenderedActigrad-note");

  constructor(host: Host) {
    host.bottom.append(this.note);
  }

  setPayload(p: CurvesPayload): void {
    this.p = p;
    const note = thinnedNote(p);
    this.note.textContent = note;
    this.note.hidden = !note;
  }

  figure(t: Theme): PlotlyFigure {
    return curvesPlot(this.p, t);
  }

  bind(): void {}
}
