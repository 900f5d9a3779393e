import { fmt } from "./format";
import { decimate, pick } from "./decimate";
import { Figure } from "./figure";
import type { CurvesBand, CurvesLine, CurvesPanel, CurvesPayload, CurvesPoints, Dash } from "./payload";

/** Numbers as an array or a typed array (e.g. a tensor's `.data`). */
export type Numbers = ArrayLike<number>;

/** A line from data: y[i] at x[i]. */
export interface LineFromData {
  name: string;
  x: Numbers;
  y: Numbers;
  /** A palette index (0 blue, 1 red, 2 green, 3 orange, …); default: one colour per legend name. */
  color?: number;
  dash?: Dash;
  /** Markers at the data points (after decimation to maxLinePoints), one legend entry with the line. */
  markers?: boolean;
}

/** A line from a function, sampled at `points` evenly spaced x in `range` (log-spaced on a log x axis). */
export interface LineFromFunction {
  name: string;
  f: (x: number) => number;
  /** [a, b] with a < b. */
  range: readonly number[];
  /** Samples, at least 2; default 401. */
  points?: number;
  color?: number;
  dash?: Dash;
  /** Markers at the samples. */
  markers?: boolean;
}

export type CurveLineSpec = LineFromData | LineFromFunction;

/** Scatter points, optionally split into groups (each its own colour and legend entry). */
export interface PointsSpec {
  name: string;
  x: Numbers;
  y: Numbers;
  /** Per point a group name (e.g. "train" / "held out", or a class); default: all in one group named `name`. */
  group?: readonly (string | number)[];
  /** A palette index for the set (ungrouped points only); default: one colour per legend name. */
  color?: number;
}

/** One panel of a curves figure. */
export interface CurvesPanelSpec {
  title?: string;
  /** Axis titles; default "x" and "y". */
  xLabel?: string;
  yLabel?: string;
  /** Log₁₀ axes; values ≤ 0 leave gaps. */
  xLog?: boolean;
  yLog?: boolean;
  lines?: readonly CurveLineSpec[];
  points?: readonly PointsSpec[];
  /** Shaded x ranges with an optional label, e.g. { from: -Math.PI, to: Math.PI, label: "training range" }. */
  bands?: readonly { from: number; to: number; label?: string }[];
  /** Fixed axis ranges [a, b] in data units; default: fit the data. */
  xRange?: readonly number[];
  yRange?: readonly number[];
}

export interface CurvesFigureOptions {
  title?: string;
  /** Most points per line; longer lines keep each bucket's min and max. Default 2000. */
  maxLinePoints?: number;
  /** Most points per point set; larger sets keep one point per occupied cell of a fine grid. Default 5000. */
  maxScatterPoints?: number;
}

/** NB: numbers in the whole payload (x, y, group); at ≤ 20 bytes of JSON each this stays under 1 MB. */
const NUMBER_BUDGET = 45_000;

const DASHES: readonly Dash[] = ["solid", "dash", "dot"];

/** `n` points from a to b inclusive, evenly spaced, or evenly spaced in log₁₀ when `log`. */
function samples(a: number, b: number, n: number, log: boolean): number[] {
  const [u, v] = log ? [Math.log10(a), Math.log10(b)] : [a, b];
  return Array.from({ length: n }, (_, i) => {
    const t = i === n - 1 ? v : u + ((v - u) * i) / (n - 1);
    return log ? 10 ** t : t;
  });
}

/** One colour per legend name, in order of first appearance, unless the caller picked one. */
class Colors {
  private byName = new Map<string, number>();
  private next = 0;
  of(name: string, pick?: number): number {
    if (pick !== undefined) {
      if (!Number.isInteger(pick) || pick < 0)
        throw new Error(`curvesFigure: color must be a palette index (an integer ≥ 0), got ${pick}`);
      this.byName.set(name, pick);
      return pick;
    }
    let c = this.byName.get(name);
    if (c === undefined) {
      c = this.next++;
      this.byName.set(name, c);
    }
    return c;
  }
}

