import fs from "node:fs";
import path from "node:path";

/**
 * `import … from "actigrad"` from a notebook outside this repository: when no `node_modules/actigrad` exists from
 * the kernel's working folder upward, the package resolves to the lib next to this kernel, for the type checker
 * (as if it were installed at `<cwd>/node_modules/actigrad`) and at run time. A real install always wins.
 */
const LIB_DIR = path.resolve(__dirname, "..", "..", "lib");
const NAME = "actigrad";

function installedUpward(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "node_modules", NAME, "package.json"))) return true;
    if (path.dirname(d) === d) return false;
  }
}

const active = fs.existsSync(path.join(LIB_DIR, "package.json")) && !installedUpward(process.cwd());
const FAKE_DIR = path.join(process.cwd(), "node_modules", NAME);

/** The real path of a path under the virtual `<cwd>/node_modules/actigrad`, or `p` itself. */
export function forwardPath(p: string): string {
  if (!active) return p;
  const rel = path.relative(FAKE_DIR, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel)) ? path.join(LIB_DIR, rel) : p;
}

/** Whether the type checker should be told about the virtual package (it also needs `<cwd>/node_modules`). */
export function isVirtualDir(p: string): boolean {
  return active && (p === path.dirname(FAKE_DIR) || forwardPath(p) !== p);
}

/** For a failed `require(id)` of actigrad (or a file in it), the lib's path to load instead. */
export function resolveFallback(id: string, e: unknown): string | undefined {
  if (!active || (e as NodeJS.ErrnoException)?.code !== "MODULE_NOT_FOUND") return undefined;
  if (id !== NAME && !id.startsWith(NAME + "/")) return undefined;
  return path.join(LIB_DIR, id.slice(NAME.length));
}
