import fs from "node:fs";
import path from "node:path";

/**
 * Notebooks outside this repository (or a pip-installed kernel): when a package below is not installed from the
 * kernel's working folder upward, it resolves to the copy that ships with the kernel, for the type checker (as if
 * it were installed at `<cwd>/node_modules/<name>`) and, for actigrad, at run time. A real install always wins.
 * NB: @types/node and undici-types matter too: without them the checker knows no `console`, `process` or
 * `setTimeout` (TS2584).
 */
const LIB_DIR = path.resolve(__dirname, "..", "..", "lib");

function shipped(name: string, from: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
  } catch {
    return undefined;
  }
}

function installedUpward(dir: string, name: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "node_modules", name, "package.json"))) return true;
    if (path.dirname(d) === d) return false;
  }
}

const NODE_MODULES = path.join(process.cwd(), "node_modules");
const typesNode = shipped("@types/node", __dirname);
const candidates: [string, string | undefined][] = [
  ["actigrad", fs.existsSync(path.join(LIB_DIR, "package.json")) ? LIB_DIR : undefined],
  ["@types/node", typesNode],
  ["undici-types", typesNode && shipped("undici-types", typesNode)],
];
/** Virtual `<cwd>/node_modules/<name>` → the real folder, for each package that is not installed upward. */
const virtual = new Map(
  candidates
    .filter(([name, dir]) => dir && !installedUpward(process.cwd(), name))
    .map(([name, dir]) => [path.join(NODE_MODULES, name), dir!]),
);

/** The real path of a path under a virtual package folder, or `p` itself. */
export function forwardPath(p: string): string {
  for (const [fake, real] of virtual) {
    const rel = path.relative(fake, p);
    if (rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))) return path.join(real, rel);
  }
  return p;
}

/** Whether the type checker should be told a folder exists: a virtual package, or a folder on the way to one. */
export function isVirtualDir(p: string): boolean {
  if (forwardPath(p) !== p) return true;
  for (const fake of virtual.keys()) if (fake.startsWith(p + path.sep)) return true;
  return false;
}

/** For a failed `require(id)` of actigrad (or a file in it), the lib's path to load instead. */
export function resolveFallback(id: string, e: unknown): string | undefined {
  const real = virtual.get(path.join(NODE_MODULES, "actigrad"));
  if (!real || (e as NodeJS.ErrnoException)?.code !== "MODULE_NOT_FOUND") return undefined;
  if (id !== "actigrad" && !id.startsWith("actigrad/")) return undefined;
  return path.join(real, id.slice("actigrad".length));
}

/** The names of virtual folders directly inside `p` (`@types` in `node_modules`, `node` in `node_modules/@types`). */
export function virtualChildren(p: string): string[] {
  const names = new Set<string>();
  for (const fake of virtual.keys()) {
    const rel = path.relative(p, fake);
    if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) names.add(rel.split(path.sep)[0]);
  }
  return [...names];
}