/** Whether v is an array or a typed array of numbers' shape (something with a length). */
const isNumbers = (v: unknown): v is Numbers => Array.isArray(v) || ArrayBuffer.isView(v);

function checkRange(r: readonly number[] | undefined, log: boolean, where: string): [number, number] | undefined {
  if (r === undefined) return undefined;
  if (!Array.isArray(r) || r.length !== 2 || !(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
    throw new Error(
      `${where} must be two finite numbers [a, b] with a < b, got ${JSON.stringify(Array.isArray(r) ? r : String(r))}`,
    );
  }
  if (log && !(r[0] > 0)) throw new Error(`${where} must be positive on a log axis, got [${r[0]}, ${r[1]}]`);
  return [r[0], r[1]];
}

function line(spec: CurveLineSpec, log: boolean, colors: Colors, maxPoints: number, where: string): CurvesLine {
  if (typeof spec?.name !== "string") throw new Error(`${where}.name must be a string`);
  const w = `${where} ("${spec.name}")`;
  let x: Numbers;
  let y: Numbers;
  if ("f" in spec && spec.f !== undefined) {
    if (typeof spec.f !== "function") throw new Error(`${w}.f must be a function of x`);
    const r = checkRange(spec.range, log, `${w}.range`);
    if (!r) throw new Error(`${w}: a line from a function needs range: [a, b]`);
    const n = spec.points ?? 401;
    if (!Number.isInteger(n) || n < 2) throw new Error(`${w}.points must be an integer ≥ 2, got ${n}`);
    x = samples(r[0], r[1], n, log);
    y = (x as number[]).map((v) => spec.f(v));
  } else {
    const d = spec as LineFromData;
    if (!isNumbers(d.x) || !isNumbers(d.y)) throw new Error(`${w}: give x and y arrays, or f and range`);
    if (d.x.length !== d.y.length) throw new Error(`${w}: x has ${d.x.length} values but y has ${d.y.length}`);
    x = d.x;
    y = d.y;
  }
  if (spec.dash !== undefined && !DASHES.includes(spec.dash))
    throw new Error(`${w}.dash must be one of ${DASHES.join(", ")}, got ${JSON.stringify(spec.dash)}`);
  const keep = decimate(x.length, [y], maxPoints);
  const out: CurvesLine = {
    name: spec.name,
    x: pick(x, keep),
    y: pick(y, keep),
    color: colors.of(spec.name, spec.color),
  };
  if (spec.dash && spec.dash !== "solid") out.dash = spec.dash;
  if (spec.markers !== undefined && typeof spec.markers !== "boolean")
    throw new Error(`${w}.markers must be true or false, got ${JSON.stringify(spec.markers)}`);
  if (spec.markers) out.markers = true;
  return out;
}

/**
 * At most `max` of the points: one per occupied cell of a grid over their extent (in axis units), per
 * group, so outliers and every group's coverage survive; then evenly strided if still too many.
 * NB: the grid starts at about max/4 cells and is refined while that keeps fewer than max/2 points, so a
 * cloud along a curve (which occupies few cells) keeps as much detail as one that fills the plot.
 */
export function thinPoints(
  x: Numbers,
  y: Numbers,
  group: readonly number[] | undefined,
  max: number,
  xLog = false,
  yLog = false,
): number[] {
  const n = x.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const tx = (v: number) => (xLog ? Math.log10(v) : v);
  const ty = (v: number) => (yLog ? Math.log10(v) : v);
  const u = new Float64Array(n);
  const v = new Float64Array(n);
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    u[i] = tx(x[i]);
    v[i] = ty(y[i]);
    if (Number.isFinite(u[i]) && Number.isFinite(v[i]))
      [x0, x1, y0, y1] = [Math.min(x0, u[i]), Math.max(x1, u[i]), Math.min(y0, v[i]), Math.max(y1, v[i])];
  }
  const onGrid = (side: number): number[] => {
    const cx = side / (x1 - x0 || 1);
    const cy = side / (y1 - y0 || 1);
    const seen = new Set<number>();
    const kept: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(u[i]) || !Number.isFinite(v[i])) continue;
      const key =
        ((group?.[i] ?? 0) * (side + 1) + Math.min(side, Math.floor((u[i] - x0) * cx))) * (side + 1) +
        Math.min(side, Math.floor((v[i] - y0) * cy));
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(i);
    }
    return kept;
  };
  let side = Math.max(8, Math.floor(Math.sqrt(max / 4)));
  let kept = onGrid(side);
  for (let k = 0; k < 12 && kept.length < max / 2; k++) {
    const finer = onGrid((side *= 2));
    if (finer.length > max) break;
    kept = finer;
  }
  if (kept.length <= max) return kept;
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(kept[Math.floor((k * kept.length) / max)]);
  return out;
}

