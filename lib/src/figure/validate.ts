// Checks a payload against lib/schema/payload.schema.json, plus the cross-field rules the schema's
// descriptions list, and names the first problem. NB: a unit test runs both on the same samples.
import type { Payload } from "./payload";

/** The kinds this version of actigrad draws. */
export const KINDS = ["activation", "network", "training", "landscape", "curves"] as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) =>
  v === undefined ? "missing" : Array.isArray(v) ? "an array" : v === null ? "null" : typeof v;

function obj(v: unknown, where: string): Obj {
  if (!isObj(v)) throw new Error(`${where} must be an object, got ${show(v)}`);
  return v;
}

function str(v: unknown, where: string): string {
  if (typeof v !== "string") throw new Error(`${where} must be a string, got ${show(v)}`);
  return v;
}

function num(v: unknown, where: string): number {
  if (typeof v !== "number") throw new Error(`${where} must be a number, got ${show(v)}`);
  return v;
}

/** A data value: a number, or null (how JSON carries NaN and ±Infinity). */
function datum(v: unknown, where: string): void {
  if (v !== null && typeof v !== "number") throw new Error(`${where} must be a number or null, got ${show(v)}`);
}

function bool(v: unknown, where: string): boolean {
  if (typeof v !== "boolean") throw new Error(`${where} must be true or false, got ${show(v)}`);
  return v;
}

