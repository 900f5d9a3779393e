import { formatProgress } from "../figure/training-figure";
import type { Trace, TrainingPayload } from "../figure/payload";
import { card, figureId, legend, panel, type Line } from "./panel";
import { INK, PALETTE } from "./palette";
import { fmt, text } from "./xml";

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
  const box = (j: number) => ({ left: left + j * (pw + gap), top: 52, width: pw, height });
  const color = (k: number) => PALETTE[k % PALETTE.length];
  const line = (t: Trace, c: string, what: string, dash?: string): Line => ({
    x: t.x,
    y: t.y,
    color: c,
    dash,
    hover: (i) => `${what}: step ${fmt(t.x[i])}, ${fmt(t.y[i])}`,
  });
  const nLoss = p.losses.length;
  const lossLines = p.losses.map((t, k) => line(t, color(k), p.lossTitle ? t.name : `${t.name} loss`));
  const gradLines = p.layers.map((l, k) => line(l.gradNorm, color(nLoss + k), `${l.name} ‖∂L/∂W‖`));
  const fracLines = p.layers.flatMap((l, k) => [line(l.saturated, color(nLoss + k), `${l.name} saturated`), ...(l.dead.y.length ? [line(l.dead, color(nLoss + k), `${l.name} dead`, "2 3")] : [])]);
  const eps = p.epsilon !== undefined ? ` (|f′| < ${fmt(p.epsilon)})` : "";
  const hoverPoints = Math.max(8, Math.floor(120 / Math.max(1, fracLines.length)));
  const panels = [panel({ box: box(0), title: `${p.lossTitle ?? "loss"}${p.lossLog ? " (log scale)" : ""}`, xLabel: "step", lines: lossLines, yLog: p.lossLog, hoverPoints: 30, clipId: `${id}-0` })];
  if (p.layers.length) {
    panels.push(
      panel({ box: box(1), title: "‖∂L/∂W‖ per layer (log)", xLabel: "step", lines: gradLines, yLog: true, hoverPoints, clipId: `${id}-1` }),
      panel({ box: box(2), title: `saturated — / dead ···${eps}`, xLabel: "step", lines: fracLines, yDomain: [-0.02, 1.02], hoverPoints, clipId: `${id}-2` }),
    );
  }
  const entries = [
    ...p.losses.map((t, k) => ({ label: p.lossTitle ? t.name : `${t.name} loss`, color: color(k) })),
    ...p.layers.map((l, k) => ({ label: l.name, color: color(nLoss + k) })),
  ];
  const leg = legend(entries, left, 52 + height + 56, W - 20);
  const progress = p.progress ? text({ x: left, y: leg.bottom + 22, fill: INK.text }, formatProgress(p.progress)) : "";
  return card(W, leg.bottom + (p.progress ? 36 : 16), p.title, ...panels.map((d) => d.svg), leg.svg, progress);
}
