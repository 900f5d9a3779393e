/** Colours that follow JupyterLab's light/dark theme, read from its CSS variables. */
export interface Theme {
  light: boolean;
  paper: string;
  text: string;
  grid: string;
  colors: string[];
}

const LIGHT = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2"];
const DARK = ["#8cb4e0", "#ff8a8c", "#8fd694", "#ffb366", "#d7a8ce", "#9fe0da"];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function currentTheme(): Theme {
  // NB: the same switch the vega extension uses; "false" means a dark theme.
  const light = document.body.dataset.jpThemeLight !== "false";
  return {
    light,
    paper: cssVar("--jp-layout-color0", light ? "#ffffff" : "#111111"),
    text: cssVar("--jp-ui-font-color1", light ? "#222222" : "#dddddd"),
    grid: cssVar("--jp-border-color2", light ? "#e0e0e0" : "#444444"),
    colors: light ? LIGHT : DARK,
  };
}
