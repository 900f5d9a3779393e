/** A decoded source map: per generated line, segments [generatedColumn, sourceLine, sourceColumn] (all 0-based). */
export type LineMap = number[][][];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Decodes a v3 source map's `mappings` (base64 VLQ) into per-line segments, keeping only positions. */
export function decodeMappings(mappings: string): LineMap {
  const lines: LineMap = [];
  let srcLine = 0,
    srcCol = 0;
  for (const line of mappings.split(";")) {
    const segs: number[][] = [];
    let genCol = 0;
    for (const seg of line.split(",")) {
      if (!seg) continue;
      const f = decodeVlq(seg);
      genCol += f[0];
      if (f.length >= 4) {
        srcLine += f[2];
        srcCol += f[3];
        segs.push([genCol, srcLine, srcCol]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0,
    shift = 0;
  for (const c of s) {
    const d = DIGIT.get(c);
    if (d === undefined) throw new Error(`bad source map character ${JSON.stringify(c)}`);
    value += (d & 31) << shift;
    if (d & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}

/**
 * The source position of a generated one: the last segment at or before `col` on `line`, else the line's first.
 * NB: lines without segments (synthesized code) return undefined rather than a guess.
 */
export function lookup(map: LineMap, line: number, col: number): { line: number; col: number } | undefined {
  const segs = map[line];
  if (!segs?.length) return undefined;
  let best = segs[0];
  for (const s of segs) if (s[0] <= col) best = s;
  return { line: best[1], col: best[2] };
}

/** The inline `//# sourceMappingURL=data:…;base64,…` map of `js`, and `js` without that comment. */
export function splitInlineMap(js: string): { code: string; map?: LineMap } {
  const m = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
  if (!m) return { code: js };
  const json = JSON.parse(Buffer.from(m[1], "base64").toString("utf8")) as { mappings: string };
  return { code: js.slice(0, m.index), map: decodeMappings(json.mappings) };
}
