// The Lab figure of a scene: plotly traces and a layout of the scene's own size, with every panel, text and legend
// entry where the scene put it (paper coordinates are the scene's pixels over its size). It only draws.
import type { Dash } from "../figure/payload";
import type { Scene, ScenePanel, SceneSegment, SceneText } from "../figure/scene/types";

/** A plotly figure: traces and layout. */
export interface PlotlyFigure {
  data: object[];
  layout: Record<string, unknown>;
}

/**
 * Text for plotly, shown literally. NB: plotly parses a subset of HTML in titles, names and
 * hover labels and decodes entities, so escaping & < > turns any label into inert literal text.
 */
export function plotText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Where a text's glyphs are centred vertically, above its baseline, per px of font size. */
export const MIDDLE_EM = 0.3;

const ANCHOR = { start: "left", middle: "center", end: "right" } as const;
const DASH: Record<Dash, string> = { solid: "solid", dash: "dash", dot: "dot" };

/** A log axis's values: those ≤ 0 become null, a gap (the static SVG leaves one too; plotly would dive off the plot). */
function onAxis(values: readonly number[], log: boolean): readonly (number | null)[] {
  return log && values.some((v) => !(v > 0)) ? values.map((v) => (v > 0 ? v : null)) : values;
}

/** A scene text as an annotation at the same place: its glyphs' middle at the scene's baseline − 0.3 em. */
export function annotation(t: SceneText, W: number, H: number): Record<string, unknown> {
  const text = t.bold ? `<b>${plotText(t.text)}</b>` : plotText(t.text);
  // NB: a vertical text turns about its baseline point, so its middle lies 0.3 em left of it.
  const [cx, cy] = t.vertical ? [t.x - MIDDLE_EM * t.size, t.y] : [t.x, t.y - MIDDLE_EM * t.size];
  return {
    text,
    x: cx / W,
    y: 1 - cy / H,
    xref: "paper",
    yref: "paper",
    xanchor: t.vertical ? "center" : ANCHOR[t.anchor],
    // NB: scenes set vertical texts centred (anchor "middle") only.
    yanchor: "middle",
    textangle: t.vertical ? -90 : 0,
    showarrow: false,
    borderpad: 0,
    font: { size: t.size, color: t.color },
    ...(t.hover ? { hovertext: plotText(t.hover) } : {}),
  };
}

function axisNames(i: number): { xa: string; ya: string; xKey: string; yKey: string } {
  const n = i === 0 ? "" : String(i + 1);
  return { xa: `x${n}`, ya: `y${n}`, xKey: `xaxis${n}`, yKey: `yaxis${n}` };
}

