// What every bench file receives: the library, deterministic inputs, and the peer libraries, set up once.
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** Uniform numbers in [lo, hi) from a fixed seed (mulberry32), as a Float64Array. */
export function uniform(n, lo = -8, hi = 8, seed = 1) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

let tfPromise, jaxPromise;

/**
 * @tensorflow/tfjs with its cpu and wasm backends registered (the .wasm files ship in its npm package).
 * NB: tf.setBackend switches a global; variants call ctx.tfBackend(name) in their untimed `prepare`.
 */
async function tfjs() {
  tfPromise ??= (async () => {
    const tf = require("@tensorflow/tfjs");
    const wasm = require("@tensorflow/tfjs-backend-wasm");
    wasm.setWasmPaths(join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist") + "/");
    for (const b of ["cpu", "wasm"])
      if (!(await tf.setBackend(b))) throw new Error(`tfjs backend ${b} failed to start`);
    return tf;
  })();
  return tfPromise;
}

/** @jax-js/jax on its wasm device (a bare init() fails under Node 20). */
async function jax() {
  jaxPromise ??= (async () => {
    // NB: jax-js 0.1.25 tests `data instanceof Float16Array`, which Node 20 lacks: np.array(Float64Array)
    // throws a ReferenceError. An empty stand-in lets it take its float64 path; nothing else uses it.
    globalThis.Float16Array ??= class Float16Array {};
    const jx = await import("@jax-js/jax");
    await jx.init("wasm");
    return jx;
  })();
  return jaxPromise;
}

export async function context() {
  return {
    /** lib/dist, built by `npm run bench`'s setup step: the root and the subpaths the cases use, as one object. */
    actigrad: Object.assign(
      {},
      ...["index", "nn/index", "autodiff/index", "kernels/index"].map((entry) =>
        require(join(ROOT, `lib/dist/${entry}.js`)),
      ),
    ),
    uniform,
    tfjs,
    jax,
    async tfBackend(name) {
      const tf = await tfjs();
      if (tf.getBackend() !== name) await tf.setBackend(name);
      return tf;
    },
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`,
    async close() {},
  };
}
