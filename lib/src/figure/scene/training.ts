// The training figure's scene: loss, per-layer gradient norm (log) and saturated/dead fractions side by side, one
// legend (a click hides a loss or a layer in every panel), and the progress line.
import { fmt } from "../format";
import { shadeColor, trainingPaletteIndices } from "../palette";
import type { Dash, Trace, TrainingPayload } from "../payload";
import { formatProgress } from "../progress";
import { seriesColor } from "../theme";
import {
  figureId,
  xDomainOf,
  yDomainOf,
  layoutLegend,
  layoutPanel,
  legendText,
  titleExtra,
  titleText,
  type PanelSpec,
} from "./panel";
import type { Scene, SceneLine, SceneText } from "./types";
import { viewOf, type SceneView } from "./view";

export const lossKey = (k: number) => `loss ${k}`;
export const layerKey = (k: number) => `layer ${k}`;

export function trainingScene(p: TrainingPayload, view: SceneView = {}): Scene {
  const { width: W, theme: t, hidden } = viewOf(view);
  const left = 55;
  const gap = 55;
  const columns = p.layers.length ? 3 : 1;
  const pw = (W - left - 20 - (columns - 1) * gap) / columns;
  const height = columns === 1 ? 220 : 190;
  const eps = p.epsilon !== undefined ? ` (|f′| < ${fmt(p.epsilon)})` : "";
  const titles = [
    `${p.lossTitle ?? "loss"}${p.lossLog ? " (log scale)" : ""}`,
    ...(p.layers.length ? ["‖∂L/∂W‖ per layer (log)", `saturated — / dead ···${eps}`] : []),
  ];
  const titleWidth = (j: number) => (j === columns - 1 ? W - 12 - (left + j * (pw + gap)) : pw + gap - 12);
  const top = 52 + titleExtra(titles.map((title, j) => ({ title, titleWidth: titleWidth(j) })));
  const box = (j: number) => ({ left: left + j * (pw + gap), top, width: pw, height });
  const idx = trainingPaletteIndices(p);
  // NB: a shade fades toward white on light paper and black on dark (Lab's paper colour may not be hex).
  const paper = t.light ? "#ffffff" : "#000000";
  const lossColor = (k: number) => seriesColor(t, idx.losses[k]);
  const layerColor = (k: number) => shadeColor(seriesColor(t, idx.layers[k]), p.layers[k].shade ?? 0, paper);
  const line = (tr: Trace, color: string, what: string, dash: Dash, hovers: number): SceneLine => ({
    name: what,
    x: tr.x,
    y: tr.y,
    color,
    width: 2,
    dash,
    hover: (i) => `${what}: step ${fmt(tr.x[i])}, ${fmt(tr.y[i])}`,
    hovers,
  });
  const lossName = (name: string) => (p.lossTitle ? name : `${name} loss`);
  const fracCount = p.layers.reduce((n, l) => n + 1 + (l.dead.y.length ? 1 : 0), 0);
  const hovers = Math.max(8, Math.floor(120 / Math.max(1, fracCount)));
  const lossLines = p.losses.flatMap((tr, k) =>
    hidden.has(lossKey(k)) ? [] : [line(tr, lossColor(k), lossName(tr.name), tr.dash ?? "solid", 30)],
  );
  const shown = p.layers.map((l, k) => ({ l, k })).filter(({ k }) => !hidden.has(layerKey(k)));
  const gradLines = shown.map(({ l, k }) => line(l.gradNorm, layerColor(k), `${l.name} ‖∂L/∂W‖`, "solid", hovers));
  const fracLines = shown.flatMap(({ l, k }) => [
    line(l.saturated, layerColor(k), `${l.name} saturated`, "solid", hovers),
    ...(l.dead.y.length ? [line(l.dead, layerColor(k), `${l.name} dead`, "dot", hovers)] : []),
  ]);
  // NB: axes fit every curve, hidden or not, so hiding one does not rescale a panel.
  const every = { losses: p.losses, grads: p.layers.map((l) => l.gradNorm) };
  const specs: PanelSpec[] = [
    {
      box: box(0),
      title: titles[0],
      titleWidth: titleWidth(0),
      xLabel: "step",
      lines: lossLines,
      yLog: p.lossLog,
      xDomain: xOf(every.losses),
      yDomain: yOf(every.losses, p.lossLog),
    },
  ];
  if (p.layers.length) {
    const steps = [...every.losses, ...every.grads];
    specs.push(
      {
        box: box(1),
        title: titles[1],
        titleWidth: titleWidth(1),
        xLabel: "step",
        lines: gradLines,
        yLog: true,
        xDomain: xOf(every.grads.length ? every.grads : steps),
        yDomain: yOf(every.grads, true),
      },
      {
        box: box(2),
        title: titles[2],
        titleWidth: titleWidth(2),
        xLabel: "step",
        lines: fracLines,
        yDomain: [-0.02, 1.02],
        xDomain: xOf(p.layers.flatMap((l) => [l.saturated, l.dead])),
      },
    );
  }
  const laid = specs.map((s) => layoutPanel(s, t));
  const texts: SceneText[] = [titleText(p.title, W, t), ...laid.flatMap((l) => l.texts)];
  const entries = [
    ...p.losses.map((tr, k) => ({
      key: lossKey(k),
      label: lossName(tr.name),
      color: lossColor(k),
      line: true,
      dot: false,
      dash: tr.dash ?? ("solid" as Dash),
      off: hidden.has(lossKey(k)),
    })),
    ...p.layers.map((l, k) => ({
      key: layerKey(k),
      label: l.name,
      color: layerColor(k),
      line: true,
      dot: false,
      off: hidden.has(layerKey(k)),
    })),
  ];
  const leg = layoutLegend(entries, left, top + height + 56, W - 20);
  texts.push(...leg.entries.map((e) => legendText(e, t)));
  const progress = view.progress !== false && p.progress;
  if (progress)
    texts.push({
      role: "note",
      text: formatProgress(progress),
      x: left,
      y: leg.bottom + 22,
      size: 11,
      anchor: "start",
      color: t.text,
    });
  return {
    kind: "training",
    width: W,
    height: leg.bottom + (progress ? 36 : 16),
    theme: t,
    panels: laid.map((l) => l.panel),
    texts,
    legend: leg.entries,
    keys: [],
    id: figureId(p),
  };
}

const xOf = (ts: readonly Trace[]) => xDomainOf({ lines: ts });
const yOf = (ts: readonly Trace[], log: boolean) => yDomainOf({ lines: ts, yLog: log });
