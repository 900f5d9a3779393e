import { minMaxIndices } from "../figure/decimate";
import { el, text, title } from "./xml";
import { extent, linearScale, logTicks, niceTicks, tickLabels, type Scale, type Tick } from "../figure/scene/scale";
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
  /** How many hover targets this line gets; default the panel's `hoverPoints`. */
  hovers?: number;
  /** Dots of this diameter (px) at the line's points, one per `cell`-px square (default 0.1), in its colour. */
  markers?: { size: number; cell?: number };
}

/** Scatter points in a panel, drawn as dots of one colour. */
export interface PointSet {
  x: readonly number[];
  y: readonly number[];
  color: string;
  /** Dot diameter in px; default 5. */
  size?: number;
  /** Draw one dot per square of this many px (default 0.1); larger squares keep a dense cloud's SVG small. */
  cell?: number;
  /** Hover text for a point; called for about `hoverPoints` indices. */
  hover?: (i: number) => string;
  /** How many hover targets this set gets; default the panel's `hoverPoints`. */
  hovers?: number;
}

/** A shaded x interval across the panel's height. */
export interface Band {
  from: number;
  to: number;
  color: string;
  /** Opacity of the fill; default 0.13. */
  opacity?: number;
  hover?: string;
  /**
   * Written small in a strip above the frame, from the band's left edge (pulled left to end inside the frame);
   * labels that would overlap take further rows. NB: never inside the frame, where lines near the top ran through it.
   */
  label?: string;
}

export interface PanelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PanelSpec {
  box: PanelBox;
  /** Shown bold above the panel's top-left corner, above the band labels' strip. */
  title: string;
  /** Width the title may take (to the next panel or the card's edge); longer titles wrap onto more rows. Default: no wrapping. */
  titleWidth?: number;
  /** Rows of band labels to leave room for above the frame (default: as many as this panel's labels take); panels in one row of a figure share the largest. */
  labelRows?: number;
  /** Shown centred under the x ticks. */
  xLabel?: string;
  /** Shown rotated left of the y ticks. */
  yLabel?: string;
  lines: readonly Line[];
  points?: readonly PointSet[];
  /** A log₁₀ x axis; non-positive values leave gaps. */
  xLog?: boolean;
  /** A log₁₀ y axis; non-positive values leave gaps. */
  yLog?: boolean;
  /** The axis ranges in axis units (log₁₀ of the value on a log axis); default: the data's extent. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  bands?: readonly Band[];
  /** Hover targets per line or point set; default 41. */
  hoverPoints?: number;
  /**
   * An id for the panel's clipPath: lines and points are clipped to the frame. NB: ids in inlined SVG are
   * global to the HTML page, so it must be unique per figure (see `figureId`). Without it nothing is clipped.
   */
  clipId?: string;
}

/** The panel drawn, and its scales (in data units) for drawing more on top. */
export interface DrawnPanel {
  svg: string;
  sx: Scale;
  sy: Scale;
  /** Wraps SVG in a group clipped to the panel's frame (unclipped without a `clipId`). */
  clip(...children: string[]): string;
}

const log10 = (v: number) => (v > 0 ? Math.log10(v) : NaN);

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

/** A scale from data units: through log₁₀ first on a log axis. */
function dataScale(axisScale: Scale, log: boolean | undefined): Scale {
  const s = (log ? (v: number) => axisScale(log10(v)) : axisScale) as Scale;
  if (log) (s as { domain: readonly [number, number] }).domain = axisScale.domain;
  return s;
}

/** The indices of about `count` evenly spaced points of `n`. */
function hoverIndices(n: number, count: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.floor(n / count));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

const inAxis = (log: boolean | undefined, a: readonly number[]) => (log ? a.map(log10) : a);

/** The x axis range in axis units: fixed, or the data's. NB: lines span it edge to edge; dots get a margin so the outermost are not cut in half. */
function xDomainOf(spec: PanelSpec): [number, number] {
  const points = spec.points ?? [];
  return (
    spec.xDomain ??
    union(
      extent(
        spec.lines.map((l) => inAxis(spec.xLog, l.x)),
        0,
      ),
      points.length
        ? extent(
            points.map((p) => inAxis(spec.xLog, p.x)),
            0.03,
          )
        : undefined,
      spec.lines.length > 0,
    )
  );
}

/** The visible pixel extent [x0, x1] of a band (x1 ≤ x0 when it is off the axis). NB: an edge ≤ 0 on a log axis lies left of every positive value. */
function bandPixels(
  b: { from: number; to: number },
  sx: Scale,
  box: PanelBox,
  xLog: boolean | undefined,
): [number, number] {
  const at = (v: number) => Math.min(box.left + box.width, Math.max(box.left, xLog && v <= 0 ? -Infinity : sx(v)));
  return [at(b.from), at(b.to)];
}

/** Height of one row of a panel title, in px. */
export const TITLE_ROW = 14;
/** Width of a character of a panel title (11 px bold sans-serif), in px. NB: an estimate, generous for lowercase. */
export const TITLE_CHAR = 6.6;

