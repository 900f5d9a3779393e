import type { CurvesPanel, CurvesPayload, Dash } from "../figure/payload";
import { bandLabels, card, figureId, LABEL_ROW, legend, panel, titleExtra, type Band, type Line, type PanelSpec, type PointSet } from "./panel";
import { INK, PALETTE } from "./palette";
import { fmt, text, utf8Bytes } from "./xml";

const DASH: Record<Dash, string | undefined> = { solid: undefined, dash: "6 4", dot: "2 3" };
const color = (k: number) => PALETTE[k % PALETTE.length];

/** Bytes a static figure may take. */
const SVG_BUDGET = 195_000;

/** How much of a dense figure is drawn: the dot grid in px and the hover targets per line and per point set. */
interface Detail {
  cell: number;
  lineHovers: number;
  pointHovers: number;
}

// NB: from full detail down; the first level whose SVG fits the budget is used.
const DETAILS: Detail[] = [
  { cell: 0.1, lineHovers: 41, pointHovers: 150 },
  { cell: 1.5, lineHovers: 25, pointHovers: 60 },
  { cell: 3, lineHovers: 15, pointHovers: 20 },
  { cell: 5, lineHovers: 0, pointHovers: 0 },
];

/** The axis domain (in axis units) of a fixed range, if any. */
const domain = (r: [number, number] | undefined, log: boolean): [number, number] | undefined => (r ? (log ? [Math.log10(r[0]), Math.log10(r[1])] : r) : undefined);

function curvesPanelSpec(p: CurvesPanel, box: { left: number; top: number; width: number; height: number }, clipId: string, d: Detail): PanelSpec {
  const xy = (x: number, y: number) => `${p.xLabel || "x"} = ${fmt(x)}, ${p.yLabel || "y"} = ${fmt(y)}`;
  // NB: a line with markers gets hover targets as a point set does (every marker while they fit), so its markers say their values.
  const lines: Line[] = p.lines.map((l) => ({
    x: l.x,
    y: l.y,
    color: color(l.color),
    dash: DASH[l.dash ?? "solid"],
    hover: (i) => `${l.name}: ${xy(l.x[i], l.y[i])}`,
    hovers: l.markers ? Math.max(d.lineHovers, d.pointHovers) : d.lineHovers,
    markers: l.markers ? { size: 6, cell: d.cell } : undefined,
  }));
  // NB: a panel's point sets share one hover budget.
  const sets = p.points.reduce((n, s) => n + s.groups.length, 0);
  const points: PointSet[] = p.points.flatMap((s) =>
    s.groups.map((g, k) => {
      const idx = s.group ? s.group.flatMap((gi, i) => (gi === k ? [i] : [])) : s.x.map((_, i) => i);
      const x = idx.map((i) => s.x[i]);
      const y = idx.map((i) => s.y[i]);
      return { x, y, color: color(s.colors[k]), cell: d.cell, hover: (i: number) => `${g}: ${xy(x[i], y[i])}`, hovers: Math.ceil(d.pointHovers / sets) };
    }),
  );
  const bands: Band[] = p.bands.map((b) => ({ from: b.from, to: b.to, color: INK.muted, opacity: 0.12, label: b.label, hover: `${b.label ? `${b.label}: ` : ""}${p.xLabel || "x"} from ${fmt(b.from)} to ${fmt(b.to)}` }));
  return {
    box,
    title: p.title,
    xLabel: p.xLabel,
    yLabel: p.yLabel,
    lines,
    points,
    bands,
    xLog: p.xLog,
    yLog: p.yLog,
    xDomain: domain(p.xRange, p.xLog),
    yDomain: domain(p.yRange, p.yLog),
    clipId,
  };
}

/** The panels in a grid (up to 3 across), each with its lines, dots, shaded ranges and hover titles; one legend below. */
export function curvesSvg(p: CurvesPayload): string {
  for (const d of DETAILS) {
    const svg = curvesSvgAt(p, d);
    if (utf8Bytes(svg) <= SVG_BUDGET || d === DETAILS[DETAILS.length - 1]) return svg;
  }
  throw new Error("unreachable");
}

function curvesSvgAt(p: CurvesPayload, d: Detail): string {
  const n = p.panels.length;
  const cols = Math.min(3, n);
  const rows = Math.ceil(n / cols);
  const W = 760;
  const left = 70;
  const gap = 75;
  const pw = (W - left - 20 - gap * (cols - 1)) / cols;
  const ph = n === 1 ? 260 : 200;
  const id = figureId(p);
  const specs = p.panels.map((panel, i) => curvesPanelSpec(panel, { left: left + (i % cols) * (pw + gap), top: 0, width: pw, height: ph }, `${id}-${i}`, d));
  // NB: band labels sit in a strip above each frame; every row of panels leaves room for the most rows any panel needs.
  const labelRows = Math.max(0, ...specs.map((s) => bandLabels(s).rows));
  // Each title may run to the next panel (or the card's edge), wrapping beyond; every row leaves room for the most rows.
  specs.forEach((s, i) => (s.titleWidth = (i % cols === cols - 1 || i === n - 1 ? W - 12 - s.box.left : pw + gap - 12)));
  const strip = labelRows * LABEL_ROW + titleExtra(specs);
  const rowH = ph + 78 + strip;
  const top = 52 + strip;
  specs.forEach((s, i) => {
    s.box.top = top + Math.floor(i / cols) * rowH;
    s.labelRows = labelRows;
  });
  const panels = specs.map((s) => panel(s).svg);
  // One legend entry per name: lines first (with their dash), then point groups as dots.
  const entries: { label: string; color: string; dash?: string; dot?: boolean }[] = [];
  const seen = new Set<string>();
  const add = (label: string, e: { color: string; dash?: string; dot?: boolean; marker?: boolean }) => {
    const key = `${e.dot ? "dot" : "line"}\u0000${label}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ label, ...e });
  };
  for (const panel of p.panels) for (const l of panel.lines) add(l.name, { color: color(l.color), dash: DASH[l.dash ?? "solid"], marker: l.markers });
  for (const panel of p.panels) for (const s of panel.points) s.groups.forEach((g, k) => add(g, { color: color(s.colors[k]), dot: true }));
  const legendTop = top + (rows - 1) * rowH + ph + 56;
  const leg = legend(entries, left, legendTop, W - 20);
  const thinned = p.panels.flatMap((panel) => panel.points.filter((s) => s.omitted).map((s) => `${s.name}: ${s.x.length} of ${s.x.length + s.omitted!} points shown (one per occupied cell of a fine grid)`));
  const note = thinned.length ? text({ x: left, y: leg.bottom + 22, fill: INK.muted }, thinned.join("; ")) : "";
  return card(W, leg.bottom + (thinned.length ? 36 : 16), p.title, ...panels, leg.svg, note);
}
