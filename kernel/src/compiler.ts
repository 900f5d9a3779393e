import type * as Ts from "@tslab/typescript-for-tslab";
import { forwardPath, isVirtualDir, virtualChildren } from "./resolve";
import { lookup, splitInlineMap, decodeMappings, type LineMap } from "./sourcemap";

import { loadConverter, ts, type Converter } from "./tslab";

export type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "./tslab";
export { ts };

/** Source maps of compiled cells, keyed by the emitted JavaScript, from emitted line:col to the cell's line:col. */
const cellMaps = new Map<string, LineMap>();

/**
 * The TypeScript module as tslab's converter sees it, with three changes:
 * - its programs emit inline source maps, and its ESM → CommonJS step composes them, so runtime errors can be
 *   reported at the cell's own lines;
 * - its file system also sees the virtual packages of resolve.ts (actigrad, @types/node);
 * - completions get a host that can name modules.
 * NB: the fork's exports are non-configurable getters, so a Proxy (not assignment) swaps the functions.
 */
function tsForConverter(): typeof Ts {
  const real = ts.sys;
  const sys: Ts.System = Object.assign(Object.create(real) as Ts.System, {
    fileExists: (p: string) => real.fileExists(forwardPath(p)),
    readFile: (p: string, enc?: string) => real.readFile(forwardPath(p), enc),
    directoryExists: (p: string) => isVirtualDir(p) || real.directoryExists(forwardPath(p)),
    getDirectories: (p: string) => {
      const fp = forwardPath(p);
      return [...new Set([...(real.directoryExists(fp) ? real.getDirectories(fp) : []), ...virtualChildren(p)])];
    },
    realpath: real.realpath && ((p: string) => real.realpath!(forwardPath(p))),
    readDirectory: (p: string, ...rest: unknown[]) =>
      (real.readDirectory as (...a: unknown[]) => string[])(forwardPath(p), ...rest),
  });
  // NB: tslab calls completions with an empty language-service host; member completion on a type from a package
  // then needs the host's directory to name modules (tslab 1.0.22 crashes on `activation("relu").d`).
  const completeForTslab = ts.Completions.getCompletionsAtPositionForTslab;
  const withHost = (host: object, ...rest: unknown[]) =>
    (completeForTslab as (...a: unknown[]) => unknown)(
      Object.assign(Object.create(host), {
        getCurrentDirectory: () => process.cwd(),
        useCaseSensitiveFileNames: () => true,
        fileExists: sys.fileExists,
        readFile: sys.readFile,
      }),
      ...rest,
    );
  const Completions: typeof ts.Completions = Object.create(ts.Completions, {
    getCompletionsAtPositionForTslab: { value: withHost },
  });
  const overrides: Partial<typeof Ts> = {
    sys,
    Completions,
    createWatchCompilerHost: ((roots: string[], options: Ts.CompilerOptions, ...rest: unknown[]) =>
      (ts.createWatchCompilerHost as (...a: unknown[]) => unknown)(
        roots,
        { ...options, inlineSourceMap: true },
        ...rest,
      )) as never,
    transpileModule(input: string, options: Ts.TranspileOptions): Ts.TranspileOutput {
      const { code, map: esmMap } = splitInlineMap(input);
      const out = ts.transpileModule(code, {
        ...options,
        compilerOptions: { ...options.compilerOptions, sourceMap: true, inlineSourceMap: false },
      });
      const outputText = out.outputText.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
      if (esmMap && out.sourceMapText) {
        const cjsMap = decodeMappings(JSON.parse(out.sourceMapText).mappings);
        cellMaps.set(
          outputText,
          cjsMap.map((segs) =>
            segs.flatMap(([col, l, c]) => {
              const p = lookup(esmMap, l, c);
              return p ? [[col, p.line, p.col]] : [];
            }),
          ),
        );
      }
      return { ...out, outputText };
    },
  };
  return new Proxy(ts, {
    get: (target, key) =>
      key in overrides ? overrides[key as keyof typeof overrides] : target[key as keyof typeof Ts],
  });
}

const converterModule = loadConverter(tsForConverter());
export const isCompleteCode = converterModule.isCompleteCode;

/** tslab's converter (type check + emit of one cell against the declarations of the previous ones). */
export function createConverter(): Converter {
  return converterModule.createConverter({ isJS: false, isBrowser: false });
}

/** Takes (and forgets) the cell map of an emitted cell: emitted 0-based line:col → the converter's source line:col. */
export function takeCellMap(output: string): LineMap | undefined {
  const map = cellMaps.get(output);
  cellMaps.clear(); // NB: side outputs (local .ts imports) also land here; nothing else needs them.
  return map;
}

/**
 * Whether a cell has a top-level `for await`, which needs the async wrapper too.
 * NB: tslab detects top-level `await` expressions from a diagnostic only, and `for await` raises none.
 */
export function hasTopLevelForAwait(src: string): boolean {
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const visit = (node: Ts.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}
