// Label placement shared by the renderers: text boxes estimated from font size and character count (no DOM),
// each label put at its first candidate position that clears every box placed before it.

/** A box in pixels: left, top, right, bottom. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Average glyph width per em of a sans-serif face. NB: generous for digits and lowercase, so estimates err wide. */
const EM = { normal: 0.55, bold: 0.6 };

/** The estimated width of `text` in px at `fontSize`. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return [...text].length * fontSize * (bold ? EM.bold : EM.normal);
}

/** The box of `text` drawn at (x, baseline y) with an SVG text-anchor. */
export function textBox(
  text: string,
  x: number,
  y: number,
  fontSize: number,
  anchor: "start" | "middle" | "end" = "start",
  bold = false,
): Box {
  const w = textWidth(text, fontSize, bold);
  const x0 = anchor === "middle" ? x - w / 2 : anchor === "end" ? x - w : x;
  return { x0, x1: x0 + w, y0: y - 0.8 * fontSize, y1: y + 0.2 * fontSize };
}

function hits(a: Box, b: Box, pad: number): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > -pad && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > -pad;
}

/**
 * Places labels in order: each at its first candidate (x, y) whose box clears the `taken` boxes (obstacles,
 * then labels placed earlier) by `pad` px and stays inside `bounds`; a label with no such candidate is left out
 * (undefined), never drawn over another. `taken` grows with each placed label.
 */
export function placeLabels(
  labels: readonly {
    text: string;
    fontSize: number;
    anchor?: "start" | "middle" | "end";
    bold?: boolean;
    at: readonly [number, number][];
  }[],
  taken: Box[],
  bounds: Box,
  pad = 1,
): ([number, number] | undefined)[] {
  return labels.map((l) => {
    const w = textWidth(l.text, l.fontSize, l.bold);
    const shift = l.anchor === "middle" ? w / 2 : l.anchor === "end" ? w : 0;
    for (const [x, y] of l.at) {
      const b = { x0: x - shift, x1: x - shift + w, y0: y - 0.8 * l.fontSize, y1: y + 0.2 * l.fontSize };
      if (b.x0 < bounds.x0 || b.y0 < bounds.y0 || b.x1 > bounds.x1 || b.y1 > bounds.y1) continue;
      if (taken.some((t) => hits(t, b, pad))) continue;
      taken.push(b);
      return [x, y];
    }
    return undefined;
  });
}

/** Width of a character of a band label (10 px sans-serif), in px. NB: an estimate, as the legend's; labels stay text. */
export const LABEL_CHAR = 5.6;

/**
 * Places labels of the given widths in rows: each starts at its `x`, pulled left so it ends by `right` (but
 * not past `left`), in the first row where it clears the labels already there by 6 px. Row 0 is nearest the frame.
 */
export function stackLabels(
  spans: readonly { x: number; width: number }[],
  left: number,
  right: number,
): { x: number; row: number }[] {
  const ends: number[] = [];
  return spans.map(({ x, width }) => {
    const at = Math.max(left, Math.min(x, right - width));
    let row = ends.findIndex((end) => at >= end + 6);
    if (row < 0) row = ends.length;
    ends[row] = at + width;
    return { x: at, row };
  });
}