/** A panel title broken between words into rows of at most `width` px; a word longer than a row is cut between characters. */
export function wrapTitle(title: string, width: number | undefined): string[] {
  if (width === undefined) return [title];
  const max = Math.max(4, Math.floor(width / TITLE_CHAR));
  const rows: string[] = [];
  let row = "";
  for (let word of title.split(" ")) {
    while ([...word].length > max) {
      if (row) rows.push(row);
      row = "";
      rows.push([...word].slice(0, max).join(""));
      word = [...word].slice(max).join("");
    }
    const next = row ? `${row} ${word}` : word;
    if ([...next].length > max) {
      rows.push(row);
      row = word;
    } else row = next;
  }
  rows.push(row);
  return rows;
}

/** Extra height (px) above the frames for the most title rows any of these panels needs beyond the first. */
export function titleExtra(specs: readonly Pick<PanelSpec, "title" | "titleWidth">[]): number {
  return (Math.max(1, ...specs.map((s) => wrapTitle(s.title, s.titleWidth).length)) - 1) * TITLE_ROW;
}

/** Height of one row of band labels above a frame, in px. */
export const LABEL_ROW = 12;
export { LABEL_CHAR, stackLabels } from "../figure/labels";
import { LABEL_CHAR, stackLabels } from "../figure/labels";

/** Where a panel's band labels go in the strip above its frame, and how many rows they take. */
export function bandLabels(spec: PanelSpec): { labels: { text: string; x: number; row: number }[]; rows: number } {
  const { box } = spec;
  const sx = dataScale(linearScale(xDomainOf(spec), [box.left, box.left + box.width]), spec.xLog);
  const shown = (spec.bands ?? []).flatMap((b) => {
    const [x0, x1] = bandPixels(b, sx, box, spec.xLog);
    return b.label && x1 > x0 ? [{ text: b.label, x: x0, width: LABEL_CHAR * b.label.length }] : [];
  });
  const placed = stackLabels(shown, box.left, box.left + box.width);
  const labels = shown.map((s, i) => ({ text: s.text, ...placed[i] }));
  return { labels, rows: labels.length ? Math.max(...labels.map((l) => l.row)) + 1 : 0 };
}

