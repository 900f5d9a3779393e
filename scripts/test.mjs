#!/usr/bin/env node
// Every test, in order of cost: the formatter, vitest unit tests, notebooks and the kernel through the real Jupyter
// protocol (pytest + nbclient + nbconvert), then JupyterLab in Debian's Chromium. Stops at the first failure.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(ROOT, ".venv", "bin");
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
const suites = [
  [
    "format (prettier --check; npm run format fixes it)",
    path.join(ROOT, "node_modules/.bin/prettier"),
    ["--check", "--log-level", "warn", "."],
  ],
  ["unit (vitest)", path.join(ROOT, "node_modules/.bin/vitest"), ["run", "--project", "unit"]],
  [
    "kernel and notebooks (pytest, nbclient, nbconvert)",
    path.join(bin, "python"),
    ["-m", "pytest", "-q", "test/python"],
  ],
  [
    "JupyterLab in Chromium (vitest, playwright-core)",
    path.join(ROOT, "node_modules/.bin/vitest"),
    ["run", "--project", "browser"],
  ],
];
for (const [name, cmd, args] of suites) {
  const t = Date.now();
  console.log(`\n[test] ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, env });
  console.log(`[test] ${name}: ${r.status === 0 ? "passed" : "FAILED"} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
