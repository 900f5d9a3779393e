// The curves figure's scene: x–y panels in a grid of up to three across, shaded x ranges labelled in a strip above the
// frame, one legend for every panel (a name shared across panels is one entry).
import { fmt } from "../format";
import type { CurvesPanel, CurvesPayload } from "../payload";
import { seriesColor, type SceneTheme } from "../theme";
import {
  bandLabels,
  figureId,
  xDomainOf,
  yDomainOf,
  LABEL_ROW,
  layoutLegend,
  layoutPanel,
  legendText,
  titleExtra,
  titleText,
  type PanelSpec,
} from "./panel";
import type { Scene, SceneLine, ScenePoints, SceneText } from "./types";
import { viewOf, type SceneView } from "./view";

/** Legend keys: one per line name and one per point-group name. */
export const lineKey = (name: string) => `line\u0000${name}`;
export const pointsKey = (name: string) => `points\u0000${name}`;

/** The axis domain (in axis units) of a fixed range, if any. */
const domain = (r: [number, number] | undefined, log: boolean): [number, number] | undefined =>
  r ? (log ? [Math.log10(r[0]), Math.log10(r[1])] : r) : undefined;

function panelSpec(p: CurvesPanel, t: SceneTheme, hidden: Set<string>): PanelSpec {
  const xy = (x: number, y: number) => `${p.xLabel || "x"} = ${fmt(x)}, ${p.yLabel || "y"} = ${fmt(y)}`;
  // NB: a line with markers gets hover targets as a point set does, so its markers say their values.
  const lines: SceneLine[] = p.lines
    .filter((l) => !hidden.has(lineKey(l.name)))
    .map((l) => ({
      name: l.name,
      x: l.x,
      y: l.y,
      color: seriesColor(t, l.color),
      width: 2,
      dash: l.dash ?? "solid",
      markers: l.markers ? 6 : undefined,
      hover: (i) => `${l.name}: ${xy(l.x[i], l.y[i])}`,
      hovers: l.markers ? 150 : 41,
    }));
  // NB: a panel's point sets share one hover budget.
  const sets = p.points.reduce((n, s) => n + s.groups.length, 0);
  const points: ScenePoints[] = p.points.flatMap((s) =>
    s.groups.flatMap((g, k) => {
      if (hidden.has(pointsKey(g))) return [];
      const idx = s.group ? s.group.flatMap((gi, i) => (gi === k ? [i] : [])) : null;
      const x = idx ? idx.map((i) => s.x[i]) : s.x;
      const y = idx ? idx.map((i) => s.y[i]) : s.y;
      return [
        {
          name: g,
          x,
          y,
          color: seriesColor(t, s.colors[k]),
          size: 5,
          hover: (i: number) => `${g}: ${xy(x[i], y[i])}`,
          hovers: Math.ceil(150 / sets),
        },
      ];
    }),
  );
  const bands = p.bands.map((b) => ({
    from: b.from,
    to: b.to,
    color: t.muted,
    opacity: 0.12,
    label: b.label,
    hover: `${b.label ? `${b.label}: ` : ""}${p.xLabel || "x"} from ${fmt(b.from)} to ${fmt(b.to)}`,
  }));
  // NB: the domain comes from every line and point set, hidden or not, so toggling one does not rescale the panel.
  const all = { lines: p.lines, points: p.points, xLog: p.xLog, yLog: p.yLog };
  return {
    box: { left: 0, top: 0, width: 1, height: 1 },
    title: p.title,
    xLabel: p.xLabel,
    yLabel: p.yLabel,
    lines,
    points,
    bands,
    xLog: p.xLog,
    yLog: p.yLog,
    xDomain: domain(p.xRange, p.xLog) ?? xDomainOf(all),
    yDomain: domain(p.yRange, p.yLog) ?? yDomainOf(all),
  };
}

/** What was left out of large point sets, e.g. "data: 5000 of 1000000 points shown (…)". */
export function thinnedNote(p: CurvesPayload): string {
  return p.panels
    .flatMap((panel) =>
      panel.points
        .filter((s) => s.omitted)
        .map(
          (s) =>
            `${s.name}: ${s.x.length} of ${s.x.length + s.omitted!} points shown (one per occupied cell of a fine grid)`,
        ),
    )
    .join("; ");
}

export function curvesScene(p: CurvesPayload, view: SceneView = {}): Scene {
  const { width: W, theme: t, hidden } = viewOf(view);
  const n = p.panels.length;
  const cols = Math.min(3, n);
  const rows = Math.ceil(n / cols);
  const left = 70;
  const gap = 75;
  const pw = (W - left - 20 - gap * (cols - 1)) / cols;
  const ph = n === 1 ? 260 : 200;
  const specs = p.panels.map((panel, i) => {
    const s = panelSpec(panel, t, hidden);
    s.box = { left: left + (i % cols) * (pw + gap), top: 0, width: pw, height: ph };
    return s;
  });
  // NB: band labels sit in a strip above each frame; every row of panels leaves room for the most rows any panel needs.
  const labelRows = Math.max(0, ...specs.map((s) => bandLabels(s).rows));
  // Each title may run to the next panel (or the card's edge), wrapping beyond; every row leaves room for the most rows.
  specs.forEach((s, i) => (s.titleWidth = i % cols === cols - 1 || i === n - 1 ? W - 12 - s.box.left : pw + gap - 12));
  const strip = labelRows * LABEL_ROW + titleExtra(specs);
  const rowH = ph + 78 + strip;
  const top = 52 + strip;
  specs.forEach((s, i) => {
    s.box.top = top + Math.floor(i / cols) * rowH;
    s.labelRows = labelRows;
  });
  const laid = specs.map((s) => layoutPanel(s, t));
  const texts: SceneText[] = [titleText(p.title, W, t), ...laid.flatMap((l) => l.texts)];
  // One legend entry per name: lines first (with their dash), then point groups as dots.
  const entries: Parameters<typeof layoutLegend>[0][number][] = [];
  const seen = new Set<string>();
  const add = (key: string, e: Omit<Parameters<typeof layoutLegend>[0][number], "key">) => {
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({ key, ...e, off: hidden.has(key) });
  };
  for (const panel of p.panels)
    for (const l of panel.lines)
      add(lineKey(l.name), {
        label: l.name,
        color: seriesColor(t, l.color),
        line: true,
        dot: !!l.markers,
        dash: l.dash ?? "solid",
      });
  for (const panel of p.panels)
    for (const s of panel.points)
      s.groups.forEach((g, k) =>
        add(pointsKey(g), { label: g, color: seriesColor(t, s.colors[k]), line: false, dot: true }),
      );
  const legendTop = top + (rows - 1) * rowH + ph + 56;
  const leg = layoutLegend(entries, left, legendTop, W - 20);
  texts.push(...leg.entries.map((e) => legendText(e, t)));
  const note = thinnedNote(p);
  if (note)
    texts.push({ role: "note", text: note, x: left, y: leg.bottom + 22, size: 11, anchor: "start", color: t.muted });
  return {
    kind: "curves",
    width: W,
    height: leg.bottom + (note ? 36 : 16),
    theme: t,
    panels: laid.map((l) => l.panel),
    texts,
    legend: leg.entries,
    keys: [],
    id: figureId(p),
  };
}
