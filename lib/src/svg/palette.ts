/** Series colours, readable on white and distinguishable in greyscale order (Tableau 10). */
export const PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"];

/**
 * The static SVG's fixed look: an opaque white card with dark ink, so it stays legible on light and
 * dark HTML export themes alike (the SVG cannot see the page's theme without a script).
 */
export const INK = { background: "#ffffff", border: "#cccccc", text: "#222222", muted: "#666666", grid: "#e6e6e6", axis: "#999999", accent: "#d62728" };

/** The colour `i` of `n` on a viridis-like ramp (dark blue → green → yellow), for contour levels. */
export function ramp(i: number, n: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const t = n <= 1 ? 0 : Math.min(1, Math.max(0, i / (n - 1))) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(t));
  const f = t - k;
  const c = stops[k].map((v, j) => Math.round(v + (stops[k + 1][j] - v) * f));
  return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
}
