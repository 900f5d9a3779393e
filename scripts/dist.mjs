#!/usr/bin/env node
// `npm run dist`: builds dist/actigrad-<version>-py3-none-any.whl (renderer, exporter and kernel in one pip install)
// and dist/actigrad-<version>.tgz (`npm pack` of lib). The version comes from lib/package.json alone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const STAGE = path.join(ROOT, "build", "wheel");
const DIST = path.join(ROOT, "dist");
const PY = path.join(ROOT, ".venv", "bin", "python");
const KERNEL_MODULES = path.join(ROOT, "kernel", "node_modules");
const t0 = Date.now();

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts });
  if (r.status !== 0)
    throw new Error(`[dist] failed (${r.error ? r.error.message : `exit ${r.status}`}): ${cmd} ${args.join(" ")}`);
}

const copy = (from, to, filter) => fs.cpSync(path.join(ROOT, from), path.join(STAGE, to), { recursive: true, filter });

/** The kernel's run-time packages: the dependency closure of what kernel/dist requires, not tslab's bundler deps. */
function runtimePackages() {
  const roots = ["tslab", "@tslab/typescript-for-tslab", "zeromq", "semver", "@types/node"];
  const seen = new Set();
  const visit = (name, followDeps) => {
    if (seen.has(name)) return;
    seen.add(name);
    if (!followDeps) return;
    const pkg = JSON.parse(fs.readFileSync(path.join(KERNEL_MODULES, name, "package.json"), "utf8"));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, true);
  };
  // NB: tslab itself is needed (converter, metadata, inspect, the display module), its rollup/commander deps are not.
  for (const r of roots) visit(r, r !== "tslab");
  return [...seen].filter((n) => n !== "node-addon-api"); // headers for building zeromq, not for loading it
}

/** Files of a package that the kernel never loads: other compilers, the language server, translations. */
function keep(src) {
  const rel = path.relative(KERNEL_MODULES, src).split(path.sep).join("/");
  if (
    /^@tslab\/typescript-for-tslab\/lib\/(tsc|tsserver|tsserverlibrary|typingsInstaller|watchGuard|cancellationToken)\.js$/.test(
      rel,
    )
  )
    return false;
  if (/^@tslab\/typescript-for-tslab\/lib\/(tsserverlibrary|typescript|protocol)\.d\.ts$/.test(rel)) return false;
  if (/^@tslab\/typescript-for-tslab\/lib\/[a-z]{2}(-[a-z]{2})?$/i.test(rel)) return false; // locale folders
  if (/^zeromq\/(src|script)(\/|$)/.test(rel)) return false;
  return true;
}

function main() {
  run("node", [path.join(ROOT, "scripts", "setup.mjs")]);
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "lib", "package.json"), "utf8")).version;
  fs.rmSync(STAGE, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });

  copy("packaging/wheel", ".");
  fs.writeFileSync(path.join(STAGE, "actigrad", "_version.py"), `__version__ = "${version}"\n`);
  fs.copyFileSync(path.join(ROOT, "README.md"), path.join(STAGE, "README.md"));
  copy(
    "extension/actigrad_renderer",
    "actigrad_renderer",
    (src) => !/labextension|__pycache__/.test(path.relative(ROOT, src)),
  );
  copy("extension/actigrad_renderer/labextension", "labextension");
  copy("kernel/kernelspec", "kernelspec");
  const spec = {
    argv: ["python", "-m", "actigrad", "-f", "{connection_file}"],
    display_name: "TypeScript (actigrad)",
    language: "typescript",
    metadata: { debugger: false },
  };
  fs.writeFileSync(path.join(STAGE, "kernelspec", "kernel.json"), JSON.stringify(spec, null, 2) + "\n");

  // The kernel: kernel/dist beside lib, as in the repository, so kernel/src/resolve.ts finds the lib the same way.
  copy("kernel/dist", "actigrad/kernel/kernel/dist", (src) => !src.endsWith(".map") && !src.endsWith(".d.ts"));
  copy("kernel/package.json", "actigrad/kernel/kernel/package.json");
  for (const name of runtimePackages())
    copy(`kernel/node_modules/${name}`, `actigrad/kernel/kernel/node_modules/${name}`, keep);
  // lib as npm would ship it: package.json's `files` (dist, schema and every subpath stub), so a new subpath is never missed.
  const libFiles = new Set(
    JSON.parse(fs.readFileSync(path.join(ROOT, "lib/package.json"), "utf8")).files.map((f) => f.split("/")[0]),
  );
  for (const f of ["package.json", ...[...libFiles].filter((f) => f !== "README.md")])
    copy(`lib/${f}`, `actigrad/kernel/lib/${f}`);

  for (const f of fs.readdirSync(DIST)) if (/^actigrad-.*\.(whl|tgz)$/.test(f)) fs.rmSync(path.join(DIST, f));
  run(PY, [
    "-m",
    "pip",
    "wheel",
    "--disable-pip-version-check",
    "-q",
    "--no-deps",
    "--no-build-isolation",
    "-w",
    DIST,
    STAGE,
  ]);
  run("npm", ["pack", "--silent", "--pack-destination", DIST], {
    cwd: path.join(ROOT, "lib"),
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const f of fs.readdirSync(DIST)) {
    console.log(`[dist] ${path.join("dist", f)}  ${(fs.statSync(path.join(DIST, f)).size / 1e6).toFixed(1)} MB`);
  }
  console.log(`[dist] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
