// The static SVG of a scene: self-contained, no scripts or URLs, hover text in `<title>`s. It only draws; every
// position, colour and text comes from the scene.
import { minMaxIndices } from "../figure/decimate";
import { fmt } from "../figure/format";
import type { Dash } from "../figure/payload";
import { bandPixels, panelPixels, X_TICK_DY, Y_TICK_DX } from "../figure/scene/panel";
import type {
  Scene,
  SceneContours,
  SceneLegendEntry,
  ScenePanel,
  SceneSegment,
  SceneText,
} from "../figure/scene/types";
import type { SceneTheme } from "../figure/theme";
import { contourLines } from "./contour";
import { el, text, title, utf8Bytes } from "./xml";

/** SVG dash patterns. */
export const SVG_DASH: Record<Dash, string | undefined> = { solid: undefined, dash: "6 4", dot: "2 3" };

/** How much of a dense figure is drawn: the dot grid in px, and the share of each line's hover targets kept. */
export interface Detail {
  cell: number;
  hovers: number;
}

// NB: from full detail down; the first level whose SVG fits the budget is used.
const DETAILS: Detail[] = [
  { cell: 0.1, hovers: 1 },
  { cell: 1.5, hovers: 0.5 },
  { cell: 3, hovers: 0.2 },
  { cell: 5, hovers: 0 },
];

/** Bytes a static figure may take. */
export const SVG_BUDGET = 195_000;

/** The scene as SVG, at the most detail that fits SVG_BUDGET. */
export function drawScene(scene: Scene): string {
  for (const d of DETAILS) {
    const svg = drawSceneAt(scene, d);
    if (utf8Bytes(svg) <= SVG_BUDGET || d === DETAILS[DETAILS.length - 1]) return svg;
  }
  throw new Error("unreachable");
}

/**
 * An SVG path through the points; a point that is not finite after scaling (NaN, ±∞, or ≤ 0 on a log
 * axis) breaks the line. NB: beyond two points per pixel column only each column's min and max are
 * drawn, which looks identical.
 */