function points(
  spec: PointsSpec,
  panel: { xLog: boolean; yLog: boolean },
  colors: Colors,
  max: number,
  where: string,
): CurvesPoints {
  if (typeof spec?.name !== "string") throw new Error(`${where}.name must be a string`);
  const w = `${where} ("${spec.name}")`;
  if (!isNumbers(spec.x) || !isNumbers(spec.y))
    throw new Error(`${w}: x and y must be arrays (or typed arrays) of numbers`);
  if (spec.x.length !== spec.y.length)
    throw new Error(`${w}: x has ${spec.x.length} values but y has ${spec.y.length}`);
  let groups = [spec.name];
  let index: number[] | undefined;
  if (spec.group !== undefined) {
    if (!Array.isArray(spec.group) || spec.group.length !== spec.x.length)
      throw new Error(
        `${w}: group must give one name per point (${spec.x.length}), got ${Array.isArray(spec.group) ? spec.group.length : typeof spec.group}`,
      );
    if (spec.color !== undefined)
      throw new Error(`${w}: color applies to ungrouped points; grouped points get one colour per group`);
    const at = new Map<string, number>();
    groups = [];
    index = spec.group.map((g) => {
      const name = String(g);
      let k = at.get(name);
      if (k === undefined) {
        k = groups.length;
        at.set(name, k);
        groups.push(name);
      }
      return k;
    });
  }
  const keep = thinPoints(spec.x, spec.y, index, max, panel.xLog, panel.yLog);
  const out: CurvesPoints = {
    name: spec.name,
    x: pick(spec.x, keep),
    y: pick(spec.y, keep),
    groups,
    colors: groups.map((g) => colors.of(g, index ? undefined : spec.color)),
  };
  if (index) out.group = pick(index, keep);
  if (keep.length < spec.x.length) out.omitted = spec.x.length - keep.length;
  return out;
}

/**
 * The "curves" figure: one or more x–y panels side by side, each with lines (from data or sampled from
 * a function) and/or scatter points (optionally in coloured groups), shaded x ranges, axis titles and
 * optional log axes. Legend names are shared across panels: the same name has the same colour everywhere.
 *
 * e.g. a fitted network with its training data and the range it was trained on:
 *   curvesFigure({ title: "fit", lines: [{ name: "net", f: net, range: [-10, 10] }],
 *     points: [{ name: "data", x: xs, y: ys }], bands: [{ from: -3, to: 3, label: "training range" }] })
 */
