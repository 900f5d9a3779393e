#!/usr/bin/env node
// Bootstraps everything `npm start` and `npm test` need on a fresh machine, using only Node's built-ins
// (it runs before node_modules exists). Each step records a hash of its inputs under .cache/stamps and is
// skipped when they are unchanged, so a second run takes seconds.
//
//   node scripts/setup.mjs             npm ci, Python venv, builds, labextension, kernelspec
//   node scripts/setup.mjs --test      the same, plus Debian's chromium for the browser tests
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VENV = path.join(ROOT, ".venv");
const STAMPS = path.join(ROOT, ".cache", "stamps");
const PY = path.join(VENV, "bin", "python");
const forTests = process.argv.includes("--test");
const t0 = Date.now();

function log(msg) {
  console.log(`[setup] ${msg}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts, env: { ...process.env, ...opts.env } });
  if (r.status !== 0) {
    throw new Error(`[setup] failed (${r.error ? r.error.message : `exit ${r.status}`}): ${cmd} ${args.join(" ")}`);
  }
}

/** Hash of files and folders (recursively, skipping build output) plus extra strings. */
function hashInputs(inputs, extra = []) {
  const h = createHash("sha256");
  const visit = (p) => {
    if (!fs.existsSync(p)) return h.update(`missing:${p}`);
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (!["node_modules", "lib", "dist", "labextension", "__pycache__", ".ipynb_checkpoints"].includes(name))
          visit(path.join(p, name));
      }
    } else {
      h.update(p).update(fs.readFileSync(p));
    }
  };
  for (const i of inputs) visit(path.join(ROOT, i));
  for (const e of extra) h.update(e);
  return h.digest("hex");
}

/** Runs `fn` unless the inputs' hash matches the last successful run and every output exists. */
function step(name, { inputs, extra = [], outputs = [] }, fn) {
  const stampFile = path.join(STAMPS, name);
  const hash = hashInputs(inputs, [ROOT, ...extra]);
  const have = fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash;
  if (have && outputs.every((o) => fs.existsSync(path.join(ROOT, o)))) return;
  const t = Date.now();
  log(`${name} …`);
  fn();
  fs.mkdirSync(STAMPS, { recursive: true });
  fs.writeFileSync(stampFile, hash);
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

function ensureChromium() {
  if (fs.existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() !== 0) {
    throw new Error("[setup] the browser tests need Debian's chromium: run `apt-get install -y chromium` as root");
  }
  log("installing Debian's chromium with apt …");
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    env: { DEBIAN_FRONTEND: "noninteractive" },
  });
}

function main() {
  if (forTests) ensureChromium();

  step(
    "npm-ci",
    {
      inputs: ["package-lock.json", "package.json", "lib/package.json", "extension/package.json"],
      outputs: ["node_modules/.package-lock.json"],
    },
    () => run("npm", ["ci", "--no-audit", "--no-fund"]),
  );
  // NB: tslab lives in its own install so its TypeScript 5.0 fork never becomes node_modules/.bin/tsc.
  step(
    "kernel-npm-ci",
    {
      inputs: ["kernel/package-lock.json", "kernel/package.json"],
      outputs: ["kernel/node_modules/tslab/package.json"],
    },
    () => run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: path.join(ROOT, "kernel") }),
  );
  step("venv", { inputs: ["requirements.txt"], outputs: [".venv/bin/jupyter-lab"] }, () => {
    if (!fs.existsSync(PY)) run("python3", ["-m", "venv", VENV]);
    run(PY, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q", "-r", "requirements.txt"]);
  });

  // tsc -b is incremental: cheap when nothing changed.
  run(path.join(ROOT, "node_modules", ".bin", "tsc"), ["-b", "lib", "kernel", "extension"]);

  step(
    "labextension",
    {
      inputs: ["extension/src", "extension/style", "extension/package.json", "lib/src", "package-lock.json"],
      outputs: ["extension/actigrad_renderer/labextension/package.json"],
    },
    () => {
      const core = spawnSync(
        PY,
        ["-c", "import jupyterlab, os; print(os.path.join(os.path.dirname(jupyterlab.__file__), 'staging'))"],
        { encoding: "utf8" },
      ).stdout.trim();
      run(
        "node",
        [path.join(ROOT, "node_modules/@jupyterlab/builder/lib/build-labextension.js"), "--core-path", core, "."],
        { cwd: path.join(ROOT, "extension"), stdio: ["ignore", "ignore", "inherit"] },
      );
    },
  );
  step(
    "extension-pip",
    {
      inputs: ["extension/actigrad_renderer", "extension/pyproject.toml", "extension/actigrad_renderer/labextension"],
      outputs: [".venv/share/jupyter/labextensions/@actigrad/jupyterlab-renderer/package.json"],
    },
    () =>
      run(PY, [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-q",
        "--no-build-isolation",
        "--no-deps",
        "--force-reinstall",
        "./extension",
      ]),
  );

  const spec = {
    argv: [process.execPath, path.join(ROOT, "kernel", "dist", "main.js"), "--config-path", "{connection_file}"],
    display_name: "TypeScript (actigrad)",
    language: "typescript",
    metadata: { debugger: false },
  };
  step(
    "kernelspec",
    {
      inputs: ["kernel/kernelspec"],
      extra: [JSON.stringify(spec)],
      outputs: [".venv/share/jupyter/kernels/actigrad/kernel.json"],
    },
    () => {
      const dir = fs.mkdtempSync(path.join(ROOT, ".cache", "kernelspec-"));
      const ks = path.join(dir, "actigrad");
      fs.cpSync(path.join(ROOT, "kernel", "kernelspec"), ks, { recursive: true });
      fs.writeFileSync(path.join(ks, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
      run(path.join(VENV, "bin", "jupyter"), ["kernelspec", "install", "--sys-prefix", "--name", "actigrad", ks], {
        stdio: ["ignore", "ignore", "inherit"],
      });
      fs.rmSync(dir, { recursive: true });
    },
  );
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
