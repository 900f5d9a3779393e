// One SGD step (forward, backward, update) of a 2-64-64-1 tanh MLP with MSE on a batch of 4096, in actigrad
// (float64) and in its peers (float32): @tensorflow/tfjs on its cpu and wasm backends and @jax-js/jax (jit, wasm).
// Every case starts from the same weights and must reach the same loss after one step. Cases run interleaved
// in one process. Run: node bench/mlp.bench.mjs [rounds]
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const A = require("../lib/dist/index.js");

const N = 4096;
const SIZES = [2, 64, 64, 1];
const LR = 0.05;

/** The shared problem: inputs, targets and initial weights (Glorot, seed 1), in float64. */
export function problem() {
  const rng = new A.Rng(7);
  const x = new Float64Array(N * 2), y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[2 * i] = rng.uniform(-2, 2);
    x[2 * i + 1] = rng.uniform(-2, 2);
    y[i] = Math.sin(x[2 * i]) * Math.cos(x[2 * i + 1]);
  }
  const model = A.mlp(SIZES, { activation: "tanh", seed: 1 });
  // order: W1, b1, W2, b2, W3, b3 (W row-major inputs×units)
  return { x, y, weights: model.getWeights(), shapes: [[2, 64], [64], [64, 64], [64], [64, 1], [1]] };
}

/** actigrad, float64: preallocated buffers, nothing allocated per step. */
export function actigradCase(p) {
  const model = A.mlp(SIZES, { activation: "tanh", seed: 1 }).setWeights(p.weights);
  const opt = A.optimizer("sgd", { lr: LR });
  const params = model.params();
  const batch = { x: A.tensor(N, 2, p.x), y: A.tensor(N, 1, p.y) };
  return {
    name: "actigrad (JS, float64)",
    step() {
      model.lossAndGradRaw(batch.x.data, batch.y.data, N, 1, "mse", 0);
      opt.step(params);
    },
    loss: () => model.evaluate(batch, "mse"),
  };
}

/** @tensorflow/tfjs on `backend` ("cpu" or "wasm"), float32, optimizer.minimize. */
export async function tfjsCase(p, backend) {
  const tf = require("@tensorflow/tfjs");
  require("@tensorflow/tfjs-backend-wasm");
  await tf.setBackend(backend);
  await tf.ready();
  const vars = p.weights.map((w, i) => tf.variable(tf.tensor(Float32Array.from(w), p.shapes[i])));
  const X = tf.tensor2d(Float32Array.from(p.x), [N, 2]);
  const Y = tf.tensor2d(Float32Array.from(p.y), [N, 1]);
  const opt = tf.train.sgd(LR);
  const [W1, b1, W2, b2, W3, b3] = vars;
  const lossFn = () => {
    const h1 = tf.tanh(tf.add(tf.matMul(X, W1), b1));
    const h2 = tf.tanh(tf.add(tf.matMul(h1, W2), b2));
    const out = tf.add(tf.matMul(h2, W3), b3);
    return tf.mean(tf.square(tf.sub(out, Y)));
  };
  return {
    name: `tfjs ${backend} (float32)`,
    async before() {
      if (tf.getBackend() !== backend) await tf.setBackend(backend);
    },
    step() {
      const l = opt.minimize(lossFn, true);
      l.dataSync();
      l.dispose();
    },
    loss: () => tf.tidy(() => lossFn().dataSync()[0]),
  };
}

/** @jax-js/jax 0.1.25, jit(valueAndGrad) on the wasm device, float32. */
export async function jaxCase(p) {
  const { numpy: np, jit, valueAndGrad, init, defaultDevice, tree } = await import("@jax-js/jax");
  await init("wasm");
  defaultDevice("wasm");
  const arr = (w, shape) => np.array(Float32Array.from(w)).reshape(shape);
  let params = { W1: arr(p.weights[0], [2, 64]), b1: arr(p.weights[1], [64]), W2: arr(p.weights[2], [64, 64]), b2: arr(p.weights[3], [64]), W3: arr(p.weights[4], [64, 1]), b3: arr(p.weights[5], [1]) };
  const X = arr(p.x, [N, 2]);
  const Y = arr(p.y, [N, 1]);
  const loss = (q, x, y) => {
    const h1 = np.tanh(np.matmul(x, q.W1).add(q.b1));
    const h2 = np.tanh(np.matmul(h1, q.W2).add(q.b2));
    const out = np.matmul(h2, q.W3).add(q.b3);
    return np.mean(np.square(out.sub(y)));
  };
  const step = jit((q, x, y) => {
    const [l, g] = valueAndGrad(loss)(tree.ref(q), x, y);
    return [l, tree.map((a, b) => a.sub(b.mul(LR)), q, g)];
  });
  const lossOnly = jit(loss);
  return {
    name: "jax-js jit wasm (float32)",
    async step() {
      const [l, next] = step(params, X.ref, Y.ref);
      await l.data();
      await tree.map((a) => a.blockUntilReady(), next);
      params = next;
    },
    async loss() {
      const l = lossOnly(tree.ref(params), X.ref, Y.ref);
      return (await l.data())[0];
    },
  };
}

/** Every case, built on the same problem. */
export async function cases() {
  const p = problem();
  return [actigradCase(p), await tfjsCase(p, "cpu"), await tfjsCase(p, "wasm"), await jaxCase(p)];
}

/**
 * Checks that every case reaches actigrad's loss after one step (float32 peers: 1e-4 relative), then times
 * `rounds` rounds; each round runs every case for `perRound` steps, in rotating order.
 */
export async function run(rounds = 12, perRound = 3) {
  const all = await cases();
  const before = [];
  for (const c of all) {
    await c.before?.();
    before.push(await c.loss());
    await c.step();
  }
  const after = [];
  for (const c of all) {
    await c.before?.();
    after.push(await c.loss());
  }
  for (let i = 1; i < all.length; i++) {
    const rel = Math.abs(after[i] - after[0]) / after[0];
    if (!(rel < 1e-4)) throw new Error(`${all[i].name}: loss after one step ${after[i]} ≠ actigrad's ${after[0]} (relative ${rel})`);
  }
  const times = all.map(() => []);
  for (let r = 0; r < rounds + 2; r++) {
    for (let k = 0; k < all.length; k++) {
      const i = (k + r) % all.length;
      const c = all[i];
      await c.before?.();
      const t0 = performance.now();
      for (let s = 0; s < perRound; s++) await c.step();
      if (r >= 2) times[i].push((performance.now() - t0) / perRound); // two warm-up rounds
    }
  }
  const median = (a) => [...a].sort((u, v) => u - v)[a.length >> 1];
  return all.map((c, i) => ({ name: c.name, ms: median(times[i]), min: Math.min(...times[i]), lossBefore: before[i], lossAfter: after[i] }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run(Number(process.argv[2] ?? 12));
  const ours = rows[0].ms;
  console.log(`one SGD step, 2-64-64-1 tanh MLP, MSE, batch ${N} — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log("| case | median ms/step | min | vs actigrad | loss before → after one step |\n| --- | --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.min.toFixed(1)} | ${(r.ms / ours).toFixed(2)}× | ${r.lossBefore.toPrecision(7)} → ${r.lossAfter.toPrecision(7)} |`);
  }
}
