// lib's layering: no import circle among lib/src's modules (type-only imports are erased and do not count).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(__dirname, "../../lib/src");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : []));
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
      if (names && !/\*/.test(m[1]) && names[1].split(",").every((n) => !n.trim() || /^type\s/.test(n.trim())) && !/^\w+\s*,/.test(m[1].trim())) continue;
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
  for (const n of [...g.keys()].sort()) if (!state.has(n)) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

describe("lib layering", () => {
  it("finds the modules and their imports", () => {
    const g = graph();
    expect(g.size).toBeGreaterThan(30);
    expect(g.get("svg/to-svg.ts")).toContain("svg/curves-svg.ts");
  });

  it("has no import circle", () => {
    expect(findCycle(graph())?.join(" → ")).toBeUndefined();
  });
});

describe("the extension's use of lib", () => {
  const EXT = path.resolve(__dirname, "../../extension");

  it("imports only lib's public entries, never actigrad/dist/…", () => {
    const deep = files(path.join(EXT, "src")).flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/from\s+["'](actigrad\/[^"']*)["']/g)].map((m) => m[1]).filter((s) => s !== "actigrad/figure").map((s) => `${path.basename(f)}: ${s}`));
    expect(deep).toEqual([]);
  });

  it("its built bundle holds the payload validator but not the static SVG drawer", () => {
    const dir = path.join(EXT, "actigrad_renderer", "labextension", "static");
    const js = fs.readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
    expect(js).toContain("valid kinds are"); // validatePayload's message
    // Literal text only the SVG drawers write (landscape note, training key, the <svg> card's role).
    expect(js).not.toContain("hover a dot for its step and loss");
    expect(js).not.toContain('role: "img"');
    expect(js).not.toContain("(hover for where)");
  });
});