export function pathData(
  x: readonly number[],
  y: readonly number[],
  sx: (v: number) => number,
  sy: (v: number) => number,
  pixels = Infinity,
): string {
  const idx = x.length > 2 * pixels ? minMaxIndices(x.length, [y.map(sy)], Math.ceil(pixels)) : null;
  let d = "";
  let pen = false;
  const n = idx ? idx.length : x.length;
  for (let k = 0; k < n; k++) {
    const i = idx ? idx[k] : k;
    const px = sx(x[i]);
    const py = sy(y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${px.toFixed(1)} ${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * Dots as one path of zero-length round-capped segments (about 14 bytes a dot). Only the first dot in
 * each `cell`-pixel square is drawn: under a dot a few pixels wide the others would not show.
 */
export function dotsData(
  x: readonly number[],
  y: readonly number[],
  sx: (v: number) => number,
  sy: (v: number) => number,
  cell = 0.1,
): string {
  const seen = new Set<string>();
  let d = "";
  for (let i = 0; i < x.length; i++) {
    const px = sx(x[i]);
    const py = sy(y[i]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    const key = `${Math.round(px / cell)} ${Math.round(py / cell)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    d += `M${px.toFixed(1)} ${py.toFixed(1)}h0`;
  }
  return d;
}

/** The indices of about `count` evenly spaced points of `n`. */
export function hoverIndices(n: number, count: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.floor(n / count));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

/** A polyline as path data, dropping points closer than `minPx` to the last one kept (invisible at this size). */
function polyline(
  pts: readonly [number, number][],
  sx: (v: number) => number,
  sy: (v: number) => number,
  minPx = 1.2,
): string {
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

function sceneText(t: SceneText): string {
  const attrs: Record<string, string | number | undefined> = {
    x: t.x.toFixed(1),
    y: t.y.toFixed(1),
    "text-anchor": t.anchor === "start" ? undefined : t.anchor,
    fill: t.color,
    "font-size": t.size === 11 ? undefined : t.size,
    "font-weight": t.bold ? "bold" : undefined,
    transform: t.vertical ? `rotate(-90 ${t.x.toFixed(1)} ${t.y.toFixed(1)})` : undefined,
  };
  return t.hover ? el("g", {}, title(t.hover), text(attrs, t.text)) : text(attrs, t.text);
}

function contours(c: SceneContours, sx: (v: number) => number, sy: (v: number) => number): string[] {
  const out: string[] = [];
  for (let k = 0; k < c.levels.count; k++) {
    const level = c.levels.start + k * c.levels.size;
    const d = contourLines(c.x, c.y, c.z, level)
      .map((l) => polyline(l, sx, sy))
      .join("");
    if (d)
      out.push(
        el("path", { d, fill: "none", stroke: c.colors[k], "stroke-width": 1.2 }, title(`${c.zName} = ${fmt(level)}`)),
      );
  }
  return out;
}

function segment(s: SceneSegment, sx: (v: number) => number, sy: (v: number) => number): string {
  let [x0, y0, x1, y1] = [sx(s.x[0]), sy(s.y[0]), sx(s.x[1]), sy(s.y[1])];
  if (![x0, y0, x1, y1].every(Number.isFinite)) return "";
  const parts: string[] = [];
  if (s.head) {
    // A filled head at the end, the shaft stopping at its base.
    // NB: the scene drops arrows of 1 px or less; this only guards the division.
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (!(len > 0)) return "";
    const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len];
    const h = Math.min(6, len / 2);
    parts.push(
      el("path", {
        d: `M${x1.toFixed(1)} ${y1.toFixed(1)}L${(x1 - h * ux - h * 0.5 * uy).toFixed(1)} ${(y1 - h * uy + h * 0.5 * ux).toFixed(1)}L${(x1 - h * ux + h * 0.5 * uy).toFixed(1)} ${(y1 - h * uy - h * 0.5 * ux).toFixed(1)}Z`,
        fill: s.color,
      }),
    );
    [x1, y1] = [x1 - h * ux, y1 - h * uy];
  }
  parts.unshift(
    el("line", {
      x1: x0.toFixed(1),
      y1: y0.toFixed(1),
      x2: x1.toFixed(1),
      y2: y1.toFixed(1),
      stroke: s.color,
      "stroke-width": s.width,
      "stroke-dasharray": SVG_DASH[s.dash],
    }),
  );
  if (s.dot)
    parts.push(
      el("circle", { cx: sx(s.dot.x).toFixed(1), cy: sy(s.dot.y).toFixed(1), r: s.dot.size / 2, fill: s.color }),
    );
  return el("g", {}, s.hover ? title(s.hover) : "", ...parts);
}

function drawPanel(p: ScenePanel, t: SceneTheme, clipId: string, d: Detail): string {
  const { box } = p;
  const { sx, sy } = panelPixels(p);
  const parts: string[] = [];
  for (const b of p.bands) {
    const [x0, x1] = bandPixels(b, sx, box, p.x.log);
    if (!(x1 > x0)) continue;
    parts.push(
      el(
        "rect",
        {
          x: x0.toFixed(1),
          y: box.top,
          width: (x1 - x0).toFixed(1),
          height: box.height,
          fill: b.color,
          "fill-opacity": b.opacity,
        },
        b.hover ? title(b.hover) : "",
      ),
    );
  }
  // Ticks are in axis units; the grid and labels go through the axis's own linear map.
  const ax = (v: number) => box.left + ((v - p.x.domain[0]) / (p.x.domain[1] - p.x.domain[0] || 1)) * box.width;
  const ay = (v: number) =>
    box.top + box.height - ((v - p.y.domain[0]) / (p.y.domain[1] - p.y.domain[0] || 1)) * box.height;
  for (const k of p.x.ticks) {
    const px = ax(k.at).toFixed(1);
    parts.push(el("line", { x1: px, x2: px, y1: box.top, y2: box.top + box.height, stroke: t.grid }));
    parts.push(text({ x: px, y: box.top + box.height + X_TICK_DY, "text-anchor": "middle", fill: t.muted }, k.label));
  }
  for (const k of p.y.ticks) {
    const py = ay(k.at);
    parts.push(
      el("line", { x1: box.left, x2: box.left + box.width, y1: py.toFixed(1), y2: py.toFixed(1), stroke: t.grid }),
    );
    parts.push(text({ x: box.left - Y_TICK_DX, y: (py + 4).toFixed(1), "text-anchor": "end", fill: t.muted }, k.label));
  }
  if (p.zeroLine)
    parts.push(
      el("line", {
        x1: box.left,
        x2: box.left + box.width,
        y1: ay(0).toFixed(1),
        y2: ay(0).toFixed(1),
        stroke: t.axis,
      }),
    );
  parts.push(
    el("rect", { x: box.left, y: box.top, width: box.width, height: box.height, fill: "none", stroke: t.axis }),
  );
  const drawn: string[] = [];
  if (p.contours) drawn.push(...contours(p.contours, sx, sy));
  for (const r of p.rules)
    drawn.push(
      el("line", {
        x1: sx(r.x).toFixed(1),
        x2: sx(r.x).toFixed(1),
        y1: box.top,
        y2: box.top + box.height,
        stroke: r.color,
        "stroke-dasharray": SVG_DASH[r.dash],
      }),
    );
  // NB: arrows go under the lines (a descent path stays on top); tangents over everything, after the hover targets.
  for (const s of p.segments) if (s.head) drawn.push(segment(s, sx, sy));
  for (const l of p.lines)
    drawn.push(
      el("path", {
        d: pathData(l.x, l.y, sx, sy, box.width),
        fill: "none",
        stroke: l.color,
        "stroke-width": l.width,
        "stroke-dasharray": SVG_DASH[l.dash],
        "stroke-linejoin": "round",
      }),
    );
  // NB: markers after every line, so another line never hides a line's markers.
  for (const l of p.lines) {
    const m = l.markers ? dotsData(l.x, l.y, sx, sy, d.cell) : "";
    if (m)
      drawn.push(
        el("path", {
          d: m,
          fill: "none",
          stroke: l.color,
          "stroke-width": l.markers,
          "stroke-linecap": "round",
          class: "markers",
        }),
      );
  }
  for (const s of p.points) {
    const m = dotsData(s.x, s.y, sx, sy, d.cell);
    if (m)
      drawn.push(
        el("path", {
          d: m,
          fill: "none",
          stroke: s.color,
          "stroke-width": s.size,
          "stroke-linecap": "round",
          "stroke-opacity": s.opacity,
        }),
      );
  }
  for (const l of [...p.lines, ...p.points]) {
    if (!l.hover) continue;
    for (const i of hoverIndices(l.x.length, Math.round((l.hovers ?? 41) * d.hovers))) {
      const px = sx(l.x[i]);
      const py = sy(l.y[i]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      drawn.push(
        el(
          "circle",
          { cx: px.toFixed(1), cy: py.toFixed(1), r: 4, fill: l.color, "fill-opacity": 0.01 },
          title(l.hover(i)),
        ),
      );
    }
  }
  for (const s of p.segments) if (!s.head) drawn.push(segment(s, sx, sy));
  // NB: a little slack around the frame, so a line along the frame's edge keeps its full width.
  const clip = el(
    "defs",
    {},
    el(
      "clipPath",
      { id: clipId },
      el("rect", { x: box.left - 2, y: box.top - 2, width: box.width + 4, height: box.height + 4 }),
    ),
  );
  return el("g", { class: "panel" }, clip, ...parts, el("g", { "clip-path": `url(#${clipId})` }, ...drawn));
}

/** A legend entry: its swatch and its label in one group, with the entry's hover title. */
function legendEntry(e: SceneLegendEntry, label: SceneText | undefined): string {
  return el(
    "g",
    { opacity: e.off ? 0.4 : undefined },
    e.hover ? title(e.hover) : "",
    e.line
      ? el("line", {
          x1: e.x,
          x2: e.x + 24,
          y1: e.y - 4,
          y2: e.y - 4,
          stroke: e.color,
          "stroke-width": 3,
          "stroke-dasharray": SVG_DASH[e.dash ?? "solid"],
        })
      : "",
    e.dot ? el("circle", { cx: e.x + 12, cy: e.y - 4, r: 3.5, fill: e.color }) : "",
    label ? sceneText({ ...label, hover: undefined }) : "",
  );
}

function drawSceneAt(scene: Scene, d: Detail): string {
  const t = scene.theme;
  const { width: W } = scene;
  const H = scene.height.toFixed(0);
  const heading = scene.texts.filter((x) => x.role === "title");
  const labels = scene.texts.filter((x) => x.role === "legend");
  const rest = scene.texts.filter((x) => x.role !== "title" && x.role !== "legend");
  return el(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width: W,
      height: H,
      viewBox: `0 0 ${W} ${H}`,
      "font-family": "sans-serif",
      "font-size": 11,
      role: "img",
      "aria-label": heading[0]?.text ?? "",
    },
    el("rect", { width: W, height: H, fill: t.paper, stroke: t.border, rx: 4 }),
    ...heading.map(sceneText),
    ...scene.panels.map((p, i) => drawPanel(p, t, `${scene.id}-${i}`, d)),
    ...scene.legend.map((e, k) => legendEntry(e, labels[k])),
    ...scene.keys.map((k) =>
      el(
        "g",
        {},
        k.hover ? title(k.hover) : "",
        el("rect", { x: k.x, y: k.y, width: k.width, height: k.height, fill: k.color, "fill-opacity": k.opacity }),
      ),
    ),
    ...rest.map(sceneText),
  );
}
