import Module from "node:module";
import path from "node:path";
import vm from "node:vm";
import { createConverter, hasTopLevelForAwait, isCompleteCode, takeCellMap, type Converter } from "./compiler";
import { getCodeMetadata, printQuickInfo, publicModule } from "./tslab";
import { diagnosticsError, runtimeError, type CellSource, type ErrorContent } from "./errors";
import { resolveFallback } from "./resolve";

/** How a cell ended: with a value (its last expression, if any), or with an error to report. */
export type CellResult = { ok: true; value?: unknown; hasValue: boolean } | { ok: false; error: ErrorContent };

/** Where the running cell finds its `exports` and `require` (set just before each run). */
const CELL_SLOT = Symbol.for("actigrad.cell");

/**
 * TypeScript's CommonJS emit re-exports a cell's imports as getters: `Object.defineProperty(exports, "x", { get })`.
 * tslab trapped that with a Proxy around `exports`, which made every top-level write (`exports.s = s += i` in a
 * loop) about 400× slower than in a function. Rewriting the emitted lines to plain assignments keeps `exports` a
 * plain object and gives the same snapshot semantics as tslab's trap (a later cell may rebind the name).
 * NB: one line in, one line out, so the cell's source map stays valid.
 */
const REEXPORT =
  /^Object\.defineProperty\(exports, "([^"]+)", \{ enumerable: true, get: function \(\) \{ return (.+); \} \}\);$/gm;
const ES_MODULE = /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/gm;
const EXPORT_STAR = /^__exportStar\((.+), exports\);$/gm;

/** A cell's emitted JavaScript with `exports` written as a plain object (see above). */
export function plainExports(js: string): string {
  return js
    .replace(ES_MODULE, "")
    .replace(REEXPORT, 'exports["$1"] = $2;')
    .replace(
      EXPORT_STAR,
      '((m) => { for (const k in m) if (k !== "default" && !(k in exports)) exports[k] = m[k]; })($1);',
    );
}

/**
 * Runs cells: tslab's converter type-checks and compiles each one against the declarations of the cells before it,
 * then this runs the CommonJS output in the kernel's own V8 context.
 */
export class Executor {
  /** Every compiled cell by the file name its frames carry, to map stack traces back to cell lines. */
  readonly cells = new Map<string, CellSource>();
  private readonly conv: Converter = createConverter();
  /** Top-level names of all cells (each cell's `exports`); later cells read earlier names as `exports.x`. */
  private readonly exports: Record<string, unknown> = Object.create(null);
  private readonly require: NodeJS.Require;
  private readonly sideOutputs = new Map<string, string>();
  private readonly sideModules = new Map<string, Module>();
  private prevDecl = "";
  private silentCount = 0;
  private interruptNow?: (e: Error) => void;

  constructor(private readonly rootDir: string) {
    this.require = this.wrapRequire(Module.createRequire(path.join(rootDir, "src.js")), rootDir);
  }

