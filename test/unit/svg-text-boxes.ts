// Text boxes of a static SVG, estimated from font size and character count (no font metrics in Node), to check
// that labels neither overlap each other nor leave the drawing.
import { DOMParser, type Element } from "@xmldom/xmldom";

export interface TextBox {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Average glyph width per em of a sans-serif face: regular and bold. NB: generous for digits and lowercase. */
const EM = { normal: 0.55, bold: 0.6 };

function inherited(e: Element, attr: string): string | undefined {
  for (let n: Element | null = e; n && n.getAttribute; n = n.parentNode as Element | null) {
    const v = n.getAttribute(attr);
    if (v) return v;
  }
  return undefined;
}

/** Every visible `<text>`'s box in viewBox units, and the viewBox. */
export function textBoxes(svg: string): { boxes: TextBox[]; width: number; height: number } {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement as unknown as Element;
  const [, , width, height] = root.getAttribute("viewBox")!.split(/\s+/).map(Number);
  const boxes: TextBox[] = [];
  for (const e of Array.from(doc.getElementsByTagName("text") as unknown as Element[])) {
    const text = e.textContent ?? "";
    if (!text.trim()) continue;
    const fs = Number(inherited(e, "font-size") ?? 11);
    const bold = inherited(e, "font-weight") === "bold";
    const w = [...text].length * fs * (bold ? EM.bold : EM.normal);
    const x = Number(e.getAttribute("x"));
    const y = Number(e.getAttribute("y"));
    const anchor = inherited(e, "text-anchor") ?? "start";
    const a = anchor === "middle" ? w / 2 : anchor === "end" ? w : 0;
    if (/rotate\(-90/.test(e.getAttribute("transform") ?? "")) {
      // Reads bottom to top: the run is vertical, the glyphs' height horizontal.
      boxes.push({ text, x0: x - 0.8 * fs, x1: x + 0.2 * fs, y0: y - (w - a), y1: y + a });
    } else {
      boxes.push({ text, x0: x - a, x1: x - a + w, y0: y - 0.8 * fs, y1: y + 0.2 * fs });
    }
  }
  return { boxes, width, height };
}

/** Pairs of boxes that intersect by more than `slack` px each way. */
export function overlaps(boxes: readonly TextBox[], slack = 0.5): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > slack && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > slack)
        out.push(`"${a.text}" × "${b.text}"`);
    }
  return out;
}

/** Boxes that reach outside [0, width] × [0, height]. */
export function outside(boxes: readonly TextBox[], width: number, height: number): string[] {
  return boxes
    .filter((b) => b.x0 < 0 || b.y0 < 0 || b.x1 > width || b.y1 > height)
    .map((b) => `"${b.text}" at [${b.x0.toFixed(0)}, ${b.x1.toFixed(0)}] × [${b.y0.toFixed(0)}, ${b.y1.toFixed(0)}]`);
}
