import { formatProgress } from "../figure/progress";
import { shadeColor, trainingPaletteIndices } from "../figure/palette";
export { shadeColor, trainingPaletteIndices } from "../figure/palette";
import type { Dash, Trace, TrainingPayload } from "../figure/payload";
import { card, figureId, legend, panel, titleExtra, type Line } from "./panel";
import { INK, PALETTE } from "./palette";
import { fmt, text } from "./xml";

/** SVG dash patterns of a loss curve's `dash`. */
export const LOSS_DASH: Record<Dash, string | undefined> = { solid: undefined, dash: "6 4", dot: "2 3" };

/**
 * Loss, per-layer gradient norm (log) and saturated/dead fractions side by side, with legends and the
 * progress line; without layers, the loss panel alone across the width.
 */
export function trainingSvg(p: TrainingPayload): string {
  const W = 760;
  const left = 55;
  const gap = 55;
  const columns = p.layers.length ? 3 : 1;
  const pw = (W - left - 20 - (columns - 1) * gap) / columns;
  const height = columns === 1 ? 220 : 190;
  const id = figureId(p);
  const eps = p.epsilon !== undefined ? ` (|f′| < ${fmt(p.epsilon)})` : "";
  const titles = [`${p.lossTitle ?? "loss"}${p.lossLog ? " (log scale)" : ""}`, ...(p.layers.length ? ["‖∂L/∂W‖ per layer (log)", `saturated — / dead ···${eps}`] : [])];
  const titleWidth = (j: number) => (j === columns - 1 ? W - 12 - (left + j * (pw + gap)) : pw + gap - 12);
  const top = 52 + titleExtra(titles.map((title, j) => ({ title, titleWidth: titleWidth(j) })));
  const box = (j: number) => ({ left: left + j * (pw + gap), top, width: pw, height });
  const idx = trainingPaletteIndices(p);
  const lossColor = (k: number) => PALETTE[idx.losses[k] % PALETTE.length];
  const layerColor = (k: number) => shadeColor(PALETTE[idx.layers[k] % PALETTE.length], p.layers[k].shade ?? 0, INK.background);
  const line = (t: Trace, c: string, what: string, dash?: string): Line => ({
    x: t.x,
    y: t.y,
    color: c,
    dash,
    hover: (i) => `${what}: step ${fmt(t.x[i])}, ${fmt(t.y[i])}`,
  });
  const lossLines = p.losses.map((t, k) => line(t, lossColor(k), p.lossTitle ? t.name : `${t.name} loss`, LOSS_DASH[t.dash ?? "solid"]));
  const gradLines = p.layers.map((l, k) => line(l.gradNorm, layerColor(k), `${l.name} ‖∂L/∂W‖`));
  const fracLines = p.layers.flatMap((l, k) => [line(l.saturated, layerColor(k), `${l.name} saturated`), ...(l.dead.y.length ? [line(l.dead, layerColor(k), `${l.name} dead`, "2 3")] : [])]);
  const hoverPoints = Math.max(8, Math.floor(120 / Math.max(1, fracLines.length)));
  const panels = [panel({ box: box(0), title: titles[0], titleWidth: titleWidth(0), xLabel: "step", lines: lossLines, yLog: p.lossLog, hoverPoints: 30, clipId: `${id}-0` })];
  if (p.layers.length) {
    panels.push(
      panel({ box: box(1), title: titles[1], titleWidth: titleWidth(1), xLabel: "step", lines: gradLines, yLog: true, hoverPoints, clipId: `${id}-1` }),
      panel({ box: box(2), title: titles[2], titleWidth: titleWidth(2), xLabel: "step", lines: fracLines, yDomain: [-0.02, 1.02], hoverPoints, clipId: `${id}-2` }),
    );
  }
  const entries = [
    ...p.losses.map((t, k) => ({ label: p.lossTitle ? t.name : `${t.name} loss`, color: lossColor(k), dash: LOSS_DASH[t.dash ?? "solid"] })),
    ...p.layers.map((l, k) => ({ label: l.name, color: layerColor(k) })),
  ];
  const leg = legend(entries, left, top + height + 56, W - 20);
  const progress = p.progress ? text({ x: left, y: leg.bottom + 22, fill: INK.text }, formatProgress(p.progress)) : "";
  return card(W, leg.bottom + (p.progress ? 36 : 16), p.title, ...panels.map((d) => d.svg), leg.svg, progress);
}