  /** Type-checks, compiles and runs `src`; `count` names the cell in tracebacks (`Cell In[count]`). */
  async execute(src: string, count: number | undefined): Promise<CellResult> {
    const meta = getCodeMetadata(src);
    if (meta.module) {
      // A `/** @module name */` cell defines an importable module (tslab's feature); it runs when imported.
      const diags = this.conv.addModule(meta.module, src, meta);
      return diags.length ? { ok: false, error: diagnosticsError(diags, src) } : { ok: true, hasValue: false };
    }
    if (meta.mode === "browser") {
      return {
        ok: false,
        error: {
          ename: "UnsupportedError",
          evalue: "browser cells (/** @browser */) are not supported",
          traceback: ["UnsupportedError: browser cells (/** @browser */) are not supported by the actigrad kernel"],
        },
      };
    }
    const converted = this.conv.convert(this.prevDecl, src);
    for (const out of converted.sideOutputs ?? []) {
      this.sideModules.delete(out.path);
      this.sideOutputs.set(out.path, out.data);
    }
    // NB: any diagnostic fails the cell, as in tslab: the converter emits nothing when there are some.
    if (converted.diagnostics.length) return { ok: false, error: diagnosticsError(converted.diagnostics, src) };
    if (!converted.output) {
      this.prevDecl = converted.declOutput ?? "";
      return { ok: true, hasValue: false };
    }
    const filename = count !== undefined ? `Cell In[${count}]` : `Cell (silent ${++this.silentCount})`;
    const cell: CellSource = { filename, lines: src.split("\n"), map: takeCellMap(converted.output), jsLineOffset: 1 };
    this.cells.set(filename, cell);
    const isAsync = converted.hasToplevelAwait || hasTopLevelForAwait(src);
    const code =
      `(${isAsync ? "async " : ""}function (exports, require) {\n` +
      plainExports(converted.output) +
      `\n})(globalThis[Symbol.for("actigrad.cell")].exports, globalThis[Symbol.for("actigrad.cell")].require)`;
    (globalThis as Record<symbol, unknown>)[CELL_SLOT] = { exports: this.exports, require: this.require };
    // NB: unlike tslab, a cell that throws keeps its declarations (as Python keeps what ran before the exception):
    // a model built before a failing training step stays usable in the next cell.
    this.prevDecl = converted.declOutput ?? "";
    try {
      const ret = vm.runInThisContext(code, { filename, breakOnSigint: true, displayErrors: false });
      if (isAsync) await this.raceInterrupt(ret as Promise<unknown>);
    } catch (e) {
      return { ok: false, error: runtimeError(e, this.cells) };
    }
    const name = converted.lastExpressionVar;
    if (!name || !(name in this.exports)) return { ok: true, hasValue: false };
    const value = this.exports[name];
    delete this.exports[name];
    return { ok: true, value, hasValue: value !== undefined };
  }

  /** Waits for an async cell, or rejects as soon as the user interrupts it. */
  private raceInterrupt(p: Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.interruptNow = reject;
      p.then(resolve, reject).finally(() => (this.interruptNow = undefined));
    });
  }

  /** Stops a cell that is awaiting (a synchronous loop is stopped by SIGINT itself, through breakOnSigint). */
  interrupt(): boolean {
    if (!this.interruptNow) return false;
    const e = new Error("the cell was interrupted");
    e.name = "Interrupted";
    this.interruptNow(e);
    return true;
  }

  inspect(src: string, pos: number): string | undefined {
    const info = this.conv.inspect(this.prevDecl, src, pos);
    return info ? printQuickInfo(info) : undefined;
  }

  complete(src: string, pos: number) {
    return this.conv.complete(this.prevDecl, src, pos);
  }

  isComplete(src: string) {
    return isCompleteCode(src);
  }

  close(): void {
    this.conv.close();
  }

  /** `require` for cells: `tslab` is the kernel's copy, local .ts files come from the converter, the rest from Node. */
  private wrapRequire(req: NodeJS.Require, dirname: string): NodeJS.Require {
    const fromSide = (id: string): unknown => {
      let file = path.join(dirname, id);
      if (path.extname(file) === "") file += ".js";
      const cached = this.sideModules.get(file);
      if (cached) return cached.exports;
      const data = this.sideOutputs.get(file);
      if (data === undefined) return undefined;
      const mod = new Module(file, module);
      mod.filename = file;
      mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(path.dirname(file));
      mod.require = this.wrapRequire(mod.require.bind(mod) as NodeJS.Require, path.dirname(file));
      this.sideModules.set(file, mod);
      (mod as unknown as { _compile(src: string, file: string): void })._compile(data, file);
      return mod.exports;
    };
    const wrapped = (id: string): unknown => {
      if (id === "tslab") return publicModule();
      if (id.startsWith(".")) {
        const side = fromSide(id);
        if (side !== undefined) return side;
      }
      try {
        return req(id);
      } catch (e) {
        const fallback = resolveFallback(id, e);
        if (fallback) return req(fallback);
        throw e;
      }
    };
    return Object.assign(wrapped, req);
  }
}