/** Segments of one look as one trace, null between them; heads as arrow markers, dots as a trace of their own. */
function segmentTraces(segs: readonly SceneSegment[], p: ScenePanel, xa: string, ya: string): object[] {
  const groups = new Map<string, SceneSegment[]>();
  for (const s of segs) {
    const key = `${s.color} ${s.width} ${s.dash} ${!!s.head}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: object[] = [];
  for (const g of groups.values()) {
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    const text: string[] = [];
    const size: number[] = [];
    for (const s of g) {
      x.push(s.x[0], s.x[1], null);
      y.push(s.y[0], s.y[1], null);
      const h = s.hover ? plotText(s.hover) : "";
      text.push(h, h, "");
      size.push(0, 8, 0);
    }
    const { color, width, dash, head } = g[0];
    const hover = g.some((s) => s.hover) ? { text, hovertemplate: "%{text}<extra></extra>" } : { hoverinfo: "skip" };
    out.push({
      type: "scatter",
      mode: head ? "lines+markers" : "lines",
      x: onAxis(x as number[], p.x.log),
      y,
      xaxis: xa,
      yaxis: ya,
      line: { color, width, dash: DASH[dash] },
      ...(head ? { marker: { symbol: "arrow", angleref: "previous", size, color } } : {}),
      ...hover,
      showlegend: false,
      meta: "segment",
    });
  }
  const dots = segs.filter((s) => s.dot);
  if (dots.length) {
    out.push({
      type: "scatter",
      mode: "markers",
      x: dots.map((s) => s.dot!.x),
      y: dots.map((s) => s.dot!.y),
      xaxis: xa,
      yaxis: ya,
      marker: { color: dots.map((s) => s.color), size: dots.map((s) => s.dot!.size) },
      text: dots.map((s) => plotText(s.hover ?? "")),
      hovertemplate: "%{text}<extra></extra>",
      showlegend: false,
      meta: "segment-dot",
    });
  }
  return out;
}

/** The scene as a plotly figure of exactly the scene's size. */
export function toPlotly(scene: Scene, opts: { fontFamily?: string; hoverLabels?: boolean } = {}): PlotlyFigure {
  const { width: W, height: H, theme: t } = scene;
  const data: object[] = [];
  const shapes: object[] = [];
  const annotations: object[] = [];
  const layout: Record<string, unknown> = {
    width: W,
    height: Math.round(H),
    autosize: false,
    margin: { l: 0, r: 0, t: 0, b: 0, pad: 0 },
    paper_bgcolor: t.paper,
    plot_bgcolor: t.paper,
    font: { color: t.text, size: 11, family: opts.fontFamily ?? "sans-serif" },
    showlegend: false,
    hovermode: "closest",
    hoverlabel: { namelength: -1 },
    // NB: every axis has a fixed range (the scene's), so a drag has nothing to zoom.
    dragmode: false,
    uirevision: scene.kind,
  };
  scene.panels.forEach((p, i) => {
    const { xa, ya, xKey, yKey } = axisNames(i);
    const { box } = p;
    const common = {
      showgrid: true,
      gridcolor: t.grid,
      showline: true,
      mirror: true,
      linecolor: t.axis,
      tickmode: "array",
      ticks: "",
      tickfont: { color: t.muted, size: 11 },
      fixedrange: true,
      automargin: false,
    };
    const ticks = (a: ScenePanel["x"]) => ({
      tickvals: a.ticks.map((k) => (a.log ? 10 ** k.at : k.at)),
      ticktext: a.ticks.map((k) => plotText(k.label)),
    });
    layout[xKey] = {
      ...common,
      ...ticks(p.x),
      domain: [box.left / W, (box.left + box.width) / W],
      range: p.x.domain,
      type: p.x.log ? "log" : "linear",
      anchor: ya,
      zeroline: false,
      // NB: x tick labels 3 px lower than plotly's default, as the scene places them (X_TICK_DY), so the first clears
      // the lowest y tick label at the corner (they overlapped by 2.7 px in Chromium).
      ticklabelstandoff: 3,
    };
    layout[yKey] = {
      ...common,
      ...ticks(p.y),
      domain: [1 - (box.top + box.height) / H, 1 - box.top / H],
      range: p.y.domain,
      type: p.y.log ? "log" : "linear",
      anchor: xa,
      zeroline: p.zeroLine,
      zerolinecolor: t.axis,
    };
    for (const b of p.bands)
      shapes.push({
        type: "rect",
        xref: xa,
        yref: `${ya} domain`,
        x0: b.from,
        x1: b.to,
        y0: 0,
        y1: 1,
        fillcolor: b.color,
        opacity: b.opacity,
        line: { width: 0 },
        layer: "below",
      });
    for (const r of p.rules)
      shapes.push({
        type: "line",
        xref: xa,
        yref: `${ya} domain`,
        x0: r.x,
        x1: r.x,
        y0: 0,
        y1: 1,
        line: { color: r.color, width: 1, dash: DASH[r.dash] },
      });
    const c = p.contours;
    if (c) {
      const n = c.levels.count;
      const end = c.levels.start + (n - 1) * c.levels.size;
      // NB: one colorscale stop per level, pinned by zmin/zmax, so level k is drawn in the scene's colour k.
      const colorscale =
        n === 1
          ? [
              [0, c.colors[0]],
              [1, c.colors[0]],
            ]
          : c.colors.map((col, k) => [k / (n - 1), col]);
      data.push({
        type: "contour",
        x: c.x,
        y: c.y,
        z: c.z,
        xaxis: xa,
        yaxis: ya,
        autocontour: false,
        contours: { start: c.levels.start, end, size: c.levels.size, coloring: "lines" },
        line: { width: 1.2 },
        colorscale,
        zauto: false,
        zmin: c.levels.start,
        zmax: n === 1 ? c.levels.start + 1 : end,
        showscale: false,
        hovertemplate: `(%{x:.4~g}, %{y:.4~g})<br>${plotText(c.zName)} %{z:.4~g}<extra></extra>`,
        meta: "contours",
      });
    }
    for (const l of p.lines) {
      // NB: without hover labels (a readout elsewhere shows the values) the line still sends hover events.
      const hover =
        opts.hoverLabels === false
          ? { hoverinfo: "none" }
          : l.hover
            ? { text: l.x.map((_, k) => plotText(l.hover!(k))), hovertemplate: "%{text}<extra></extra>" }
            : { hoverinfo: "skip" };
      data.push({
        type: "scatter",
        mode: l.markers ? "lines+markers" : "lines",
        name: plotText(l.name),
        x: onAxis(l.x, p.x.log),
        y: onAxis(l.y, p.y.log),
        xaxis: xa,
        yaxis: ya,
        line: { color: l.color, width: l.width, dash: DASH[l.dash] },
        ...(l.markers ? { marker: { color: l.color, size: l.markers } } : {}),
        ...hover,
        showlegend: false,
        meta: "line",
      });
    }
    data.push(...segmentTraces(p.segments, p, xa, ya));
    for (const s of p.points) {
      const hover = s.hover
        ? { text: s.x.map((_, k) => plotText(s.hover!(k))), hovertemplate: "%{text}<extra></extra>" }
        : { hoverinfo: "skip" };
      data.push({
        type: "scatter",
        mode: "markers",
        name: plotText(s.name),
        x: onAxis(s.x, p.x.log),
        y: onAxis(s.y, p.y.log),
        xaxis: xa,
        yaxis: ya,
        marker: { color: s.color, size: s.size, opacity: s.opacity ?? 1 },
        ...hover,
        showlegend: false,
        meta: "points",
      });
    }
  });
  // The legend as the scene placed it: a swatch (shapes) and a clickable label (an annotation named by its entry).
  for (const e of scene.legend) {
    const [x, y] = [(px: number) => px / W, (py: number) => 1 - py / H];
    const opacity = e.off ? 0.4 : 1;
    if (e.line)
      shapes.push({
        type: "line",
        xref: "paper",
        yref: "paper",
        x0: x(e.x),
        x1: x(e.x + 24),
        y0: y(e.y - 4),
        y1: y(e.y - 4),
        line: { color: e.color, width: 3, dash: DASH[e.dash ?? "solid"] },
        opacity,
      });
    if (e.dot)
      shapes.push({
        type: "circle",
        xref: "paper",
        yref: "paper",
        x0: x(e.x + 8.5),
        x1: x(e.x + 15.5),
        y0: y(e.y - 0.5),
        y1: y(e.y - 7.5),
        fillcolor: e.color,
        line: { width: 0 },
        opacity,
      });
  }
  for (const k of scene.keys)
    shapes.push({
      type: "rect",
      xref: "paper",
      yref: "paper",
      x0: k.x / W,
      x1: (k.x + k.width) / W,
      y0: 1 - (k.y + k.height) / H,
      y1: 1 - k.y / H,
      fillcolor: k.color,
      opacity: k.opacity,
      line: { width: 0 },
    });
  let legendIndex = 0;
  for (const text of scene.texts) {
    const a = annotation(text, W, H);
    // NB: a legend label is clickable (plotly_clickannotation); its name says which entry it is.
    if (text.role === "legend") Object.assign(a, { captureevents: true, name: `legend ${legendIndex++}` });
    annotations.push(a);
  }
  Object.assign(layout, { shapes, annotations });
  return { data, layout };
}
