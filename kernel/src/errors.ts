import path from "node:path";
import { inspect } from "node:util";
import type { Diagnostic } from "./compiler";
import { lookup, type LineMap } from "./sourcemap";

/** The content of an iopub `error` message (and of an `execute_reply` with status "error"). */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A compiled cell, kept so stack frames in functions it defined can be mapped back later. */
export interface CellSource {
  /** The name the cell's code runs under, e.g. `Cell In[3]` (what V8 puts in stack frames). */
  filename: string;
  lines: string[];
  /** Emitted JS (0-based, as run) → converter source position; see compiler.ts. */
  map?: LineMap;
  /** Lines of wrapper code before the emitted JS. */
  jsLineOffset: number;
}

/** Lines of the converter's source before the cell's own (tslab prepends `export {};\n`). */
const SRC_PREFIX_LINES = 1;
const KERNEL_DIR = path.resolve(__dirname, "..");
const CATEGORY = ["warning", "error", "suggestion", "message"];

/** A caret line under `line` from `from` to `to` (0-based columns), keeping tabs so it lines up. */
function caret(line: string, from: number, to: number): string {
  const pad = line.slice(0, from).replace(/[^\t]/g, " ");
  return pad + "^".repeat(Math.max(1, Math.min(to, line.length) - from));
}

/** TypeScript diagnostics as one error: position, TS code and message, then the cell line with a caret. */
export function diagnosticsError(diags: Diagnostic[], src: string): ErrorContent {
  const lines = src.split("\n");
  const traceback: string[] = [];
  const heads: string[] = [];
  let prev: Diagnostic | undefined;
  for (const d of diags) {
    const text = typeof d.messageText === "string" ? d.messageText : String(d.messageText);
    // NB: tslab flattens a message chain into entries sharing the head's span; indent them under it.
    if (prev && !d.fileName && d.start.offset === prev.start.offset && d.end.offset === prev.end.offset) {
      traceback.push(`  ${text}`);
      continue;
    }
    prev = d;
    const where = `${d.fileName ? d.fileName + " " : ""}line ${d.start.line + 1}:${d.start.character + 1}`;
    const head = `${where} - ${CATEGORY[d.category] ?? "error"} TS${d.code}: ${text}`;
    heads.push(head);
    traceback.push(head);
    if (!d.fileName && lines[d.start.line] !== undefined) {
      const line = lines[d.start.line];
      const end = d.end.line === d.start.line ? d.end.character : line.length;
      traceback.push(`  ${line}`, `  ${caret(line, d.start.character, end)}`);
    }
  }
  const ename = "TypeScriptError";
  const evalue = heads[0] + (heads.length > 1 ? ` (and ${heads.length - 1} more)` : "");
  return {
    ename,
    evalue,
    traceback: [`${ename}: ${heads.length} TypeScript error${heads.length > 1 ? "s" : ""} in the cell`, ...traceback],
  };
}

const FRAME = /^\s+at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;

/** Whether a stack frame's file is Node's or the kernel's own (never the user's). */
function isInternal(file: string): boolean {
  return file.startsWith("node:") || file === "<anonymous>" || file.startsWith(KERNEL_DIR + path.sep);
}

/** One stack line: cell frames mapped to the cell's line:col (plus that line), internal frames dropped. */
function mapFrame(line: string, cells: ReadonlyMap<string, CellSource>): string[] {
  const m = FRAME.exec(line);
  if (!m) return /^\s+at /.test(line) && /\(?(node:|<anonymous>)/.test(line) ? [] : [line];
  const [, fn, file, l, c] = m;
  const cell = cells.get(file);
  if (!cell) return isInternal(file) ? [] : [line];
  const js = { line: Number(l) - 1 - cell.jsLineOffset, col: Number(c) - 1 };
  const pos = cell.map && lookup(cell.map, js.line, js.col);
  if (!pos || pos.line < SRC_PREFIX_LINES || pos.line - SRC_PREFIX_LINES >= cell.lines.length) return []; // wrapper code
  const src = { line: pos.line - SRC_PREFIX_LINES, col: pos.col };
  const where = `${cell.filename}:${src.line + 1}:${src.col + 1}`;
  // NB: cells call earlier cells' functions as `exports.f(…)`, so V8 names them "Object.f".
  const name = fn?.replace(/^(async )?Object\./, "$1");
  return [`    at ${name ? `${name} (${where})` : where}`, `        ${cell.lines[src.line].trim()}`];
}

function isErrorLike(e: unknown): e is Error {
  return (
    e instanceof Error ||
    (typeof e === "object" &&
      e !== null &&
      typeof (e as Error).message === "string" &&
      typeof (e as Error).name === "string")
  );
}

/** Whether `e` is Node's error for a synchronous script stopped by SIGINT, or the kernel's async interrupt. */
export function isInterrupt(e: unknown): boolean {
  return (
    isErrorLike(e) &&
    ((e as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" || e.name === "Interrupted")
  );
}

/** A thrown value as one error: name, message, and the stack with frames mapped to cell lines. */
export function runtimeError(e: unknown, cells: ReadonlyMap<string, CellSource>): ErrorContent {
  if (isInterrupt(e)) {
    return {
      ename: "Interrupted",
      evalue: "the cell was interrupted",
      traceback: ["Interrupted: the cell was interrupted (the kernel is still running; its variables are kept)"],
    };
  }
  if (!isErrorLike(e)) {
    const evalue = inspect(e);
    return {
      ename: "Uncaught",
      evalue,
      traceback: [`Uncaught ${evalue} (a thrown value that is not an Error has no stack trace)`],
    };
  }
  return { ename: e.name, evalue: e.message, traceback: stackLines(e, cells, 0) };
}

function stackLines(e: Error, cells: ReadonlyMap<string, CellSource>, depth: number): string[] {
  const stack = typeof e.stack === "string" && e.stack ? e.stack : `${e.name}: ${e.message}`;
  const lines = stack.split("\n");
  let i = lines.findIndex((l) => /^\s+at /.test(l));
  if (i < 0) i = lines.length;
  const out = [...lines.slice(0, i), ...lines.slice(i).flatMap((l) => mapFrame(l, cells))];
  const cause = (e as { cause?: unknown }).cause;
  if (depth < 3 && cause !== undefined) {
    const rest = isErrorLike(cause) ? stackLines(cause, cells, depth + 1) : [inspect(cause)];
    out.push(`Caused by: ${rest[0]}`, ...rest.slice(1));
  }
  return out;
}
