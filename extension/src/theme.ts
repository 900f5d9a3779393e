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

// NB: the same hues as lib's SVG palette (Tableau 10); the dark set is lightened to keep contrast on dark paper.
export const LIGHT = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"];
export const DARK = ["#8cb4e0", "#ff8a8c", "#8fd694", "#ffb366", "#d7a8ce", "#9fe0da", "#f5dc7a", "#ffc2c8", "#c9a58e", "#dcd6d2"];

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
