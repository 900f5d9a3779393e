import { startKernel } from "tslab/dist/main";
import * as jupyter from "tslab/dist/jupyter";

/** Mirrors lib's `KernelHook`; kept structural so neither package imports the other. */
interface DisplayOptions {
  displayId?: string;
  update?: boolean;
}

// NB: lastWriteDisplayData is tslab's per-execution writer; it sends a whole MIME bundle in one message.
(globalThis as Record<symbol, unknown>)[Symbol.for("actigrad.kernel")] = {
  display(bundle: Record<string, unknown>, options: DisplayOptions = {}) {
    const write = jupyter.lastWriteDisplayData;
    if (!write) throw new Error("actigrad kernel: display called outside of a cell execution");
    // NB: tslab types data as strings, but the wire format is JSON and nbformat allows JSON for application/*+json.
    write({ data: bundle as never, metadata: {}, transient: options.displayId ? { display_id: options.displayId } : {} }, !!options.update);
  },
};

const i = process.argv.indexOf("--config-path");
if (i < 0 || !process.argv[i + 1]) {
  console.error("usage: node kernel/dist/main.js --config-path <connection file>");
  process.exit(2);
}
startKernel({ configPath: process.argv[i + 1], enableFindLocal: false, jsKernel: false });
