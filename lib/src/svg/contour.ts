// Marching squares: iso-lines of a grid, stitched into polylines so the SVG stays small.

/** A polyline in data coordinates. */
export type Polyline = [number, number][];

/**
 * The contour lines z = level of the grid z[j][i] at (x[i], y[j]), as polylines.
 * Cells with a non-finite corner are skipped; saddles are resolved by the cell's mean.
 */
export function contourLines(
  x: readonly number[],
  y: readonly number[],
  z: readonly (readonly number[])[],
  level: number,
): Polyline[] {
  const nx = x.length;
  const ny = y.length;
  // An edge id: 2·(j·nx + i) for the horizontal edge (i,j)–(i+1,j), +1 for the vertical edge (i,j)–(i,j+1).
  const point = new Map<number, [number, number]>();
  const cross = (id: number): [number, number] => {
    let p = point.get(id);
    if (p) return p;
    const k = id >> 1;
    const i = k % nx;
    const j = (k - i) / nx;
    const [i2, j2] = id & 1 ? [i, j + 1] : [i + 1, j];
    const a = z[j][i];
    const b = z[j2][i2];
    const t = a === b ? 0.5 : (level - a) / (b - a);
    p = [x[i] + t * (x[i2] - x[i]), y[j] + t * (y[j2] - y[j])];
    point.set(id, p);
    return p;
  };
  const segments: [number, number][] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const z00 = z[j][i];
      const z10 = z[j][i + 1];
      const z11 = z[j + 1][i + 1];
      const z01 = z[j + 1][i];
      if (!(Number.isFinite(z00) && Number.isFinite(z10) && Number.isFinite(z11) && Number.isFinite(z01))) continue;
      const c = (z00 > level ? 1 : 0) | (z10 > level ? 2 : 0) | (z11 > level ? 4 : 0) | (z01 > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const bottom = 2 * (j * nx + i);
      const top = 2 * ((j + 1) * nx + i);
      const leftE = 2 * (j * nx + i) + 1;
      const rightE = 2 * (j * nx + i + 1) + 1;
      const centreHigh = (z00 + z10 + z11 + z01) / 4 > level;
      switch (c) {
        case 1:
        case 14:
          segments.push([leftE, bottom]);
          break;
        case 2:
        case 13:
          segments.push([bottom, rightE]);
          break;
        case 3:
        case 12:
          segments.push([leftE, rightE]);
          break;
        case 4:
        case 11:
          segments.push([rightE, top]);
          break;
        case 6:
        case 9:
          segments.push([bottom, top]);
          break;
        case 7:
        case 8:
          segments.push([leftE, top]);
          break;
        case 5: // z00 and z11 high
          if (centreHigh) segments.push([leftE, top], [bottom, rightE]);
          else segments.push([leftE, bottom], [rightE, top]);
          break;
        case 10: // z10 and z01 high
          if (centreHigh) segments.push([leftE, bottom], [rightE, top]);
          else segments.push([leftE, top], [bottom, rightE]);
          break;
      }
    }
  }
  // Stitch: every crossing point is shared by at most two segments (the two cells beside its edge).
  const at = new Map<number, number[]>();
  segments.forEach(([a, b], s) => {
    at.set(a, [...(at.get(a) ?? []), s]);
    at.set(b, [...(at.get(b) ?? []), s]);
  });
  const used = new Uint8Array(segments.length);
  const walk = (from: number, s: number, out: number[]) => {
    let end = from;
    let seg = s;
    for (;;) {
      used[seg] = 1;
      const [a, b] = segments[seg];
      end = a === end ? b : a;
      out.push(end);
      const next = (at.get(end) ?? []).find((t) => !used[t]);
      if (next === undefined) return;
      seg = next;
    }
  };
  const lines: Polyline[] = [];
  for (let s = 0; s < segments.length; s++) {
    if (used[s]) continue;
    const [a] = segments[s];
    const forward: number[] = [a];
    walk(a, s, forward); // a → b → …
    const backward: number[] = [];
    const more = (at.get(a) ?? []).find((t) => !used[t]);
    if (more !== undefined) walk(a, more, backward); // a → … the other way
    const ids = [...backward.reverse(), ...forward];
    lines.push(ids.map(cross));
  }
  return lines;
}
