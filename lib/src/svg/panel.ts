import { minMaxIndices } from "../figure/decimate";
import { el, fmt, text, title } from "./xml";
import { extent, linearScale, logTicks, niceTicks, type Scale } from "./scale";
import { INK } from "./palette";

/** One polyline in a panel. */
export interface Line {
  x: readonly number[];
  y: readonly number[];
  color: string;
  dash?: string;
  width?: number;
  /** Hover text for a point; called for about `hoverPoints` indices. */
  hover?: (i: number) => string;
}

/** A shaded x interval across the panel's height. */
export interface Band {
  from: number;
  to: number;
  color: string;
  hover?: string;
}

export interface PanelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PanelSpec {
  box: PanelBox;
  /** Shown bold above the panel's top-left corner. */
  title: string;
  /** Shown centred under the x ticks. */
  xLabel?: string;
  lines: readonly Line[];
  /** A log₁₀ y axis; non-positive values leave gaps. */
  yLog?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  bands?: readonly Band[];
  /** Hover targets per line; default 41. */
  hoverPoints?: number;
}

/** The panel drawn, and its scales (in data units) for drawing more on top. */
export interface DrawnPanel {
  svg: string;
  sx: Scale;
  sy: Scale;
}

const log10 = (v: number) => (v > 0 ? Math.log10(v) : NaN);

/**
 * An SVG path through the finite points; non-finite values break the line.
 * NB: beyond two points per pixel column only each column's min and max are drawn, which looks identical.
 */
export function pathData(x: readonly number[], y: readonly number[], sx: (v: number) => number, sy: (v: number) => number, pixels = Infinity): string {
  const idx = x.length > 2 * pixels ? minMaxIndices(x.length, [y], Math.ceil(pixels)) : null;
  let d = "";
  let pen = false;
  const n = idx ? idx.length : x.length;
  for (let k = 0; k < n; k++) {
    const i = idx ? idx[k] : k;
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${sx(x[i]).toFixed(1)} ${sy(y[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** A framed plot with ticks, grid, titles, shaded bands and lines; hover targets carry `<title>` text. */
export function panel(spec: PanelSpec): DrawnPanel {
  const { box } = spec;
  const ty = spec.yLog ? (v: number) => log10(v) : (v: number) => v;
  const xd = spec.xDomain ?? extent(spec.lines.map((l) => l.x), 0);
  const yd = spec.yDomain ?? extent(spec.lines.map((l) => (spec.yLog ? l.y.map(log10) : l.y)));
  const sx = linearScale(xd, [box.left, box.left + box.width]);
  const syT = linearScale(yd, [box.top + box.height, box.top]);
  const sy = ((v: number) => syT(ty(v))) as Scale;
  (sy as { domain: readonly [number, number] }).domain = yd;
  const parts: string[] = [];
  const clipX = (v: number) => Math.min(box.left + box.width, Math.max(box.left, sx(v)));
  for (const b of spec.bands ?? []) {
    const x0 = clipX(b.from);
    const x1 = clipX(b.to);
    if (!(x1 > x0)) continue;
    const r = el("rect", { x: x0.toFixed(1), y: box.top, width: (x1 - x0).toFixed(1), height: box.height, fill: b.color, "fill-opacity": 0.13 }, b.hover ? title(b.hover) : "");
    parts.push(r);
  }
  for (const t of niceTicks(xd[0], xd[1], Math.max(2, Math.round(box.width / 60)))) {
    parts.push(el("line", { x1: sx(t).toFixed(1), x2: sx(t).toFixed(1), y1: box.top, y2: box.top + box.height, stroke: INK.grid }));
    parts.push(text({ x: sx(t).toFixed(1), y: box.top + box.height + 14, "text-anchor": "middle", fill: INK.muted }, fmt(t)));
  }
  const yTicks = spec.yLog ? logTicks(yd[0], yd[1]) : niceTicks(yd[0], yd[1], 5);
  for (const t of yTicks) {
    const py = syT(t).toFixed(1);
    parts.push(el("line", { x1: box.left, x2: box.left + box.width, y1: py, y2: py, stroke: INK.grid }));
    parts.push(text({ x: box.left - 5, y: (syT(t) + 4).toFixed(1), "text-anchor": "end", fill: INK.muted }, spec.yLog ? fmt(10 ** t, 1) : fmt(t)));
  }
  if (!spec.yLog && yd[0] < 0 && yd[1] > 0) {
    parts.push(el("line", { x1: box.left, x2: box.left + box.width, y1: syT(0).toFixed(1), y2: syT(0).toFixed(1), stroke: INK.axis }));
  }
  parts.push(el("rect", { x: box.left, y: box.top, width: box.width, height: box.height, fill: "none", stroke: INK.axis }));
  parts.push(text({ x: box.left, y: box.top - 7, fill: INK.text, "font-weight": "bold" }, spec.title));
  if (spec.xLabel) parts.push(text({ x: box.left + box.width / 2, y: box.top + box.height + 30, "text-anchor": "middle", fill: INK.muted }, spec.xLabel));
  for (const l of spec.lines) {
    parts.push(el("path", { d: pathData(l.x, l.y, sx, sy, box.width), fill: "none", stroke: l.color, "stroke-width": l.width ?? 2, "stroke-dasharray": l.dash, "stroke-linejoin": "round" }));
  }
  const hoverPoints = spec.hoverPoints ?? 41;
  for (const l of spec.lines) {
    if (!l.hover || hoverPoints <= 0) continue;
    const step = Math.max(1, Math.floor(l.x.length / hoverPoints));
    for (let i = 0; i < l.x.length; i += step) {
      const px = sx(l.x[i]);
      const py = sy(l.y[i]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      parts.push(el("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 4, fill: l.color, "fill-opacity": 0.01 }, title(l.hover(i))));
    }
  }
  return { svg: el("g", { class: "panel" }, ...parts), sx, sy };
}

/** A legend row: swatch and label per entry, laid out left to right from (x, y), wrapping at `maxX`. */
export function legend(entries: readonly { label: string; color: string; dash?: string; hover?: string }[], x: number, y: number, maxX: number): { svg: string; bottom: number } {
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  for (const e of entries) {
    // NB: ~6.5 px per character at 11 px sans-serif; labels are text, so this only sets the spacing.
    const w = 34 + Math.min(40, e.label.length) * 6.5;
    if (cx + w > maxX && cx > x) {
      cx = x;
      cy += 18;
    }
    parts.push(
      el(
        "g",
        {},
        e.hover ? title(e.hover) : "",
        el("line", { x1: cx, x2: cx + 24, y1: cy - 4, y2: cy - 4, stroke: e.color, "stroke-width": 3, "stroke-dasharray": e.dash }),
        text({ x: cx + 30, y: cy, fill: INK.text }, e.label),
      ),
    );
    cx += w + 12;
  }
  return { svg: parts.join(""), bottom: cy };
}

/** The outer `<svg>` with an opaque card, its title and a border. */
export function card(width: number, height: number, heading: string, ...children: string[]): string {
  return el(
    "svg",
    { xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}`, "font-family": "sans-serif", "font-size": 11, role: "img", "aria-label": heading },
    el("rect", { width, height, fill: INK.background, stroke: INK.border, rx: 4 }),
    text({ x: width / 2, y: 22, "text-anchor": "middle", "font-size": 14, fill: INK.text }, heading),
    ...children,
  );
}
