/**
 * Series colours on white: Tableau 10, then ten more so that 20 series (an 11-layer training dashboard and its
 * loss) are told apart. NB: the ten were picked greedily from Tableau 20 and d3's category20 (the accent red left
 * out), each the candidate farthest in CIELAB from every colour before it: no two of the 20 are closer than
 * ΔE 18 (Tableau 10's own closest pair is 26). Index k + 10 is roughly k's hue, lighter or darker. Keep the
 * extension's LIGHT (extension/src/theme.ts) equal to this.
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
 * The static SVG's fixed look: an opaque white card with dark ink, so it stays legible on light and
 * dark HTML export themes alike (the SVG cannot see the page's theme without a script).
 */
export const INK = {
  background: "#ffffff",
  border: "#cccccc",
  text: "#222222",
  muted: "#666666",
  grid: "#e6e6e6",
  axis: "#999999",
  accent: "#d62728",
};
