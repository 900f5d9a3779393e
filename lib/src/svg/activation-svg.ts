import { activationNames, fExtent, tangentHalf } from "../figure/scene/activation";
import type { ActivationPayload, ActivationSeries } from "../figure/payload";
import { card, figureId, legend, panel, type Band, type Line } from "./panel";
import { INK, PALETTE } from "./palette";
import { el, fmt, text, title } from "./xml";

const CURVES = ["f", "df", "d2f"] as const;

/** Where |f′| is largest: the steepest point, where the static figure draws its tangent. */
function steepest(s: ActivationSeries): number {
  let best = -1;
  for (let i = 0; i < s.df.length; i++) if (Number.isFinite(s.df[i]) && Number.isFinite(s.f[i]) && (best < 0 || Math.abs(s.df[i]) > Math.abs(s.df[best]))) best = i;
  return best;
}

/**
 * The visible curves (f, f′, f″ per `show`) side by side, one colour per activation, saturated
 * regions shaded, the tangent at each activation's steepest point, a legend and hover titles.
 */
export function activationSvg(p: ActivationPayload): string {
  const names = activationNames(p.xLabel);
  const v = names.v;
  const shown = CURVES.filter((c) => (p.show ? p.show[c] : c !== "d2f"));
  const curves = shown.length ? shown : [CURVES[0]];
  const W = 760;
  const left = 55;
  const gap = 55;
  const pw = (W - left - 20 - gap * (curves.length - 1)) / curves.length;
  const box = { top: 52, width: pw, height: 200 };
  const color = (k: number) => PALETTE[k % PALETTE.length];
  const hover = (s: ActivationSeries) => (i: number) =>
    `${s.label}: ${v} = ${fmt(p.x[i])}, ${names.f} = ${fmt(s.f[i])}, ${names.df} = ${fmt(s.df[i])}, ${names.d2f} = ${fmt(s.d2f[i])}`;
  const eps = p.epsilon ?? 0;
  // NB: the bands carry no <title> of their own; the key below lists them, so point hovers come first.
  const bands: Band[] = p.series.flatMap((s, k) => (s.saturated ?? []).map(([from, to]) => ({ from, to, color: color(k) })));
  const hoverPoints = Math.max(15, Math.floor(41 / p.series.length));
  const id = figureId(p);
  const panels = curves.map((c, j) => {
    const lines: Line[] = p.series.map((s, k) => ({ x: p.x, y: s[c], color: color(k), hover: hover(s) }));
    const drawn = panel({ box: { left: left + j * (pw + gap), ...box }, title: names[c], xLabel: names.axis, lines, bands, hoverPoints, clipId: `${id}-${j}` });
    if (c !== "f") return drawn.svg;
    // The tangent at the steepest point: its slope is f′ there, the most the activation can pass back.
    const fRange = fExtent(p.series);
    const tangents = p.series.map((s, k) => {
      const i = steepest(s);
      if (i < 0) return "";
      const x0 = p.x[i];
      const y = (x: number) => s.f[i] + s.df[i] * (x - x0);
      const [sx, sy] = [drawn.sx, drawn.sy];
      // The Lab lens's rule: ±1/8 of the range, shortened to stay within f's extent.
      const half = tangentHalf(p.x, s.f[i], s.df[i], fRange);
      return el(
        "g",
        {},
        title(`${s.label}: tangent at ${v}₀ = ${fmt(x0)} with slope f′(${v}₀) = ${fmt(s.df[i])}`),
        el("line", { x1: sx(x0 - half).toFixed(1), y1: sy(y(x0 - half)).toFixed(1), x2: sx(x0 + half).toFixed(1), y2: sy(y(x0 + half)).toFixed(1), stroke: color(k), "stroke-width": 1.5, "stroke-dasharray": "4 3" }),
        el("circle", { cx: sx(x0).toFixed(1), cy: sy(s.f[i]).toFixed(1), r: 3, fill: color(k) }),
      );
    });
    // NB: clipped to the frame: the segment is shortened to f's range, but a steep one can still poke out.
    return drawn.svg + drawn.clip(...tangents);
  });
  const entries = p.series.map((s, k) => ({ label: s.label, color: color(k), hover: `${s.label}: ${s.latex.f}; ${s.latex.df}` }));
  const leg = legend(entries, left, 52 + 200 + 58, W - 20);
  const where = p.series
    .filter((s) => s.saturated?.length)
    .map((s) => `${s.label} saturated: |${names.df}| < ${fmt(eps)} for ${v} in ${s.saturated!.map(([a, b]) => `[${fmt(a)}, ${fmt(b)}]`).join(" and ")}`);
  const key = bands.length
    ? el(
        "g",
        {},
        title(where.join("; ")),
        el("rect", { x: left, y: leg.bottom + 10, width: 24, height: 10, fill: INK.muted, "fill-opacity": 0.25 }),
        text({ x: left + 30, y: leg.bottom + 19, fill: INK.muted }, `shaded: saturated, |${names.df}| < ${fmt(eps)} (hover for where); dashed: the tangent at the steepest point`),
      )
    : "";
  const H = leg.bottom + (bands.length ? 34 : 16);
  return card(W, H, p.title, ...panels, leg.svg, key);
}
