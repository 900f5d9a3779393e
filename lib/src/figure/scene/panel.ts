// Panel layout shared by every panel kind: axis ranges and ticks, the band labels' strip, wrapped titles and axis
// titles, all in pixels; and the legend row and the figure's id. No drawing.
import { LABEL_CHAR, stackLabels } from "../labels";
import type { SceneTheme } from "../theme";
import { extent, linearScale, logTicks, niceTicks, tickLabels, type Tick } from "./scale";
import {
  FONT,
  type PanelBox,
  type SceneBand,
  type SceneContours,
  type SceneLegendEntry,
  type SceneLine,
  type ScenePanel,
  type ScenePoints,
  type SceneSegment,
  type SceneText,
} from "./types";

/** What a panel shows; `layoutPanel` adds its axes and places its texts. */
export interface PanelSpec {
  box: PanelBox;
  /** Shown bold above the panel's top-left corner, above the band labels' strip. */
  title: string;
  /** Width the title may take (to the next panel or the card's edge); longer titles wrap onto more rows. Default: no wrapping. */
  titleWidth?: number;
  /** Rows of band labels to leave room for above the frame (default: as many as this panel's labels take). */
  labelRows?: number;
  xLabel?: string;
  yLabel?: string;
  lines: SceneLine[];
  points?: ScenePoints[];
  /** Shaded x ranges; a `label` is written small in the strip above the frame, never inside it. */
  bands?: (SceneBand & { label?: string })[];
  segments?: SceneSegment[];
  contours?: SceneContours;
  rules?: ScenePanel["rules"];
  /** Log₁₀ axes: non-positive values leave gaps. */
  xLog?: boolean;
  yLog?: boolean;
  /** Axis ranges in axis units (log₁₀ of the value on a log axis); default: the data's extent. */
  xDomain?: [number, number];
  yDomain?: [number, number];
}

/** The data a panel's axes fit. */
type XY = { x: readonly number[]; y: readonly number[] };
export interface DataSpec {
  lines: readonly XY[];
  points?: readonly XY[];
  xLog?: boolean;
  yLog?: boolean;
}

const log10 = (v: number) => (v > 0 ? Math.log10(v) : NaN);
const inAxis = (log: boolean | undefined, a: readonly number[]) => (log ? a.map(log10) : a);

/** The hull of two extents; `a` counts only when it came from data (`hasA`). */
function union(a: [number, number], b: [number, number] | undefined, hasA: boolean): [number, number] {
  if (!b) return a;
  return hasA ? [Math.min(a[0], b[0]), Math.max(a[1], b[1])] : b;
}