export function curvesFigure(
  panels: CurvesPanelSpec | readonly CurvesPanelSpec[],
  options: CurvesFigureOptions = {},
): Figure<CurvesPayload> {
  const specs: readonly CurvesPanelSpec[] = Array.isArray(panels) ? panels : [panels as CurvesPanelSpec];
  if (specs.length === 0) throw new Error("curvesFigure: give at least one panel");
  let maxLine = options.maxLinePoints ?? 2000;
  let maxScatter = options.maxScatterPoints ?? 5000;
  if (!Number.isInteger(maxLine) || maxLine < 4)
    throw new Error(`curvesFigure: maxLinePoints must be an integer ≥ 4, got ${maxLine}`);
  if (!Number.isInteger(maxScatter) || maxScatter < 1)
    throw new Error(`curvesFigure: maxScatterPoints must be an integer ≥ 1, got ${maxScatter}`);
  // Shrink both caps together until the largest possible payload fits the number budget.
  const lineCount = specs.reduce((n, s) => n + (s.lines?.length ?? 0), 0);
  const setCount = specs.reduce((n, s) => n + (s.points?.length ?? 0), 0);
  const worst = 2 * lineCount * maxLine + 3 * setCount * maxScatter;
  if (worst > NUMBER_BUDGET) {
    const k = NUMBER_BUDGET / worst;
    maxLine = Math.max(16, Math.floor(maxLine * k));
    maxScatter = Math.max(16, Math.floor(maxScatter * k));
  }
  const colors = new Colors();
  const out: CurvesPanel[] = specs.map((s, i) => {
    const where = `curvesFigure: panels[${i}]`;
    if (typeof s !== "object" || s === null) throw new Error(`${where} must be an object with lines and/or points`);
    const xLog = !!s.xLog;
    const yLog = !!s.yLog;
    const bands: CurvesBand[] = (s.bands ?? []).map((b, k) => {
      if (!(typeof b?.from === "number" && typeof b.to === "number" && b.from < b.to))
        throw new Error(`${where}.bands[${k}] must have numbers from < to, got ${JSON.stringify(b)}`);
      return b.label === undefined ? { from: b.from, to: b.to } : { from: b.from, to: b.to, label: String(b.label) };
    });
    const panel: CurvesPanel = {
      title: s.title ?? "",
      xLabel: s.xLabel ?? "x",
      yLabel: s.yLabel ?? "y",
      xLog,
      yLog,
      lines: (s.lines ?? []).map((l, k) => line(l, xLog, colors, maxLine, `${where}.lines[${k}]`)),
      points: (s.points ?? []).map((p, k) => points(p, { xLog, yLog }, colors, maxScatter, `${where}.points[${k}]`)),
      bands,
    };
    const xRange = checkRange(s.xRange, xLog, `${where}.xRange`);
    const yRange = checkRange(s.yRange, yLog, `${where}.yRange`);
    if (xRange) panel.xRange = xRange;
    if (yRange) panel.yRange = yRange;
    return panel;
  });
  const title = options.title ?? (out.length === 1 && out[0].title ? out[0].title : "Curves");
  // NB: a single panel's title becomes the figure's, so it is not shown twice.
  if (out.length === 1 && options.title === undefined) out[0].title = "";
  const payload: CurvesPayload = { version: 1, kind: "curves", title, panels: out };
  return new Figure(payload, summarize(payload));
}

/** e.g. "curves: fit: net (401 points on [-10, 10]), data (40 points)". */
function summarize(p: CurvesPayload): string {
  const parts = p.panels.map((panel, i) => {
    const what = [
      ...panel.lines.map(
        (l) =>
          `${l.name} (${l.x.length} points${l.x.length ? ` on [${fmt(l.x[0])}, ${fmt(l.x[l.x.length - 1])}]` : ""})`,
      ),
      ...panel.points.map(
        (s) =>
          `${s.name} (${s.x.length + (s.omitted ?? 0)} points${s.groups.length > 1 ? ` in ${s.groups.length} groups` : ""})`,
      ),
    ];
    return `${panel.title || (i === 0 ? p.title : `panel ${i + 1}`)}: ${what.join(", ") || "empty"}`;
  });
  return `curves: ${parts.join("; ")}`;
}
