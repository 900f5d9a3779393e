/** Series colours, readable on white and distinguishable in greyscale order (Tableau 10). */
export const PALETTE = ["#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"];

/** The static SVG's fixed look: a white card, so it stays legible on dark export themes too. */
export const INK = { background: "#ffffff", text: "#222222", muted: "#666666", grid: "#e6e6e6", axis: "#999999" };