/** The x axis range in axis units: fixed, or the data's. NB: lines span it edge to edge; dots get a margin so the outermost are not cut in half. */
export function xDomainOf(spec: DataSpec & { xDomain?: [number, number] }): [number, number] {
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

export function yDomainOf(spec: DataSpec & { yDomain?: [number, number] }): [number, number] {
  return (
    spec.yDomain ??
    extent([
      ...spec.lines.map((l) => inAxis(spec.yLog, l.y)),
      ...(spec.points ?? []).map((p) => inAxis(spec.yLog, p.y)),
    ])
  );
}

/** A map from data units to pixels along an axis (through log₁₀ on a log axis). */
export function axisPixels(
  axis: { domain: readonly [number, number]; log: boolean },
  range: [number, number],
): (v: number) => number {
  const s = linearScale(axis.domain, range);
  return axis.log ? (v: number) => s(log10(v)) : s;
}

/** The panel's x and y maps from data units to pixels. */
export function panelPixels(p: Pick<ScenePanel, "box" | "x" | "y">): {
  sx: (v: number) => number;
  sy: (v: number) => number;
} {
  const { box } = p;
  return {
    sx: axisPixels(p.x, [box.left, box.left + box.width]),
    sy: axisPixels(p.y, [box.top + box.height, box.top]),
  };
}

/** The visible pixel extent [x0, x1] of a band (x1 ≤ x0 when it is off the axis). NB: an edge ≤ 0 on a log axis lies left of every positive value. */
export function bandPixels(
  b: { from: number; to: number },
  sx: (v: number) => number,
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
/** Height of one row of band labels above a frame, in px. */
export const LABEL_ROW = 12;

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

/** Where a panel's band labels go in the strip above its frame, and how many rows they take. */
export function bandLabels(spec: PanelSpec): { labels: { text: string; x: number; row: number }[]; rows: number } {
  const { box } = spec;
  const sx = axisPixels({ domain: xDomainOf(spec), log: !!spec.xLog }, [box.left, box.left + box.width]);
  const shown = (spec.bands ?? []).flatMap((b) => {
    const [x0, x1] = bandPixels(b, sx, box, spec.xLog);
    return b.label && x1 > x0 ? [{ text: b.label, x: x0, width: LABEL_CHAR * b.label.length }] : [];
  });
  const placed = stackLabels(shown, box.left, box.left + box.width);
  const labels = shown.map((s, i) => ({ text: s.text, ...placed[i] }));
  return { labels, rows: labels.length ? Math.max(...labels.map((l) => l.row)) + 1 : 0 };
}

/** Linear ticks over an axis domain, at least 3, with labels that tell neighbours apart. */
function axisTicks(domain: readonly [number, number], count: number): Tick[] {
  const values = niceTicks(domain[0], domain[1], count);
  const labels = tickLabels(values);
  return values.map((at, i) => ({ at, label: labels[i] }));
}

/** How far below the frame the x tick labels' baseline sits, px. NB: 16, so the first clears the lowest y tick's label at the corner. */
export const X_TICK_DY = 16;
/** How far left of the frame the y tick labels end, px; their baseline is 4 px under the tick. */
export const Y_TICK_DX = 5;

/** The panel with its axes and ticks, and its texts placed: title rows, band labels, axis titles. */
export function layoutPanel(spec: PanelSpec, t: SceneTheme): { panel: ScenePanel; texts: SceneText[] } {
  const { box } = spec;
  const xd = xDomainOf(spec);
  const yd = yDomainOf(spec);
  const x = {
    domain: xd,
    log: !!spec.xLog,
    ticks: spec.xLog ? logTicks(xd[0], xd[1]) : axisTicks(xd, Math.max(2, Math.round(box.width / 60))),
  };
  const y = { domain: yd, log: !!spec.yLog, ticks: spec.yLog ? logTicks(yd[0], yd[1]) : axisTicks(yd, 5) };
  const texts: SceneText[] = [];
  const strip = bandLabels(spec);
  for (const l of strip.labels)
    texts.push({
      role: "band-label",
      text: l.text,
      x: l.x,
      y: box.top - 3 - l.row * LABEL_ROW,
      size: FONT.label,
      anchor: "start",
      color: t.muted,
    });
  const labelRows = Math.max(spec.labelRows ?? 0, strip.rows);
  // NB: the last title row sits where a one-row title would; earlier rows go up into the room the figure left.
  const rows = spec.title ? wrapTitle(spec.title, spec.titleWidth) : [];
  rows.forEach((row, k) =>
    texts.push({
      role: "panel-title",
      text: row,
      x: box.left,
      y: box.top - 7 - labelRows * LABEL_ROW - (rows.length - 1 - k) * TITLE_ROW,
      size: FONT.panelTitle,
      anchor: "start",
      bold: true,
      color: t.text,
    }),
  );
  if (spec.xLabel)
    texts.push({
      role: "axis-title",
      text: spec.xLabel,
      x: box.left + box.width / 2,
      y: box.top + box.height + 30,
      size: FONT.text,
      anchor: "middle",
      color: t.muted,
    });
  if (spec.yLabel) {
    const widest = Math.max(0, ...y.ticks.map((k) => k.label.length));
    texts.push({
      role: "axis-title",
      text: spec.yLabel,
      x: box.left - 14 - 6.5 * widest,
      y: box.top + box.height / 2,
      size: FONT.text,
      anchor: "middle",
      color: t.muted,
      vertical: true,
    });
  }
  const panel: ScenePanel = {
    box: { ...box },
    x,
    y,
    zeroLine: !spec.yLog && yd[0] < 0 && yd[1] > 0,
    bands: (spec.bands ?? []).map(({ label: _label, ...b }) => b),
    contours: spec.contours,
    lines: spec.lines,
    points: spec.points ?? [],
    segments: spec.segments ?? [],
    rules: spec.rules ?? [],
  };
  return { panel, texts };
}

/** Legend entries in rows from (x, y) (the first row's baseline), wrapping at `maxX`; and the last row's baseline. */
export function layoutLegend(
  entries: readonly Omit<SceneLegendEntry, "x" | "y">[],
  x: number,
  y: number,
  maxX: number,
): { entries: SceneLegendEntry[]; bottom: number } {
  let cx = x;
  let cy = y;
  const out = entries.map((e) => {
    // NB: ~6.5 px per character at 11 px sans-serif; labels are text, so this only sets the spacing.
    const w = 34 + Math.min(40, e.label.length) * 6.5;
    if (cx + w > maxX && cx > x) {
      cx = x;
      cy += 18;
    }
    const placed = { ...e, x: cx, y: cy };
    cx += w + 12;
    return placed;
  });
  return { entries: out, bottom: cy };
}

/** The legend entry's text as a scene text (30 px right of its swatch's left edge). */
export function legendText(e: SceneLegendEntry, t: SceneTheme): SceneText {
  return {
    role: "legend",
    text: e.label,
    x: e.x + 30,
    y: e.y,
    size: FONT.text,
    anchor: "start",
    color: e.off ? t.muted : t.text,
    hover: e.hover,
  };
}

/** The figure's title, centred at the top of the card. */
export function titleText(title: string, width: number, t: SceneTheme): SceneText {
  return { role: "title", text: title, x: width / 2, y: 22, size: FONT.title, anchor: "middle", color: t.text };
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
