import { fmt } from "./format";
import type { LandscapeSlice } from "./data";
import { decimate, pick, strideIndices } from "./decimate";
import { Figure } from "./figure";
import type { LandscapePanel, LandscapePayload } from "./payload";

export interface LandscapeFigureOptions {
  title?: string;
  /** Most grid points per axis; finer grids are subsampled evenly (ends kept). Default 120. */
  maxGrid?: number;
  /** Most points of each descent path; longer paths keep each bucket's extremes. Default 2000. */
  maxPathPoints?: number;
  /** Number of contour levels; default 14. */
  levels?: number;
}

/** Evenly spaced levels strictly inside the finite range of z. */
export function contourLevels(z: readonly (readonly number[])[], count: number): LandscapePanel["levels"] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of z) {
    for (const v of row) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo < hi)) return { start: Number.isFinite(lo) ? lo : 0, end: Number.isFinite(lo) ? lo : 0, size: 1 };
  const size = (hi - lo) / (count + 1);
  return { start: lo + size, end: lo + count * size, size };
}

function checkSlice(s: LandscapeSlice, k: number): void {
  const where = `landscapeFigure: slices[${k}] ("${s.title}")`;
  if (!Array.isArray(s.x) || !Array.isArray(s.y) || s.x.length < 2 || s.y.length < 2)
    throw new Error(`${where}: x and y need at least 2 grid values each`);
  if (!Array.isArray(s.z) || s.z.length !== s.y.length)
    throw new Error(`${where}: z has ${s.z?.length} rows but y has ${s.y.length} values (z[j][i] is at (x[i], y[j]))`);
  s.z.forEach((row, j) => {
    if (row.length !== s.x.length)
      throw new Error(`${where}: z[${j}] has ${row.length} values but x has ${s.x.length}`);
  });
  const p = s.path;
  if (!p || p.y.length !== p.x.length || p.loss.length !== p.x.length)
    throw new Error(`${where}: path.x, path.y and path.loss must have the same length`);
  const a = s.arrows;
  if (a && !(a.y.length === a.x.length && a.u.length === a.x.length && a.v.length === a.x.length))
    throw new Error(`${where}: arrows.x, y, u and v must have the same length`);
}

/** The factor that makes the longest arrow 7% of the panel's diagonal, measured in axis-normalized units. */
function arrowScale(s: LandscapeSlice, xs: number, ys: number): number {
  let longest = 0;
  const a = s.arrows!;
  for (let k = 0; k < a.x.length; k++) {
    const l = Math.hypot(a.u[k] / xs, a.v[k] / ys);
    if (Number.isFinite(l) && l > longest) longest = l;
  }
  return longest > 0 ? 0.07 / longest : 0;
}

function panel(s: LandscapeSlice, o: Required<Omit<LandscapeFigureOptions, "title">>): LandscapePanel {
  const ix = strideIndices(s.x.length, o.maxGrid);
  const iy = strideIndices(s.y.length, o.maxGrid);
  const z = iy.map((j) => pick(s.z[j], ix));
  const n = s.path.x.length;
  const keep = decimate(n, [s.path.x, s.path.y, s.path.loss], o.maxPathPoints);
  const out: LandscapePanel = {
    title: s.title,
    xLabel: s.xLabel,
    yLabel: s.yLabel,
    x: pick(s.x, ix),
    y: pick(s.y, iy),
    z,
    // NB: levels from the full grid, so subsampling never moves them.
    levels: contourLevels(s.z, o.levels),
    path: { x: pick(s.path.x, keep), y: pick(s.path.y, keep), loss: pick(s.path.loss, keep), step: keep },
  };
  if (s.arrows && s.arrows.x.length) {
    const span = (v: readonly number[]) => Math.abs(v[v.length - 1] - v[0]) || 1;
    const [xs, ys] = [span(s.x), span(s.y)];
    const scale = arrowScale(s, xs, ys);
    const a = s.arrows;
    // NB: arrows shorter than 0.5% of the panel would draw as a stray arrowhead; leave them out.
    const keep = a.x.map((_, k) => k).filter((k) => Math.hypot((scale * a.u[k]) / xs, (scale * a.v[k]) / ys) >= 0.005);
    out.arrows = { x: pick(a.x, keep), y: pick(a.y, keep), u: pick(a.u, keep), v: pick(a.v, keep), scale };
  }
  return out;
}

/** The "landscape" figure: loss contours of one or more 2-D slices, side by side, each with its descent path. */
export function landscapeFigure(
  slices: readonly LandscapeSlice[],
  options: LandscapeFigureOptions = {},
): Figure<LandscapePayload> {
  if (!Array.isArray(slices) || slices.length === 0) throw new Error("landscapeFigure: give at least one slice");
  slices.forEach(checkSlice);
  const o = {
    maxGrid: options.maxGrid ?? 120,
    maxPathPoints: options.maxPathPoints ?? 2000,
    levels: options.levels ?? 14,
  };
  if (!Number.isInteger(o.maxGrid) || o.maxGrid < 2)
    throw new Error(`landscapeFigure: maxGrid must be an integer ≥ 2, got ${o.maxGrid}`);
  if (!Number.isInteger(o.maxPathPoints) || o.maxPathPoints < 4)
    throw new Error(`landscapeFigure: maxPathPoints must be an integer ≥ 4, got ${o.maxPathPoints}`);
  if (!Number.isInteger(o.levels) || o.levels < 1)
    throw new Error(`landscapeFigure: levels must be an integer ≥ 1, got ${o.levels}`);
  const payload: LandscapePayload = {
    version: 1,
    kind: "landscape",
    title: options.title ?? "Loss landscape",
    panels: slices.map((s) => panel(s, o)),
  };
  const summary = slices
    .map((s) => {
      const l = s.path.loss;
      return l.length
        ? `${s.title}: ${l.length - 1} steps, loss ${fmt(l[0])} → ${fmt(l[l.length - 1])}`
        : `${s.title}: no path`;
    })
    .join("\n");
  return new Figure(payload, summary);
}
