import { DARK_THEME, LIGHT_THEME, type SceneTheme } from "actigrad/figure";

export type Theme = SceneTheme;
// NB: the one palette lives in lib (lib/src/figure/theme.ts); Lab's CSS gives only paper and ink.
export { PALETTE as LIGHT, DARK_PALETTE as DARK } from "actigrad/figure";

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Whether Lab shows a light theme. NB: the same switch the vega extension uses; "false" means dark. */
export function isLight(): boolean {
  return document.body.dataset.jpThemeLight !== "false";
}

/** The scene theme for Lab's current theme: lib's palette, Lab's paper and ink. */
export function currentTheme(): Theme {
  const base = isLight() ? LIGHT_THEME : DARK_THEME;
  return {
    ...base,
    paper: cssVar("--jp-layout-color0", base.paper),
    text: cssVar("--jp-ui-font-color1", base.text),
    muted: cssVar("--jp-ui-font-color2", base.muted),
    grid: cssVar("--jp-border-color2", base.grid),
  };
}
