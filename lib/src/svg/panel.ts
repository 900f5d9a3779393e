import { el, fmt, text, title } from "./xml";
import { extent, linearScale, niceTicks } from "./scale";
import { INK } from "./palette";

/** One polyline in a panel. */
export interface Line {
  x: readonly number[];
  y: readonly number[];
  color: string;
  dash?: string;
  /** Hover text for sampled points; called for about `hoverPoints` indices. */
  hover?: (i: number) => string;
}

export interface PanelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** An SVG path through the finite points; non-finite values break the line. */
export function pathData(x: readonly number[], y: readonly number[], sx: (v: number) => number, sy: (v: number) => number): string {
  let d = "";
  let pen = false;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${sx(x[i]).toFixed(1)} ${sy(y[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A framed plot with ticks, grid, a y-axis title and lines; hover targets carry `<title>` text. */
export function panel(box: PanelBox, yTitle: string, lines: readonly Line[], hoverPoints = 41): string {
  const xd = extent(lines.map((l) => l.x), 0);
  const yd = extent(lines.map((l) => l.y));
  const sx = linearScale(xd, [box.left, box.left + box.width]);
  const sy = linearScale(yd, [box.top + box.height, box.top]);
  const parts: string[] = [];
  for (const t of niceTicks(xd[0], xd[1], 6)) {
    parts.push(el("line", { x1: sx(t).toFixed(1), x2: sx(t).toFixed(1), y1: box.top, y2: box.top + box.height, stroke: INK.grid }));
    parts.push(text({ x: sx(t).toFixed(1), y: box.top + box.height + 14, "text-anchor": "middle", fill: INK.muted }, fmt(t)));
  }
  for (const t of niceTicks(yd[0], yd[1], 5)) {
    parts.push(el("line", { x1: box.left, x2: box.left + box.width, y1: sy(t).toFixed(1), y2: sy(t).toFixed(1), stroke: INK.grid }));
    parts.push(text({ x: box.left - 5, y: (sy(t) + 4).toFixed(1), "text-anchor": "end", fill: INK.muted }, fmt(t)));
  }
  if (yd[0] < 0 && yd[1] > 0) {
    parts.push(el("line", { x1: box.left, x2: box.left + box.width, y1: sy(0).toFixed(1), y2: sy(0).toFixed(1), stroke: INK.axis }));
  }
  parts.push(el("rect", { x: box.left, y: box.top, width: box.width, height: box.height, fill: "none", stroke: INK.axis }));
  parts.push(text({ x: box.left, y: box.top - 6, fill: INK.text, "font-weight": "bold" }, yTitle));
  for (const l of lines) {
    parts.push(el("path", { d: pathData(l.x, l.y, sx, sy), fill: "none", stroke: l.color, "stroke-width": 2, "stroke-dasharray": l.dash }));
  }
  for (const l of lines) {
    if (!l.hover) continue;
    const step = Math.max(1, Math.floor(l.x.length / hoverPoints));
    for (let i = 0; i < l.x.length; i += step) {
      if (!Number.isFinite(l.y[i])) continue;
      parts.push(el("circle", { cx: sx(l.x[i]).toFixed(1), cy: sy(l.y[i]).toFixed(1), r: 4, fill: l.color, "fill-opacity": 0.01 }, title(l.hover(i))));
    }
  }
  return el("g", { class: "panel" }, ...parts);
}