/** A framed plot with ticks, grid, titles, shaded bands, lines and dots; hover targets carry `<title>` text. */
export function panel(spec: PanelSpec): DrawnPanel {
  const { box } = spec;
  const points = spec.points ?? [];
  const xd = xDomainOf(spec);
  const yd =
    spec.yDomain ??
    extent([...spec.lines.map((l) => inAxis(spec.yLog, l.y)), ...points.map((p) => inAxis(spec.yLog, p.y))]);
  const sxT = linearScale(xd, [box.left, box.left + box.width]);
  const syT = linearScale(yd, [box.top + box.height, box.top]);
  const sx = dataScale(sxT, spec.xLog);
  const sy = dataScale(syT, spec.yLog);
  const parts: string[] = [];
  for (const b of spec.bands ?? []) {
    const [x0, x1] = bandPixels(b, sx, box, spec.xLog);
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
          "fill-opacity": b.opacity ?? 0.13,
        },
        b.hover ? title(b.hover) : "",
      ),
    );
  }
  const strip = bandLabels(spec);
  for (const l of strip.labels)
    parts.push(
      text({ x: l.x.toFixed(1), y: box.top - 3 - l.row * LABEL_ROW, fill: INK.muted, "font-size": 10 }, l.text),
    );
  const labelRows = Math.max(spec.labelRows ?? 0, strip.rows);
  const xTicks: Tick[] = spec.xLog ? logTicks(xd[0], xd[1]) : axisTicks(xd, Math.max(2, Math.round(box.width / 60)));
  for (const t of xTicks) {
    const px = sxT(t.at).toFixed(1);
    parts.push(el("line", { x1: px, x2: px, y1: box.top, y2: box.top + box.height, stroke: INK.grid }));
    // NB: 16 px down, so the first x tick clears the lowest y tick's label at the corner.
    parts.push(text({ x: px, y: box.top + box.height + 16, "text-anchor": "middle", fill: INK.muted }, t.label));
  }
  const yTicks: Tick[] = spec.yLog ? logTicks(yd[0], yd[1]) : axisTicks(yd, 5);
  for (const t of yTicks) {
    const py = syT(t.at).toFixed(1);
    parts.push(el("line", { x1: box.left, x2: box.left + box.width, y1: py, y2: py, stroke: INK.grid }));
    parts.push(
      text({ x: box.left - 5, y: (syT(t.at) + 4).toFixed(1), "text-anchor": "end", fill: INK.muted }, t.label),
    );
  }
  if (!spec.yLog && yd[0] < 0 && yd[1] > 0) {
    parts.push(
      el("line", {
        x1: box.left,
        x2: box.left + box.width,
        y1: syT(0).toFixed(1),
        y2: syT(0).toFixed(1),
        stroke: INK.axis,
      }),
    );
  }
  parts.push(
    el("rect", { x: box.left, y: box.top, width: box.width, height: box.height, fill: "none", stroke: INK.axis }),
  );
  // NB: the last title row sits where a one-row title would; earlier rows go up into the room the figure left.
  const titleRows = wrapTitle(spec.title, spec.titleWidth);
  titleRows.forEach((row, k) =>
    parts.push(
      text(
        {
          x: box.left,
          y: box.top - 7 - labelRows * LABEL_ROW - (titleRows.length - 1 - k) * TITLE_ROW,
          fill: INK.text,
          "font-weight": "bold",
        },
        row,
      ),
    ),
  );
  if (spec.xLabel)
    parts.push(
      text(
        { x: box.left + box.width / 2, y: box.top + box.height + 30, "text-anchor": "middle", fill: INK.muted },
        spec.xLabel,
      ),
    );
  if (spec.yLabel) {
    const widest = Math.max(0, ...yTicks.map((t) => t.label.length));
    const lx = box.left - 14 - 6.5 * widest;
    const ly = box.top + box.height / 2;
    parts.push(
      text(
        {
          x: lx.toFixed(1),
          y: ly,
          "text-anchor": "middle",
          fill: INK.muted,
          transform: `rotate(-90 ${lx.toFixed(1)} ${ly})`,
        },
        spec.yLabel,
      ),
    );
  }
  const clip = (...children: string[]) =>
    spec.clipId ? el("g", { "clip-path": `url(#${spec.clipId})` }, ...children) : children.join("");
  const drawn: string[] = [];
  for (const l of spec.lines) {
    drawn.push(
      el("path", {
        d: pathData(l.x, l.y, sx, sy, box.width),
        fill: "none",
        stroke: l.color,
        "stroke-width": l.width ?? 2,
        "stroke-dasharray": l.dash,
        "stroke-linejoin": "round",
      }),
    );
  }
  // NB: markers after every line, so another line never hides a line's markers.
  for (const l of spec.lines) {
    const d = l.markers ? dotsData(l.x, l.y, sx, sy, l.markers.cell) : "";
    if (d)
      drawn.push(
        el("path", {
          d,
          fill: "none",
          stroke: l.color,
          "stroke-width": l.markers!.size,
          "stroke-linecap": "round",
          class: "markers",
        }),
      );
  }
  for (const p of points) {
    const d = dotsData(p.x, p.y, sx, sy, p.cell);
    if (d)
      drawn.push(
        el("path", { d, fill: "none", stroke: p.color, "stroke-width": p.size ?? 5, "stroke-linecap": "round" }),
      );
  }
  const hoverPoints = spec.hoverPoints ?? 41;
  for (const l of [...spec.lines, ...points]) {
    if (!l.hover) continue;
    for (const i of hoverIndices(l.x.length, l.hovers ?? hoverPoints)) {
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
  if (spec.clipId) {
    // NB: a little slack around the frame, so a line along the frame's edge keeps its full width.
    parts.unshift(
      el(
        "defs",
        {},
        el(
          "clipPath",
          { id: spec.clipId },
          el("rect", { x: box.left - 2, y: box.top - 2, width: box.width + 4, height: box.height + 4 }),
        ),
      ),
    );
  }
  parts.push(clip(...drawn));
  return { svg: el("g", { class: "panel" }, ...parts), sx, sy, clip };
}

/** The hull of two extents; `a` counts only when it came from data (`hasA`). */
function union(a: [number, number], b: [number, number] | undefined, hasA: boolean): [number, number] {
  if (!b) return a;
  return hasA ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : b;
}

/** Linear ticks over an axis domain, at least 3, with labels that tell neighbours apart. */
function axisTicks(domain: readonly [number, number], count: number): Tick[] {
  const values = niceTicks(domain[0], domain[1], count);
  const labels = tickLabels(values);
  return values.map((at, i) => ({ at, label: labels[i] }));
}

/**
 * A short id for a figure's SVG elements (FNV-1a of its payload's JSON), so two figures inlined in one
 * HTML page never share a clipPath id; the same payload gives the same id.
 */
export function figureId(payload: unknown): string {
  const s = JSON.stringify(payload) ?? "";
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `ag${(h >>> 0).toString(36)}`;
}

/** A legend row: swatch and label per entry, laid out left to right from (x, y), wrapping at `maxX`. */
export function legend(
  entries: readonly { label: string; color: string; dash?: string; hover?: string; dot?: boolean; marker?: boolean }[],
  x: number,
  y: number,
  maxX: number,
): { svg: string; bottom: number } {
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
        e.dot
          ? ""
          : el("line", {
              x1: cx,
              x2: cx + 24,
              y1: cy - 4,
              y2: cy - 4,
              stroke: e.color,
              "stroke-width": 3,
              "stroke-dasharray": e.dash,
            }),
        e.dot || e.marker ? el("circle", { cx: cx + 12, cy: cy - 4, r: 3.5, fill: e.color }) : "",
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
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      "font-family": "sans-serif",
      "font-size": 11,
      role: "img",
      "aria-label": heading,
    },
    el("rect", { width, height, fill: INK.background, stroke: INK.border, rx: 4 }),
    text({ x: width / 2, y: 22, "text-anchor": "middle", "font-size": 14, fill: INK.text }, heading),
    ...children,
  );
}
