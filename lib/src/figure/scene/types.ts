// A scene: a figure laid out in pixels (y grows downwards) with every colour resolved, ready for a renderer. The static
// SVG (svg/draw-scene.ts) and the Lab plot (plotly/to-plotly.ts) draw the same scene, so they show the same panels,
// lines and labels at the same places. Plain data plus hover-text functions; no DOM.
import type { Dash } from "../payload";
import type { Tick } from "./scale";
import type { SceneTheme } from "../theme";

export type Anchor = "start" | "middle" | "end";

/** What a text is, so renderers and tests can tell titles, labels and notes apart. */
export type TextRole = "title" | "panel-title" | "band-label" | "axis-title" | "legend" | "note";

/** A placed text: (x, baseline y) with an SVG text-anchor. Always literal text, never markup. */
export interface SceneText {
  role: TextRole;
  text: string;
  x: number;
  y: number;
  size: number;
  anchor: Anchor;
  bold?: boolean;
  color: string;
  /** Read bottom to top (rotated −90° about (x, y)). */
  vertical?: boolean;
  hover?: string;
}

/** A box in pixels. */
export interface PanelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** An axis: its range in axis units (log₁₀ of the value on a log axis) and its ticks. */
export interface SceneAxis {
  domain: [number, number];
  log: boolean;
  ticks: Tick[];
}

/** A polyline in data units; a point that is not finite (or ≤ 0 on a log axis) breaks it. */
export interface SceneLine {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  width: number;
  dash: Dash;
  /** Dots of this diameter (px) at its points, in its colour. */
  markers?: number;
  /** Hover text of point i, and about how many points get one (the static SVG draws that many targets). */
  hover?: (i: number) => string;
  hovers?: number;
}

/** Scatter dots of one colour, in data units. */
export interface ScenePoints {
  name: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  /** Diameter in px. */
  size: number;
  /** Opacity of the fill; default 1. */
  opacity?: number;
  hover?: (i: number) => string;
  hovers?: number;
}

/** A shaded x interval (data units) across the panel's height. */
export interface SceneBand {
  from: number;
  to: number;
  color: string;
  opacity: number;
  hover?: string;
}

/** A straight segment in data units (a tangent, an arrow), optionally with a dot at `dot` or a head at its end. */
export interface SceneSegment {
  x: [number, number];
  y: [number, number];
  color: string;
  width: number;
  dash: Dash;
  head?: boolean;
  /** A dot of this diameter at (dot[0], dot[1]). */
  dot?: { x: number; y: number; size: number };
  hover?: string;
}

/** Contour lines of z over a grid, one colour per level. */
export interface SceneContours {
  x: readonly number[];
  y: readonly number[];
  /** z[j][i] at (x[i], y[j]). */
  z: readonly (readonly number[])[];
  levels: { start: number; size: number; count: number };
  colors: string[];
  /** What z is, for hover text ("loss"). */
  zName: string;
}

/** One framed x–y panel. */
export interface ScenePanel {
  box: PanelBox;
  x: SceneAxis;
  y: SceneAxis;
  /** A line at y = 0 (linear y axis spanning 0). */
  zeroLine: boolean;
  bands: SceneBand[];
  contours?: SceneContours;
  lines: SceneLine[];
  points: ScenePoints[];
  segments: SceneSegment[];
  /** Vertical lines across the panel at these x (data units), e.g. the lens. */
  rules: { x: number; color: string; dash: Dash }[];
}

/** A legend entry: its swatch left of the text's start. */
export interface SceneLegendEntry {
  /** What a click on it toggles (the Lab view's `hidden`). */
  key: string;
  label: string;
  color: string;
  /** A line swatch with this dash, a dot, or both (a line with markers). */
  line: boolean;
  dot: boolean;
  dash?: Dash;
  /** Drawn faded: the entry's curves are hidden. */
  off?: boolean;
  hover?: string;
  /** The swatch's left edge and the text's baseline. */
  x: number;
  y: number;
}

/** A figure laid out for one width. */
export interface Scene {
  kind: "activation" | "training" | "landscape" | "curves";
  width: number;
  height: number;
  theme: SceneTheme;
  panels: ScenePanel[];
  /** Every text but tick labels: the title, panel titles, band labels, axis titles, legend labels, notes. */
  texts: SceneText[];
  legend: SceneLegendEntry[];
  /** Small swatches drawn before a note (e.g. the saturation key). */
  keys: { x: number; y: number; width: number; height: number; color: string; opacity: number; hover?: string }[];
  /** A short id, unique per payload: the static SVG's clipPath ids. */
  id: string;
}

/** Font sizes of scene texts, px. */
export const FONT = { title: 14, panelTitle: 11, label: 10, text: 11 };
