import type { ActivationPayload } from "../figure/payload";
import { panel } from "./panel";
import { INK, PALETTE } from "./palette";
import { el, fmt, text } from "./xml";

/** f and f′ side by side, one colour per activation, with a legend and hover titles. */
export function activationSvg(p: ActivationPayload): string {
  const W = 760;
  const H = 330;
  const box = { top: 52, width: 300, height: 200 };
  const hover = (s: ActivationPayload["series"][number]) => (i: number) =>
    `${s.label}: x = ${fmt(p.x[i])}, f(x) = ${fmt(s.f[i])}, f′(x) = ${fmt(s.df[i])}, f″(x) = ${fmt(s.d2f[i])}`;
  const fLines = p.series.map((s, k) => ({ x: p.x, y: s.f, color: PALETTE[k % PALETTE.length], hover: hover(s) }));
  const dfLines = p.series.map((s, k) => ({ x: p.x, y: s.df, color: PALETTE[k % PALETTE.length], hover: hover(s) }));
  const legend = p.series.map((s, k) =>
    el(
      "g",
      {},
      el("line", { x1: 60 + k * 150, x2: 84 + k * 150, y1: H - 22, y2: H - 22, stroke: PALETTE[k % PALETTE.length], "stroke-width": 3 }),
      text({ x: 90 + k * 150, y: H - 18, fill: INK.text }, s.label),
    ),
  );
  return el(
    "svg",
    { xmlns: "http://www.w3.org/2000/svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, "font-family": "sans-serif", "font-size": 11 },
    el("rect", { width: W, height: H, fill: INK.background, rx: 4 }),
    text({ x: W / 2, y: 22, "text-anchor": "middle", "font-size": 14, fill: INK.text }, p.title),
    panel({ left: 60, ...box }, "f(x)", fLines),
    panel({ left: 430, ...box }, "f′(x)", dfLines),
    text({ x: 210, y: 52 + 200 + 30, "text-anchor": "middle", fill: INK.muted }, "x"),
    text({ x: 580, y: 52 + 200 + 30, "text-anchor": "middle", fill: INK.muted }, "x"),
    ...legend,
  );
}
