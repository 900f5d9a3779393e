#!/usr/bin/env node
// The "TypeScript (actigrad)" kernel: tslab's TypeScript converter, with this package's own executor and Jupyter
// server (one message per MIME bundle, rich last expressions, throttled live updates, real error reports).
import { inspect } from "node:util";
import { runtimeError } from "./errors";
import { Executor } from "./executor";
import type { DisplayOptions, MimeBundle } from "./outputs";
import { Server } from "./server";
import { onTslabDisplay } from "./tslab";

const i = process.argv.indexOf("--config-path");
if (i < 0 || !process.argv[i + 1]) {
  console.error("usage: node kernel/dist/main.js --config-path <connection file>");
  process.exit(2);
}

const log = process.stderr.write.bind(process.stderr);
const executor = new Executor(process.cwd());
const server = Server.fromFile(process.argv[i + 1], executor);
const { outputs } = server;

// lib's display functions find the kernel here (lib never imports the kernel; see lib/src/display.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for("actigrad.kernel")] = {
  display: (bundle: MimeBundle | (() => MimeBundle), options?: DisplayOptions) => outputs.display(bundle, options),
};
// tslab's own display API (`import * as tslab from "tslab"`) keeps working through the same outputs.
onTslabDisplay((msg, update) =>
  outputs.display(msg.data as MimeBundle, { displayId: msg.transient?.display_id, update }),
);

// What cells print goes to the notebook, batched; the kernel's own logs keep the real stderr (see server.ts).
for (const name of ["stdout", "stderr"] as const) {
  process[name].write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: () => void) => {
    outputs.write(name, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as typeof process.stdout.write;
}

// Jupyter's default interrupt_mode is "signal": SIGINT stops a synchronous cell through vm's breakOnSigint, and
// this handler (which also keeps Node from exiting) stops an awaiting one.
process.on("SIGINT", () => server.interrupt());
// Errors thrown later by a cell's callbacks or promises are reported where the user looks, with cell lines.
const late = (kind: string) => (e: unknown) => {
  const { traceback } = runtimeError(e, executor.cells);
  outputs.write("stderr", `${kind}: ${traceback.join("\n")}\n`);
};
process.on("uncaughtException", late("Uncaught exception"));
process.on("unhandledRejection", late("Unhandled promise rejection"));

server.start().catch((e) => {
  log(`actigrad kernel: cannot start: ${inspect(e)}\n`);
  process.exit(1);
});
