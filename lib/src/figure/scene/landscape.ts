// The landscape figure's scene: square loss slices side by side, each with contour lines coloured by level (≥ 3:1
// against the paper), the descent path with hoverable steps, and −∇L arrows; a key line under them.
import { strideIndices } from "../decimate";
import { fmt } from "../format";
import { contourColor, isHexColor } from "../palette";
import type { LandscapePanel, LandscapePayload } from "../payload";
import type { SceneTheme } from "../theme";
import { figureId, layoutPanel, titleText } from "./panel";
import type { Scene, ScenePoints, SceneSegment, SceneText } from "./types";
import { viewOf, type SceneView } from "./view";

/** Most arrows per panel; more would only clutter. */
export const MAX_ARROWS = 400;
/** Most hoverable dots along a descent path. */
const PATH_DOTS = 40;

/** How many contour levels a panel has. */
export const levelCount = (l: LandscapePanel["levels"]) => Math.max(1, Math.round((l.end - l.start) / l.size) + 1);

function panelSpec(
  s: LandscapePanel,
  t: SceneTheme,
  box: { left: number; top: number; width: number; height: number },
) {
  const span = (v: readonly number[]): [number, number] => [
    Math.min(v[0], v[v.length - 1]),
    Math.max(v[0], v[v.length - 1]),
  ];
  const [xd, yd] = [span(s.x), span(s.y)];
  // An arrow's length on screen, px: one of 1 px or less has no room for a shaft or a head, so neither renderer draws it.
  const pixels = (dx: number, dy: number) =>
    Math.hypot((dx / (xd[1] - xd[0] || 1)) * box.width, (dy / (yd[1] - yd[0] || 1)) * box.height);
  // NB: Lab's CSS may name the paper ("white"); the theme's own paper has the same luminance class.
  const paper = isHexColor(t.paper) ? t.paper : t.light ? "#ffffff" : "#111111";
  const n = levelCount(s.levels);
  const segments: SceneSegment[] = [];
  const a = s.arrows;
  if (a) {
    for (const k of strideIndices(a.x.length, MAX_ARROWS)) {
      if (!(pixels(a.scale * a.u[k], a.scale * a.v[k]) > 1)) continue;
      segments.push({
        x: [a.x[k], a.x[k] + a.scale * a.u[k]],
        y: [a.y[k], a.y[k] + a.scale * a.v[k]],
        color: t.text,
        width: 1.2,
        dash: "solid",
        head: true,
        hover: `−∇L at (${fmt(a.x[k])}, ${fmt(a.y[k])}) = (${fmt(a.u[k])}, ${fmt(a.v[k])})`,
      });
    }
  }
  const path = s.path;
  const m = path.x.length;
  const dots = strideIndices(m, PATH_DOTS).filter((i) => Number.isFinite(path.x[i]) && Number.isFinite(path.y[i]));
  const hover = (i: number) =>
    `step ${path.step[i]}: (${fmt(path.x[i])}, ${fmt(path.y[i])}), loss ${fmt(path.loss[i])}`;
  const set = (idx: number[], size: number, opacity: number, name: string): ScenePoints => ({
    name,
    x: idx.map((i) => path.x[i]),
    y: idx.map((i) => path.y[i]),
    color: t.accent,
    size,
    opacity,
    hover: (j) => hover(idx[j]),
    hovers: idx.length,
  });
  const ends = dots.filter((i) => i === 0 || i === m - 1);
  return {
    title: s.title,
    xLabel: s.xLabel,
    yLabel: s.yLabel,
    box,
    xDomain: xd,
    yDomain: yd,
    contours: {
      x: s.x,
      y: s.y,
      z: s.z,
      levels: { start: s.levels.start, size: s.levels.size, count: n },
      colors: Array.from({ length: n }, (_, k) => contourColor(k, n, paper)),
      zName: "loss",
    },
    segments,
    lines: [{ name: "descent path", x: path.x, y: path.y, color: t.accent, width: 1.8, dash: "solid" as const }],
    points: [
      set(
        dots.filter((i) => !ends.includes(i)),
        6,
        0.35,
        "steps",
      ),
      set(ends, 8, 1, "first and last step"),
    ],
  };
}

export function landscapeScene(p: LandscapePayload, view: SceneView = {}): Scene {
  const { width: W, theme: t } = viewOf(view);
  const k = p.panels.length;
  const left = 70;
  const gap = 80;
  const size = Math.min(320, (W - left - 20 - gap * (k - 1)) / k);
  const top = 56;
  const laid = p.panels.map((s, i) =>
    layoutPanel(panelSpec(s, t, { left: left + i * (size + gap), top, width: size, height: size }), t),
  );
  const texts: SceneText[] = [titleText(p.title, W, t), ...laid.flatMap((l) => l.texts)];
  texts.push({
    role: "note",
    text: "red: gradient-descent path (hover a dot for its step and loss); arrows: −∇L; contours: purple low, yellow high",
    x: left,
    y: top + size + 52,
    size: 11,
    anchor: "start",
    color: t.muted,
  });
  return {
    kind: "landscape",
    width: W,
    height: top + size + 66,
    theme: t,
    panels: laid.map((l) => l.panel),
    texts,
    legend: [],
    keys: [],
    id: figureId(p),
  };
}
