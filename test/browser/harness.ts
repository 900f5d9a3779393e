// A real JupyterLab server on a free localhost port and Debian's Chromium, for the browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
export const ARTIFACTS = path.join(ROOT, "test", "artifacts");

export interface Lab {
  url: string;
  token: string;
  root: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Starts `jupyter lab` from the project's venv on a temporary root folder holding copies of `notebooks`.
 * NB: the folder links the repo's node_modules so that tslab resolves `import … from "actigrad"` as it does in notebooks/.
 */
export async function startLab(notebooks: string[]): Promise<Lab> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "actigrad-lab-"));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "actigrad-home-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  for (const nb of notebooks) fs.copyFileSync(path.join(ROOT, "notebooks", nb), path.join(root, nb));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const bin = path.join(ROOT, ".venv", "bin");
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: path.join(home, "settings"),
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"),
  };
  // NB: no news or update checks: their popup covers outputs, and the closed network refuses them anyway.
  const notification = path.join(env.JUPYTERLAB_SETTINGS_DIR, "@jupyterlab", "apputils-extension");
  fs.mkdirSync(notification, { recursive: true });
  fs.writeFileSync(
    path.join(notification, "notification.jupyterlab-settings"),
    JSON.stringify({ fetchNews: "false", checkForUpdates: false }),
  );
  const log = fs.openSync(path.join(home, "lab.log"), "w");
  const proc: ChildProcess = spawn(
    path.join(bin, "jupyter"),
    [
      "lab",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      "--ServerApp.port_retries=0",
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${root}`,
      "--ServerApp.open_browser=False",
      "--LabApp.expose_app_in_browser=True",
      ...(process.getuid?.() === 0 ? ["--ServerApp.allow_root=True"] : []),
    ],
    { env, stdio: ["ignore", log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(
        `jupyter lab exited with ${proc.exitCode}:\n${fs.readFileSync(path.join(home, "lab.log"), "utf8")}`,
      );
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("jupyter lab did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    token,
    root,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Writes a notebook for the actigrad kernel into the Lab's root folder, one code cell per source. */
export function writeNotebook(lab: Lab, name: string, sources: string[]): void {
  const cells = sources.map((source) => ({
    cell_type: "code",
    execution_count: null,
    metadata: {},
    outputs: [],
    source,
  }));
  const metadata = {
    kernelspec: { display_name: "TypeScript (actigrad)", language: "typescript", name: "actigrad" },
    language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
  };
  fs.writeFileSync(
    path.join(lab.root, name),
    JSON.stringify({ cells, metadata, nbformat: 4, nbformat_minor: 5 }, null, 1),
  );
}

/** Debian's Chromium, headless, with the flags this closed network needs and a fresh profile. Never a downloaded browser. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "actigrad-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a notebook in Lab and waits until its kernel is connected and idle. */
export async function openNotebook(page: Page, lab: Lab, name: string): Promise<void> {
  await page.goto(`${lab.url}/lab/tree/${name}?token=${lab.token}`);
  await page.waitForSelector(".jp-NotebookPanel .jp-Cell", { timeout: 60_000 });
  // NB: only the session's kernel counts: the toolbar's [data-status='idle'] shows before the kernel exists,
  // and run-all-cells issued then never resolves. Under load the kernel can report "idle" before its
  // websocket is connected, and Lab drops a run-all sent then, so both must hold, twice 200 ms apart.
  const ready = () => {
    const ctx = (window as any).jupyterapp?.shell?.currentWidget?.sessionContext;
    const kernel = ctx?.session?.kernel;
    return !!kernel && !ctx.isDisposed && kernel.connectionStatus === "connected" && kernel.status === "idle";
  };
  await page.waitForFunction(ready, undefined, { timeout: 90_000 });
  await page.waitForTimeout(200);
  await page.waitForFunction(ready, undefined, { timeout: 30_000 });
}

/** Runs every cell through Lab's own command and waits for the kernel to finish. */
export async function runAllCells(page: Page): Promise<void> {
  await page.evaluate(() => (window as any).jupyterapp.commands.execute("notebook:run-all-cells"));
  await page.waitForFunction(
    () => {
      const cells = Array.from(document.querySelectorAll(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt"));
      return cells.length > 0 && cells.every((c) => /\[\d+\]/.test(c.textContent ?? ""));
    },
    undefined,
    { timeout: 120_000 },
  );
}

/** In the page: every text plotly drew in one figure (titles, ticks, legend, annotations), as Chromium laid it out,
 *  and what collides: two boxes that share more than 1 px each way, or a box that leaves the figure. */
export function textClashes(plot: Element) {
  const frame = plot.querySelector(".main-svg")!.getBoundingClientRect();
  const sel =
    ".gtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text, .legendtext, .annotation-text, .scatterlayer text";
  const boxes = Array.from(plot.querySelectorAll(sel))
    .filter((t) => (t.textContent ?? "").trim() && getComputedStyle(t).visibility !== "hidden")
    .map((t) => ({ t: (t.textContent ?? "").trim(), r: t.getBoundingClientRect() }))
    .filter((b) => b.r.width > 0 && b.r.height > 0);
  const out: string[] = [];
  boxes.forEach((a, i) => {
    if (
      a.r.left < frame.left - 1 ||
      a.r.right > frame.right + 1 ||
      a.r.top < frame.top - 1 ||
      a.r.bottom > frame.bottom + 1
    )
      out.push(`"${a.t}" leaves the figure`);
    for (const b of boxes.slice(i + 1)) {
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (dx > 1 && dy > 1) out.push(`"${a.t}" × "${b.t}" (${dx.toFixed(1)}×${dy.toFixed(1)} px)`);
    }
  });
  return { n: boxes.length, out };
}
