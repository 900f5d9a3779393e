#!/usr/bin/env node
// Starts JupyterLab from the project's venv on localhost, rooted at notebooks/ with the tour open.
// Extra arguments go to `jupyter lab`, e.g. `npm start -- --port 9999`.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(ROOT, ".venv", "bin");
const args = [
  "lab",
  "--ServerApp.ip=127.0.0.1",
  `--ServerApp.root_dir=${path.join(ROOT, "notebooks")}`,
  "--LabApp.default_url=/lab/tree/00-tour.ipynb",
  "--ServerApp.open_browser=False",
  // NB: CI machines run as root, which Jupyter refuses without this.
  ...(process.getuid?.() === 0 ? ["--ServerApp.allow_root=True"] : []),
  ...process.argv.slice(2),
];
console.log("[start] JupyterLab is starting; open the http://127.0.0.1:…/lab?token=… URL it prints below.");
const lab = spawn(path.join(bin, "jupyter"), args, {
  stdio: "inherit",
  env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => lab.kill(sig));
lab.on("exit", (code) => process.exit(code ?? 0));
