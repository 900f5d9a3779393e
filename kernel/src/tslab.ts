// The one place that knows tslab 1.0.22's insides: its file layout, its TypeScript fork and its mutable display hook.
// Everything else in the kernel goes through these names, so a tslab upgrade is checked here.
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import type * as Ts from "@tslab/typescript-for-tslab";
import type * as Conv from "tslab/dist/converter";

export type { CompletionInfo, Converter, ConvertResult, Diagnostic } from "tslab/dist/converter";
export { getCodeMetadata } from "tslab/dist/metadata";
export { printQuickInfo } from "tslab/dist/inspect";

/** tslab's TypeScript fork (5.0.4): the compiler that actually checks and emits every cell. */
export const ts: typeof Ts = require("@tslab/typescript-for-tslab");
export const TSLAB_VERSION: string = require("tslab/package.json").version;

/** Loads tslab's converter.js as its own module instance, whose `require` of TypeScript gets `patchedTs`. */
export function loadConverter(patchedTs: typeof Ts): typeof Conv {
  const file = require.resolve("tslab/dist/converter");
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const plain = mod.require.bind(mod);
  mod.require = Object.assign((id: string) => (id === "@tslab/typescript-for-tslab" ? patchedTs : plain(id)), plain);
  (mod as unknown as { _compile(src: string, file: string): void })._compile(fs.readFileSync(file, "utf8"), file);
  return mod.exports as typeof Conv;
}

/** tslab's public module: what a cell's `import * as tslab from "tslab"` gets (the kernel's own copy). */
export function publicModule(): unknown {
  return require("tslab");
}

/** Sends what tslab's own display API (`tslab.display.*`) shows to `sink`, one message per call. */
export function onTslabDisplay(
  sink: (msg: { data: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean) => void,
): void {
  require("tslab/dist/jupyter").lastWriteDisplayData = sink;
}
