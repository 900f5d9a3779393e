// The one palette of figures: series colours and ink for light and dark paper. The static SVG draws on LIGHT_THEME
// (an opaque white card that reads in any export theme); the Lab renderer starts from these and takes Lab's own paper
// and ink from its CSS. No DOM.

/** What a scene is coloured with. */
export interface SceneTheme {
  light: boolean;
  paper: string;
  /** The card's border (static SVG). */
  border: string;
  text: string;
  muted: string;
  grid: string;
  /** Frames and the zero line. */
  axis: string;
  /** Highlights: the tangent lens, chosen paths, the descent path. */
  accent: string;
  /** Series colours, by palette index. */
  colors: readonly string[];
}

/**
 * Series colours on white: Tableau 10, then ten more so that 20 series (an 11-layer training dashboard and its
 * loss) are told apart. NB: the ten were picked greedily from Tableau 20 and d3's category20 (the accent red left
 * out), each the candidate farthest in CIELAB from every colour before it: no two of the 20 are closer than
 * ΔE 18 (Tableau 10's own closest pair is 26). Index k + 10 is roughly k's hue, lighter or darker.
 */
export const PALETTE = [
  "#4e79a7",
  "#e15759",
  "#59a14f",
  "#f28e2b",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#aec7e8",
  "#e377c2",
  "#98df8a",
  "#ffbe7d",
  "#9467bd",
  "#17becf",
  "#b6992d",
  "#fabfd2",
  "#2ca02c",
  "#7f7f7f",
];

/**
 * Series colours on dark paper: Tableau 10 lightened, then ten more of roughly PALETTE's hues that stay apart from
 * those lightened ones (a lightened sibling would not): every one ≥ 4.5:1 against #111, no two closer than ΔE 20.
 */
export const DARK_PALETTE = [
  "#8cb4e0",
  "#ff8a8c",
  "#8fd694",
  "#ffb366",
  "#d7a8ce",
  "#9fe0da",
  "#f5dc7a",
  "#ffc2c8",
  "#c9a58e",
  "#dcd6d2",
  "#4a90e2",
  "#e377c2",
  "#2ca02c",
  "#ff7f0e",
  "#a47ec7",
  "#17becf",
  "#b6992d",
  "#d37295",
  "#bcbd22",
  "#8d8584",
];

/** The static SVG's look, and Lab's light theme before its CSS is read. */
export const LIGHT_THEME: SceneTheme = {
  light: true,
  paper: "#ffffff",
  border: "#cccccc",
  text: "#222222",
  muted: "#666666",
  grid: "#e6e6e6",
  axis: "#999999",
  accent: "#d62728",
  colors: PALETTE,
};

/** Lab's dark theme before its CSS is read. */
export const DARK_THEME: SceneTheme = {
  light: false,
  paper: "#111111",
  border: "#444444",
  text: "#dddddd",
  muted: "#aaaaaa",
  grid: "#444444",
  axis: "#777777",
  accent: "#ff6b6b",
  colors: DARK_PALETTE,
};

/** Palette colour k of a theme (indices wrap). */
export const seriesColor = (t: SceneTheme, k: number): string => t.colors[k % t.colors.length];
