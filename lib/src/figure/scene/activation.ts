// The activation figure's scene: a panel per shown curve (f, f′, f″) side by side, one colour per activation,
// saturated regions shaded, the tangent (at the lens, or at each activation's steepest point), a legend and a key.
// Holds the one tangent rule, shared by the static SVG and the Lab lens.
import { fmt } from "../format";
import type { ActivationPayload, ActivationSeries } from "../payload";
import { seriesColor } from "../theme";
import { figureId, layoutLegend, layoutPanel, legendText, titleExtra, titleText, type PanelSpec } from "./panel";
import type { Scene, ScenePoints, SceneSegment, SceneText } from "./types";
import { extent } from "./scale";
import { viewOf, type SceneView } from "./view";

/** The finite extent of f over every series; [-1, 1] when none is finite. */
export function fExtent(series: readonly { f: readonly number[] }[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const v of s.f) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return lo <= hi ? [lo, hi] : [-1, 1];
}

/**
 * Half the x-width of the tangent segment at (x₀, f0) with slope f′: ±1/8 of the x range, shortened so the
 * segment stays within f's extent `[lo, hi]` (both renderers clip to the same rule, not to their own axes).
 */
export function tangentHalf(x: readonly number[], f0: number, slope: number, [lo, hi]: [number, number]): number {
  const w = (x[x.length - 1] - x[0]) / 8;
  const s = Math.abs(slope);
  return s > 0 ? Math.max(0, Math.min(w, (hi - f0) / s, (f0 - lo) / s)) : w;
}

/**
 * The names a figure uses for its variable and curves: with xLabel "z", "f(z)", "f′(z)", "f″(z)".
 * NB: a longer label ("pre-activation z") titles the axis only; the curves keep x.
 */
export function activationNames(xLabel: string | undefined): {
  axis: string;
  v: string;
  f: string;
  df: string;
  d2f: string;
} {
  const axis = xLabel ?? "x";
  const v = [...axis].length <= 3 && /^[^\s()]+$/.test(axis) ? axis : "x";
  return { axis, v, f: `f(${v})`, df: `f′(${v})`, d2f: `f″(${v})` };
}

export const CURVES = ["f", "df", "d2f"] as const;
export type CurveKey = (typeof CURVES)[number];

/** Where |f′| is largest: the steepest point, where the figure draws its tangent when there is no lens. */
export function steepest(s: ActivationSeries): number {
  let best = -1;
  for (let i = 0; i < s.df.length; i++)
    if (Number.isFinite(s.df[i]) && Number.isFinite(s.f[i]) && (best < 0 || Math.abs(s.df[i]) > Math.abs(s.df[best])))
      best = i;
  return best;
}

/** The curves shown: the view's choice, else the payload's, else f and f′; never none. */
export function shownCurves(p: ActivationPayload, view: SceneView): CurveKey[] {
  const show = view.show ?? p.show;
  const on = CURVES.filter((c) => (show ? show[c] : c !== "d2f"));
  return on.length ? on : ["f"];
}

export const seriesKey = (s: ActivationSeries) => `series ${s.id}`;

