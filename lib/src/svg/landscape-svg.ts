import type { LandscapePanel, LandscapePayload } from "../figure/payload";
import { strideIndices } from "../figure/decimate";
import { contourLines } from "./contour";
import { card, figureId, panel } from "./panel";
import { contourColor } from "../figure/palette";
import { INK } from "./palette";
import type { Scale } from "./scale";
import { el, fmt, text, title } from "./xml";

/** A polyline as path data, dropping points closer than `minPx` to the last one kept (invisible at this size). */
function polyline(pts: readonly [number, number][], sx: Scale, sy: Scale, minPx = 1.2): string {
  let d = "";
  let lx = NaN;
  let ly = NaN;
  pts.forEach(([x, y], k) => {
    const px = sx(x);
    const py = sy(y);
    if (k > 0 && k < pts.length - 1 && Math.hypot(px - lx, py - ly) < minPx) return;
    d += `${k === 0 ? "M" : "L"}${px.toFixed(1)} ${py.toFixed(1)}`;
    lx = px;
    ly = py;
  });
  return d;
}

/** An arrow from (x0, y0) to (x1, y1) in pixels: a shaft and a filled head. */
function arrow(x0: number, y0: number, x1: number, y1: number, hover: string): string {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (!(len > 1)) return "";
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const h = Math.min(6, len / 2);
  const head = `M${x1.toFixed(1)} ${y1.toFixed(1)}L${(x1 - h * ux - h * 0.5 * uy).toFixed(1)} ${(y1 - h * uy + h * 0.5 * ux).toFixed(1)}L${(x1 - h * ux + h * 0.5 * uy).toFixed(1)} ${(y1 - h * uy - h * 0.5 * ux).toFixed(1)}Z`;
  return el("g", {}, title(hover), el("line", { x1: x0.toFixed(1), y1: y0.toFixed(1), x2: (x1 - h * ux).toFixed(1), y2: (y1 - h * uy).toFixed(1), stroke: INK.text, "stroke-width": 1.2 }), el("path", { d: head, fill: INK.text }));
}

function landscapePanel(p: LandscapePanel, left: number, top: number, size: number, clipId: string): string {
  const span = (v: readonly number[]): [number, number] => [Math.min(v[0], v[v.length - 1]), Math.max(v[0], v[v.length - 1])];
  const drawn = panel({ box: { left, top, width: size, height: size }, title: p.title, xLabel: p.xLabel, yLabel: p.yLabel, lines: [], xDomain: span(p.x), yDomain: span(p.y), clipId });
  const { sx, sy } = drawn;
  const parts: string[] = [];
  const n = Math.max(1, Math.round((p.levels.end - p.levels.start) / p.levels.size) + 1);
  for (let k = 0; k < n; k++) {
    const level = p.levels.start + k * p.levels.size;
    const d = contourLines(p.x, p.y, p.z, level)
      .map((l) => polyline(l, sx, sy))
      .join("");
    if (d) parts.push(el("path", { d, fill: "none", stroke: contourColor(k, n, INK.background), "stroke-width": 1.2 }, title(`loss = ${fmt(level)}`)));
  }
  if (p.arrows) {
    const a = p.arrows;
    for (let k = 0; k < a.x.length; k++) {
      const hover = `−∇L at (${fmt(a.x[k])}, ${fmt(a.y[k])}) = (${fmt(a.u[k])}, ${fmt(a.v[k])})`;
      parts.push(arrow(sx(a.x[k]), sy(a.y[k]), sx(a.x[k] + a.scale * a.u[k]), sy(a.y[k] + a.scale * a.v[k]), hover));
    }
  }
  const path = p.path;
  const pts = path.x.map((x, i) => [x, path.y[i]] as [number, number]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (pts.length) {
    parts.push(el("path", { d: polyline(pts, sx, sy, 0.8), fill: "none", stroke: INK.accent, "stroke-width": 1.8, "stroke-linejoin": "round" }));
    const m = path.x.length;
    for (const i of strideIndices(m, 40)) {
      if (!Number.isFinite(path.x[i]) || !Number.isFinite(path.y[i])) continue;
      const end = i === 0 || i === m - 1;
      parts.push(
        el("circle", { cx: sx(path.x[i]).toFixed(1), cy: sy(path.y[i]).toFixed(1), r: end ? 4 : 3, fill: INK.accent, "fill-opacity": end ? 1 : 0.35 }, title(`step ${path.step[i]}: (${fmt(path.x[i])}, ${fmt(path.y[i])}), loss ${fmt(path.loss[i])}`)),
      );
    }
  }
  // NB: clipped, so a path that leaves the slice (a diverging run) stops at the frame.
  return el("g", {}, drawn.svg, drawn.clip(...parts));
}

/** The slices side by side: contours coloured by level, the descent path (red) with hover steps, and −∇L arrows. */
export function landscapeSvg(p: LandscapePayload): string {
  const k = p.panels.length;
  const left = 70;
  const gap = 80;
  const size = Math.min(320, (760 - left - 20 - gap * (k - 1)) / k);
  const W = Math.max(760, left + 20 + k * size + gap * (k - 1));
  const top = 56;
  const id = figureId(p);
  const panels = p.panels.map((s, i) => landscapePanel(s, left + i * (size + gap), top, size, `${id}-${i}`));
  const note = text({ x: left, y: top + size + 52, fill: INK.muted }, "red: gradient-descent path (hover a dot for its step and loss); arrows: −∇L; lines: loss contours, dark = low");
  return card(W, top + size + 66, p.title, ...panels, note);
}
