// The view state a scene is laid out for: what the reader changed, not the data.
import { LIGHT_THEME, type SceneTheme } from "../theme";

export interface SceneView {
  /** Layout width in px; default 760, the static SVG's. */
  width?: number;
  theme?: SceneTheme;
  /** Legend keys whose curves are hidden (the reader clicked them off in Lab). */
  hidden?: readonly string[];
  /** Activation: which of f, f′, f″ have a panel (default: the payload's `show`, else f and f′). */
  show?: { f: boolean; df: boolean; d2f: boolean };
  /** Activation: the tangent lens at this x index (the pointer in Lab); without it, the tangent at the steepest point. */
  lens?: number;
  /** Training: write the progress line under the legend; default true (Lab shows it above the plot, live, instead). */
  progress?: boolean;
}

/** The static SVG's width, and the narrowest layout (a narrower output scales the figure down). */
export const DESIGN_WIDTH = 760;
export const MIN_WIDTH = 480;

export function viewOf(v: SceneView): { width: number; theme: SceneTheme; hidden: Set<string> } {
  const width = Math.max(MIN_WIDTH, Math.round(v.width ?? DESIGN_WIDTH));
  return { width, theme: v.theme ?? LIGHT_THEME, hidden: new Set(v.hidden ?? []) };
}
