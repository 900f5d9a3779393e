/** Colours that follow JupyterLab's light/dark theme, read from its CSS variables. */
export interface Theme {
  light: boolean;
  paper: string;
  text: string;
  muted: string;
  grid: string;
  /** Highlights: the tangent lens, chosen paths, the descent path. */
  accent: string;
  colors: string[];
}

// NB: LIGHT is lib's SVG palette (Tableau 10 and ten more, 20 distinct series; see lib/src/svg/palette.ts). DARK keeps
// contrast on dark paper: Tableau 10 lightened, then ten more of roughly LIGHT's hues that stay apart from those
// lightened ones (a lightened sibling would not): every one ≥ 4.5:1 against #111, no two closer than ΔE 20 in CIELAB.
export const LIGHT = [
  "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
  "#aec7e8", "#e377c2", "#98df8a", "#ffbe7d", "#9467bd", "#17becf", "#b6992d", "#fabfd2", "#2ca02c", "#7f7f7f",
];
export const DARK = [
  "#8cb4e0", "#ff8a8c", "#8fd694", "#ffb366", "#d7a8ce", "#9fe0da", "#f5dc7a", "#ffc2c8", "#c9a58e", "#dcd6d2",
  "#4a90e2", "#e377c2", "#2ca02c", "#ff7f0e", "#a47ec7", "#17becf", "#b6992d", "#d37295", "#bcbd22", "#8d8584",
];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Whether Lab shows a light theme. NB: the same switch the vega extension uses; "false" means dark. */
export function isLight(): boolean {
  return document.body.dataset.jpThemeLight !== "false";
}

export function currentTheme(): Theme {
  const light = isLight();
  return {
    light,
    paper: cssVar("--jp-layout-color0", light ? "#ffffff" : "#111111"),
    text: cssVar("--jp-ui-font-color1", light ? "#222222" : "#dddddd"),
    muted: cssVar("--jp-ui-font-color2", light ? "#666666" : "#aaaaaa"),
    grid: cssVar("--jp-border-color2", light ? "#e0e0e0" : "#444444"),
    accent: light ? "#d62728" : "#ff6b6b",
    colors: light ? LIGHT : DARK,
  };
}