export function activationScene(p: ActivationPayload, view: SceneView = {}): Scene {
  const { width: W, theme: t, hidden } = viewOf(view);
  const names = activationNames(p.xLabel);
  const v = names.v;
  const curves = shownCurves(p, view);
  const left = 55;
  const gap = 55;
  const pw = (W - left - 20 - gap * (curves.length - 1)) / curves.length;
  const color = (k: number) => seriesColor(t, k);
  const hover = (s: ActivationSeries) => (i: number) =>
    `${s.label}: ${v} = ${fmt(p.x[i])}, ${names.f} = ${fmt(s.f[i])}, ${names.df} = ${fmt(s.df[i])}, ${names.d2f} = ${fmt(s.d2f[i])}`;
  const eps = p.epsilon ?? 0;
  const series = p.series.map((s, k) => ({ s, k })).filter(({ s }) => !hidden.has(seriesKey(s)));
  const bands = series.flatMap(({ s, k }) =>
    (s.saturated ?? []).map(([from, to]) => ({ from, to, color: color(k), opacity: 0.13 })),
  );
  const hovers = Math.max(15, Math.floor(41 / p.series.length));
  const lens = view.lens !== undefined && view.lens >= 0 && view.lens < p.x.length ? view.lens : undefined;
  const fRange = fExtent(p.series);
  // The tangent: at the lens, or at each activation's steepest point. Its slope is f′ there, the most the activation can pass back.
  const tangents: SceneSegment[] = series.flatMap(({ s, k }) => {
    const i = lens ?? steepest(s);
    if (i < 0 || !Number.isFinite(s.f[i]) || !Number.isFinite(s.df[i])) return [];
    const [x0, f0, d0] = [p.x[i], s.f[i], s.df[i]];
    const half = tangentHalf(p.x, f0, d0, fRange);
    return [
      {
        x: [x0 - half, x0 + half],
        y: [f0 - d0 * half, f0 + d0 * half],
        color: color(k),
        width: 1.5,
        dash: "dash",
        dot: { x: x0, y: f0, size: 6 },
        hover: `${s.label}: tangent at ${v}₀ = ${fmt(x0)} with slope f′(${v}₀) = ${fmt(d0)}`,
      },
    ];
  });
  const specs: PanelSpec[] = curves.map((c, j) => {
    const lensDots: ScenePoints[] =
      lens === undefined
        ? []
        : series.map(({ s, k }) => ({
            name: `${s.label} at the lens`,
            x: [p.x[lens]],
            y: [s[c][lens]],
            color: color(k),
            size: 8,
          }));
    return {
      box: { left: left + j * (pw + gap), top: 0, width: pw, height: 200 },
      title: names[c],
      titleWidth: j === curves.length - 1 ? W - 12 - (left + j * (pw + gap)) : pw + gap - 12,
      xLabel: names.axis,
      lines: series.map(({ s, k }) => ({
        name: s.label,
        x: p.x,
        y: s[c],
        color: color(k),
        width: 2,
        dash: "solid",
        hover: hover(s),
        hovers,
      })),
      points: lensDots,
      bands,
      segments: c === "f" ? tangents : [],
      rules: lens === undefined ? [] : [{ x: p.x[lens], color: t.accent, dash: "dot" }],
      // NB: axes fit every series, hidden or not, so hiding one does not rescale a panel.
      xDomain: [p.x[0], p.x[p.x.length - 1]],
      yDomain: extent(p.series.map((s) => s[c])),
    };
  });
  const top = 52 + titleExtra(specs);
  for (const s of specs) s.box.top = top;
  const laid = specs.map((s) => layoutPanel(s, t));
  const texts: SceneText[] = [titleText(p.title, W, t), ...laid.flatMap((l) => l.texts)];
  const entries = p.series.map((s, k) => ({
    key: seriesKey(s),
    label: s.label,
    color: color(k),
    line: true,
    dot: false,
    off: hidden.has(seriesKey(s)),
    hover: `${s.label}: ${s.latex.f}; ${s.latex.df}`,
  }));
  const leg = layoutLegend(entries, left, top + 200 + 58, W - 20);
  texts.push(...leg.entries.map((e) => legendText(e, t)));
  const where = p.series
    .filter((s) => s.saturated?.length)
    .map(
      (s) =>
        `${s.label} saturated: |${names.df}| < ${fmt(eps)} for ${v} in ${s.saturated!.map(([a, b]) => `[${fmt(a)}, ${fmt(b)}]`).join(" and ")}`,
    );
  const keyed = where.length > 0;
  const keys = keyed
    ? [{ x: left, y: leg.bottom + 10, width: 24, height: 10, color: t.muted, opacity: 0.25, hover: where.join("; ") }]
    : [];
  const tangentWhere =
    lens === undefined ? "the tangent at the steepest point" : `the tangent at ${v}₀ = ${fmt(p.x[lens])}`;
  if (keyed)
    texts.push({
      role: "note",
      text: `shaded: saturated, |${names.df}| < ${fmt(eps)} (hover for where); dashed: ${tangentWhere}`,
      x: left + 30,
      y: leg.bottom + 19,
      size: 11,
      anchor: "start",
      color: t.muted,
      hover: where.join("; "),
    });
  return {
    kind: "activation",
    width: W,
    height: leg.bottom + (keyed ? 34 : 16),
    theme: t,
    panels: laid.map((l) => l.panel),
    texts,
    legend: leg.entries,
    keys,
    id: figureId(p),
  };
}
