// Colours shared by the static SVG and the Lab renderer. No DOM, no drawing: numbers and hex strings only.
import type { TrainingPayload } from "./payload";

const VIRIDIS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** Least contrast (WCAG) of a contour line against its background; 3:1 is WCAG's floor for graphics, kept with a margin. */
export const CONTOUR_CONTRAST = 3.2;

const channel = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

/** [r, g, b] of a #rrggbb colour (or, with `short`, also #rgb), or null for anything else. */
function parseHex(c: string, short = false): number[] | null {
  const m = (short ? /^#([0-9a-f]{3}|[0-9a-f]{6})$/i : /^#([0-9a-f]{6})$/i).exec(c.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((d) => d + d).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

/** Whether `s` is a #rrggbb colour, the only form contourColor takes. */
export function isHexColor(s: string): boolean {
  return parseHex(s) !== null;
}

function rgb(hex: string): number[] {
  const c = parseHex(hex);
  if (!c) throw new Error(`colour ${JSON.stringify(hex)} is not a #rrggbb hex colour`);
  return c;
}

const toHex = (c: readonly number[]) =>
  "#" +
  c
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("");

function luminance(c: readonly number[]): number {
  return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
}

/** WCAG contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The viridis-like ramp (dark blue → green → yellow) at t in [0, 1]. */
function viridis(t: number): number[] {
  const s = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(s));
  const f = s - k;
  return VIRIDIS[k].map((v, j) => v + (VIRIDIS[k + 1][j] - v) * f);
}

/**
 * The colour of contour level `i` of `n` on `background`: viridis's hue for the level, darkened (light background)
 * or lightened (dark background) just enough to keep CONTOUR_CONTRAST. NB: plain viridis puts its dark end at
 * ~1.2:1 on dark paper and its yellow at ~1.3:1 on white, and the valley where descent ends vanishes.
 */
export function contourColor(i: number, n: number, background: string): string {
  const base = viridis(n <= 1 ? 0 : i / (n - 1));
  const bg = rgb(background);
  const toward = luminance(bg) > 0.18 ? 0 : 255;
  const mix = (f: number) => base.map((v) => v + (toward - v) * f);
  const ok = (f: number) => contrastRatio(toHex(mix(f)), background) >= CONTOUR_CONTRAST;
  if (ok(0)) return toHex(base);
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 20; k++) {
    const m = (lo + hi) / 2;
    if (ok(m)) hi = m;
    else lo = m;
  }
  return toHex(mix(hi));
}

/** `hex` (#rrggbb or #rgb) moved a fraction `t` of the way to `toward`; a colour it cannot read comes back unchanged. */
export function shadeColor(hex: string, t: number, toward = "#ffffff"): string {
  const a = parseHex(hex, true);
  const b = parseHex(toward, true);
  if (!a || !b || !(t > 0)) return hex;
  return toHex(a.map((v, i) => v + (b[i] - v) * Math.min(1, t)));
}

/**
 * The palette index of each loss curve and layer: the payload's, or for payloads without one (older
 * versions of lib) loss k → k and layer k → n + k.
 */
export function trainingPaletteIndices(p: TrainingPayload): { losses: number[]; layers: number[] } {
  const n = p.losses.length;
  return { losses: p.losses.map((t, k) => t.color ?? k), layers: p.layers.map((l, k) => l.color ?? n + k) };
}