function arr(v: unknown, where: string, minItems = 0): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${where} must be an array, got ${show(v)}`);
  if (v.length < minItems)
    throw new Error(`${where} must have at least ${minItems} item${minItems === 1 ? "" : "s"}, got ${v.length}`);
  return v;
}

function numbers(v: unknown, where: string, minItems = 0): unknown[] {
  const a = arr(v, where, minItems);
  for (let i = 0; i < a.length; i++) {
    const e = a[i];
    if (e !== null && typeof e !== "number") throw new Error(`${where}[${i}] must be a number or null, got ${show(e)}`);
  }
  return a;
}

function sameLength(a: unknown[], b: unknown[], what: string, other: string): void {
  if (a.length !== b.length) throw new Error(`${what} has ${a.length} values but ${other} has ${b.length}`);
}

function activation(p: Obj): void {
  str(p.title, "title");
  const x = numbers(p.x, "x", 2);
  arr(p.series, "series", 1).forEach((v, i) => {
    const w = `series[${i}]`;
    const s = obj(v, w);
    str(s.id, `${w}.id`);
    str(s.label, `${w}.label`);
    const latex = obj(s.latex, `${w}.latex`);
    for (const k of ["f", "df", "d2f"]) str(latex[k], `${w}.latex.${k}`);
    for (const k of ["f", "df", "d2f"]) sameLength(numbers(s[k], `${w}.${k}`), x, `${w}.${k}`, "x");
    if (s.saturated !== undefined) {
      arr(s.saturated, `${w}.saturated`).forEach((iv, j) => {
        const a = arr(iv, `${w}.saturated[${j}]`, 2);
        if (a.length !== 2) throw new Error(`${w}.saturated[${j}] must be [from, to], got ${a.length} values`);
        a.forEach((e, k) => num(e, `${w}.saturated[${j}][${k}]`));
      });
    }
  });
  if (p.epsilon !== undefined && num(p.epsilon, "epsilon") < 0)
    throw new Error(`epsilon must be ≥ 0, got ${p.epsilon}`);
  if (p.show !== undefined) {
    const s = obj(p.show, "show");
    for (const k of ["f", "df", "d2f"]) bool(s[k], `show.${k}`);
  }
  if (p.xLabel !== undefined) str(p.xLabel, "xLabel");
}

const ROLES = ["input", "param", "op", "loss"];

function network(p: Obj): void {
  str(p.title, "title");
  const ids = new Set<string>();
  arr(p.nodes, "nodes", 1).forEach((v, i) => {
    const w = `nodes[${i}]`;
    const n = obj(v, w);
    const id = str(n.id, `${w}.id`);
    str(n.label, `${w}.label`);
    if (!ROLES.includes(n.role as string))
      throw new Error(`${w}.role must be one of ${ROLES.join(", ")}, got ${JSON.stringify(n.role)}`);
    str(n.op, `${w}.op`);
    datum(n.value, `${w}.value`);
    datum(n.grad, `${w}.grad`);
    for (const k of ["layer", "x", "y"]) num(n[k], `${w}.${k}`);
    if (ids.has(id)) throw new Error(`${w}.id "${id}" is not unique`);
    ids.add(id);
  });
  const known = (id: string, where: string) => {
    if (!ids.has(id)) throw new Error(`${where} refers to unknown node "${id}"`);
  };
  arr(p.edges, "edges").forEach((v, i) => {
    const w = `edges[${i}]`;
    const e = obj(v, w);
    known(str(e.from, `${w}.from`), `${w}.from`);
    known(str(e.to, `${w}.to`), `${w}.to`);
    str(e.localLabel, `${w}.localLabel`);
    datum(e.local, `${w}.local`);
  });
  const params: string[] = [];
  arr(p.explanations, "explanations").forEach((v, i) => {
    const w = `explanations[${i}]`;
    const x = obj(v, w);
    params.push(str(x.param, `${w}.param`));
    str(x.paramLabel, `${w}.paramLabel`);
    arr(x.paths, `${w}.paths`).forEach((pv, j) => {
      const pw = `${w}.paths[${j}]`;
      const path = obj(pv, pw);
      const nodes = arr(path.nodes, `${pw}.nodes`, 2);
      nodes.forEach((id, k) => known(str(id, `${pw}.nodes[${k}]`), `${pw}.nodes[${k}]`));
      const factors = arr(path.factors, `${pw}.factors`);
      factors.forEach((fv, k) => {
        const f = obj(fv, `${pw}.factors[${k}]`);
        str(f.label, `${pw}.factors[${k}].label`);
        datum(f.value, `${pw}.factors[${k}].value`);
      });
      if (factors.length !== nodes.length - 1)
        throw new Error(`${pw} has ${nodes.length} nodes but ${factors.length} factors; it needs one factor per edge`);
      datum(path.product, `${pw}.product`);
    });
    const omitted = num(x.omitted, `${w}.omitted`);
    if (!Number.isInteger(omitted) || omitted < 0)
      throw new Error(`${w}.omitted must be an integer ≥ 0, got ${omitted}`);
    datum(x.sum, `${w}.sum`);
    datum(x.grad, `${w}.grad`);
  });
  if (p.selected !== undefined && !params.includes(str(p.selected, "selected"))) {
    throw new Error(
      `selected "${p.selected}" is not an explained parameter; explained: ${params.join(", ") || "(none)"}`,
    );
  }
}

function trace(v: unknown, where: string): void {
  const t = obj(v, where);
  str(t.name, `${where}.name`);
  sameLength(numbers(t.y, `${where}.y`), numbers(t.x, `${where}.x`), `${where}.y`, `${where}.x`);
}

function training(p: Obj): void {
  str(p.title, "title");
  arr(p.losses, "losses").forEach((v, i) => {
    const w = `losses[${i}]`;
    trace(v, w);
    const l = v as Obj;
    if (l.color !== undefined) index(l.color, `${w}.color`);
    if (l.dash !== undefined && !DASHES.includes(l.dash as string))
      throw new Error(`${w}.dash must be one of ${DASHES.join(", ")}, got ${JSON.stringify(l.dash)}`);
  });
  arr(p.layers, "layers").forEach((v, i) => {
    const w = `layers[${i}]`;
    const l = obj(v, w);
    str(l.name, `${w}.name`);
    for (const k of ["gradNorm", "saturated", "dead"]) trace(l[k], `${w}.${k}`);
    if (l.color !== undefined) index(l.color, `${w}.color`);
    if (l.shade !== undefined && !(num(l.shade, `${w}.shade`) >= 0 && (l.shade as number) < 1))
      throw new Error(`${w}.shade must be in [0, 1), got ${l.shade}`);
  });
  bool(p.lossLog, "lossLog");
  if (p.lossTitle !== undefined) str(p.lossTitle, "lossTitle");
  if (p.epsilon !== undefined && num(p.epsilon, "epsilon") < 0)
    throw new Error(`epsilon must be ≥ 0, got ${p.epsilon}`);
  if (p.progress !== undefined) {
    const g = obj(p.progress, "progress");
    for (const k of ["step", "total", "elapsedMs"]) num(g[k], `progress.${k}`);
  }
}

function landscape(p: Obj): void {
  str(p.title, "title");
  arr(p.panels, "panels", 1).forEach((v, i) => {
    const w = `panels[${i}]`;
    const s = obj(v, w);
    for (const k of ["title", "xLabel", "yLabel"]) str(s[k], `${w}.${k}`);
    const x = numbers(s.x, `${w}.x`, 2);
    const y = numbers(s.y, `${w}.y`, 2);
    const z = arr(s.z, `${w}.z`);
    z.forEach((row, j) => sameLength(numbers(row, `${w}.z[${j}]`), x, `${w}.z[${j}]`, `${w}.x`));
    if (z.length !== y.length)
      throw new Error(`${w}.z has ${z.length} rows but ${w}.y has ${y.length} values (z[j][i] is at (x[i], y[j]))`);
    const lv = obj(s.levels, `${w}.levels`);
    num(lv.start, `${w}.levels.start`);
    num(lv.end, `${w}.levels.end`);
    if (!(num(lv.size, `${w}.levels.size`) > 0)) throw new Error(`${w}.levels.size must be > 0, got ${lv.size}`);
    const path = obj(s.path, `${w}.path`);
    const px = numbers(path.x, `${w}.path.x`);
    for (const k of ["y", "loss", "step"])
      sameLength(numbers(path[k], `${w}.path.${k}`), px, `${w}.path.${k}`, `${w}.path.x`);
    if (s.arrows !== undefined) {
      const a = obj(s.arrows, `${w}.arrows`);
      const ax = numbers(a.x, `${w}.arrows.x`);
      for (const k of ["y", "u", "v"])
        sameLength(numbers(a[k], `${w}.arrows.${k}`), ax, `${w}.arrows.${k}`, `${w}.arrows.x`);
      num(a.scale, `${w}.arrows.scale`);
    }
  });
}

function index(v: unknown, where: string, below?: number): number {
  const k = num(v, where);
  if (!Number.isInteger(k) || k < 0 || (below !== undefined && k >= below)) {
    throw new Error(`${where} must be an integer from 0${below !== undefined ? ` to ${below - 1}` : " up"}, got ${k}`);
  }
  return k;
}

function range(v: unknown, where: string, log: boolean): void {
  const r = arr(v, where, 2);
  if (r.length !== 2) throw new Error(`${where} must be [from, to], got ${r.length} values`);
  const [a, b] = r.map((e, k) => num(e, `${where}[${k}]`));
  if (!(a < b)) throw new Error(`${where} must have from < to, got [${a}, ${b}]`);
  if (log && !(a > 0)) throw new Error(`${where} must be positive on a log axis, got [${a}, ${b}]`);
}

const DASHES = ["solid", "dash", "dot"];

function curves(p: Obj): void {
  str(p.title, "title");
  arr(p.panels, "panels", 1).forEach((v, i) => {
    const w = `panels[${i}]`;
    const s = obj(v, w);
    for (const k of ["title", "xLabel", "yLabel"]) str(s[k], `${w}.${k}`);
    const xLog = bool(s.xLog, `${w}.xLog`);
    const yLog = bool(s.yLog, `${w}.yLog`);
    arr(s.lines, `${w}.lines`).forEach((lv, k) => {
      const lw = `${w}.lines[${k}]`;
      const l = obj(lv, lw);
      str(l.name, `${lw}.name`);
      sameLength(numbers(l.y, `${lw}.y`), numbers(l.x, `${lw}.x`), `${lw}.y`, `${lw}.x`);
      index(l.color, `${lw}.color`);
      if (l.dash !== undefined && !DASHES.includes(l.dash as string))
        throw new Error(`${lw}.dash must be one of ${DASHES.join(", ")}, got ${JSON.stringify(l.dash)}`);
      if (l.markers !== undefined) bool(l.markers, `${lw}.markers`);
    });
    arr(s.points, `${w}.points`).forEach((pv, k) => {
      const pw = `${w}.points[${k}]`;
      const q = obj(pv, pw);
      str(q.name, `${pw}.name`);
      const x = numbers(q.x, `${pw}.x`);
      sameLength(numbers(q.y, `${pw}.y`), x, `${pw}.y`, `${pw}.x`);
      const groups = arr(q.groups, `${pw}.groups`, 1);
      groups.forEach((g, j) => str(g, `${pw}.groups[${j}]`));
      const colors = arr(q.colors, `${pw}.colors`);
      sameLength(colors, groups, `${pw}.colors`, `${pw}.groups`);
      colors.forEach((c, j) => index(c, `${pw}.colors[${j}]`));
      if (q.group !== undefined) {
        const g = arr(q.group, `${pw}.group`);
        sameLength(g, x, `${pw}.group`, `${pw}.x`);
        g.forEach((e, j) => index(e, `${pw}.group[${j}]`, groups.length));
      }
      if (q.omitted !== undefined) index(q.omitted, `${pw}.omitted`);
    });
    arr(s.bands, `${w}.bands`).forEach((bv, k) => {
      const bw = `${w}.bands[${k}]`;
      const b = obj(bv, bw);
      num(b.from, `${bw}.from`);
      num(b.to, `${bw}.to`);
      if (b.label !== undefined) str(b.label, `${bw}.label`);
    });
    if (s.xRange !== undefined) range(s.xRange, `${w}.xRange`, xLog);
    if (s.yRange !== undefined) range(s.yRange, `${w}.yRange`, yLog);
  });
}

/**
 * Checks a payload (an object, or its JSON text) and returns it typed, or throws an Error
 * that names the first problem. The renderer shows that message in its error box.
 */
export function validatePayload(data: unknown): Payload {
  let p = data;
  if (typeof p === "string") {
    try {
      p = JSON.parse(p);
    } catch (e) {
      throw new Error(`payload is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isObj(p)) throw new Error(`payload must be a JSON object, got ${show(p)}`);
  if (p.version !== 1)
    throw new Error(
      `unsupported payload version ${JSON.stringify(p.version) ?? "(missing)"}; this renderer draws version 1`,
    );
  switch (p.kind) {
    case "activation":
      activation(p);
      break;
    case "network":
      network(p);
      break;
    case "training":
      training(p);
      break;
    case "landscape":
      landscape(p);
      break;
    case "curves":
      curves(p);
      break;
    default:
      throw new Error(
        `unknown figure kind ${JSON.stringify(p.kind) ?? "(missing)"}; valid kinds are: ${KINDS.join(", ")}`,
      );
  }
  return p as unknown as Payload;
}
