// lib's layering: no import circle among lib/src's modules (type-only imports are erased and do not count).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as root from "../../lib/src/index";

const SRC = path.resolve(__dirname, "../../lib/src");

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")
          ? [path.join(dir, e.name)]
          : [],
    );
}

/** Each module's run-time imports of other lib modules, as paths relative to lib/src. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const src = fs.readFileSync(f, "utf8");
    const deps: string[] = [];
    // NB: `import type` / `export type` vanish in the build; so does an import whose every name is `type X`.
    for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+["'](\.[^"']+)["']/gms)) {
      const names = /\{([^}]*)\}/.exec(m[1]);
      if (
        names &&
        !/\*/.test(m[1]) &&
        names[1].split(",").every((n) => !n.trim() || /^type\s/.test(n.trim())) &&
        !/^\w+\s*,/.test(m[1].trim())
      )
        continue;
      const base = path.resolve(path.dirname(f), m[2]);
      const target = [`${base}.ts`, path.join(base, "index.ts")].find((c) => fs.existsSync(c));
      if (target) deps.push(path.relative(SRC, target));
    }
    g.set(path.relative(SRC, f), deps);
  }
  return g;
}

/** One import circle, as its modules in order, or undefined. */
function findCycle(g: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 1) return [...stack.slice(stack.indexOf(d)), d];
      if (!state.has(d)) {
        const c = visit(d);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...g.keys()].sort())
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  return undefined;
}

describe("lib layering", () => {
  it("finds the modules and their imports", () => {
    const g = graph();
    expect(g.size).toBeGreaterThan(30);
    expect(g.get("svg/to-svg.ts")).toContain("svg/draw-scene.ts");
  });

  it("has no import circle", () => {
    expect(findCycle(graph())?.join(" → ")).toBeUndefined();
  });

  // catalog (math) → payload builders → scenes → {svg, plotly}: a layer never imports one to its right.
  it("scenes import neither renderer, and the two renderers not each other", () => {
    const g = graph();
    const bad: string[] = [];
    for (const [from, deps] of g) {
      for (const to of deps) {
        if (
          from.startsWith("figure/scene/") &&
          (to.startsWith("svg/") || to.startsWith("plotly/") || /-figure\.ts$|figure\.ts$/.test(to))
        )
          bad.push(`${from} → ${to}`);
        if (from.startsWith("svg/") && to.startsWith("plotly/")) bad.push(`${from} → ${to}`);
        if (from.startsWith("plotly/") && !to.startsWith("figure/scene/") && to !== "figure/payload.ts")
          bad.push(`${from} → ${to}`);
        if (from.startsWith("catalog/") && /^(figure|svg|plotly)\//.test(to)) bad.push(`${from} → ${to}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

// The root is what a notebook imports; everything else is in a subpath (actigrad/catalog, /autodiff, /nn, /kernels, /figure).
describe("the root API", () => {
  const NOTEBOOKS = path.resolve(__dirname, "../../notebooks");
  const used = new Set<string>();
  for (const f of fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"))) {
    for (const cell of JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, f), "utf8")).cells) {
      const src = [cell.source].flat().join("");
      for (const m of src.matchAll(/import\s*\{([^}]*)\}\s*from\s*"actigrad"/g)) {
        for (const n of m[1].split(","))
          if (n.trim() && !/^type\s/.test(n.trim())) used.add(n.trim().split(/\s+as\s+/)[0]);
      }
    }
  }

  it("exports every run-time name the notebooks import from it", () => {
    expect(used.size).toBeGreaterThan(25);
    expect([...used].filter((n) => !(n in root))).toEqual([]);
  });

  it("stays small: about 30–50 run-time names, the notebooks' plus a few of their kin", () => {
    const names = Object.keys(root);
    expect(names.length).toBeLessThanOrEqual(50);
    // What a renderer or a kernel needs is in actigrad/figure, not here.
    expect(
      names.filter((n) =>
        [
          "validatePayload",
          "MIME_TYPE",
          "JUPYTER_DISPLAY",
          "kernelHook",
          "decimate",
          "minMaxIndices",
          "gemmNN",
          "CATALOG",
        ].includes(n),
      ),
    ).toEqual([]);
  });
});

describe("the extension's use of lib", () => {
  const EXT = path.resolve(__dirname, "../../extension");

  it("imports only lib's public entries, never actigrad/dist/…", () => {
    const deep = files(path.join(EXT, "src")).flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(/from\s+["'](actigrad\/[^"']*)["']/g)]
        .map((m) => m[1])
        .filter((s) => s !== "actigrad/figure")
        .map((s) => `${path.basename(f)}: ${s}`),
    );
    expect(deep).toEqual([]);
  });

  it("its built bundle holds the validator, the scenes and toPlotly, but not the static SVG drawer", () => {
    const dir = path.join(EXT, "actigrad_renderer", "labextension", "static");
    // NB: our own chunks (plotly.js is a chunk of its own and has SVG words of its own).
    const js = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .filter((src) => !src.includes("window.Plotly="))
      .join("\n");
    const has = (s: string) => js.includes(s);
    // NB: booleans, so a failure does not print the bundle.
    expect(["valid kinds are", "captureevents", "(hover for where)"].filter((s) => !has(s))).toEqual([]); // validator, toPlotly's legend, a scene's key
    // What only the SVG drawer writes: XML escapes, clip paths, the <svg> element's namespace, path joins.
    expect(["&apos;", "clipPath", "http://www.w3.org/2000/svg", "stroke-linejoin"].filter(has)).toEqual([]);
  });
});
