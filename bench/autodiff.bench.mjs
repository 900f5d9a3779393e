// Scalar reverse-mode autodiff against the tensor code on the 3-2-1 sigmoid network of the worked example:
// J = ½ Σ (y − h)² over 1000 samples, forward + backward, same weights, same gradient (checked to 1e-12).
// For scale, a micrograd-style graph (one closure per node, DFS topological sort) of the same net.
// Run: node bench/autodiff.bench.mjs [rounds]
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const A = require("../lib/dist/index.js");
const SAMPLES = 1000;

/** micrograd's engine.py, transliterated: a closure per node and a recursive topological sort. */
class MicroValue {
  constructor(data, children = []) {
    this.data = data;
    this.grad = 0;
    this._prev = children;
    this._backward = () => {};
  }
  add(o) {
    o = o instanceof MicroValue ? o : new MicroValue(o);
    const out = new MicroValue(this.data + o.data, [this, o]);
    out._backward = () => ((this.grad += out.grad), (o.grad += out.grad));
    return out;
  }
  mul(o) {
    o = o instanceof MicroValue ? o : new MicroValue(o);
    const out = new MicroValue(this.data * o.data, [this, o]);
    out._backward = () => ((this.grad += o.data * out.grad), (o.grad += this.data * out.grad));
    return out;
  }
  pow(k) {
    const out = new MicroValue(this.data ** k, [this]);
    out._backward = () => (this.grad += k * this.data ** (k - 1) * out.grad);
    return out;
  }
  sigmoid() {
    const s = 1 / (1 + Math.exp(-this.data));
    const out = new MicroValue(s, [this]);
    out._backward = () => (this.grad += s * (1 - s) * out.grad);
    return out;
  }
  backward() {
    const topo = [], seen = new Set();
    const build = (v) => {
      if (!seen.has(v)) {
        seen.add(v);
        for (const c of v._prev) build(c);
        topo.push(v);
      }
    };
    build(this);
    this.grad = 1;
    for (let i = topo.length - 1; i >= 0; i--) topo[i]._backward();
  }
}

export function cases() {
  const data = A.net321Data({ n: SAMPLES, seed: 1 });
  const net = A.net321(3);
  const model = A.net321Model(net.weights());
  const w = net.weights();
  const micro = Object.fromEntries(Object.entries(w).map(([k, v]) => [k, new MicroValue(v)]));
  const microLoss = () => {
    let total = new MicroValue(0);
    for (let i = 0; i < SAMPLES; i++) {
      const [x1, x2, x3] = [0, 1, 2].map((j) => data.x.data[3 * i + j]);
      const p = micro.w14.mul(x1).add(micro.w24.mul(x2)).add(micro.w34.mul(x3)).add(micro.b4);
      const r = micro.w15.mul(x1).add(micro.w25.mul(x2)).add(micro.w35.mul(x3)).add(micro.b5);
      const h = micro.w46.mul(p.sigmoid()).add(micro.w56.mul(r.sigmoid())).add(micro.b6).sigmoid();
      total = total.add(h.mul(-1).add(data.y.data[i]).pow(2));
    }
    return total.mul(0.5);
  };
  return [
    {
      name: "tensor (mlp 3→2→1, lossAndGrad)",
      step: () => model.lossAndGradRaw(data.x.data, data.y.data, SAMPLES, 1, "sse", 0),
      grad: () => model.scalar("w14").param.grad[0],
    },
    {
      name: "scalar Value (tape), net321().loss + backward",
      step: () => {
        const J = net.loss(data);
        net.zeroGrad();
        J.backward();
      },
      grad: () => net.params.w14.grad,
    },
    {
      name: "micrograd-style closures (reference)",
      step: () => {
        const J = microLoss();
        for (const v of Object.values(micro)) v.grad = 0;
        J.backward();
      },
      grad: () => micro.w14.grad,
    },
  ];
}

export function run(rounds = 15) {
  const all = cases();
  for (const c of all.slice(0, 2)) c.step();
  all[2].step();
  const g0 = all[0].grad();
  for (const c of all.slice(1)) {
    const rel = Math.abs(c.grad() - g0) / Math.abs(g0);
    if (!(rel < 1e-12)) throw new Error(`${c.name}: ∂J/∂w14 = ${c.grad()} ≠ ${g0} (relative ${rel})`);
  }
  // NB: the tensor and tape cases run interleaved; the micrograd reference runs after them, on its own,
  // because its garbage (a closure per node) slows every later collection and would skew the comparison.
  const reps = [200, 20, 5];
  const times = all.map(() => []);
  const timeCase = (i) => {
    const t0 = performance.now();
    for (let s = 0; s < reps[i]; s++) all[i].step();
    return (performance.now() - t0) / reps[i];
  };
  for (let r = 0; r < rounds + 2; r++) {
    for (const i of r % 2 ? [0, 1] : [1, 0]) {
      const t = timeCase(i);
      if (r >= 2) times[i].push(t);
    }
  }
  for (let r = 0; r < Math.ceil(rounds / 3) + 1; r++) {
    const t = timeCase(2);
    if (r >= 1) times[2].push(t);
  }
  const median = (a) => [...a].sort((u, v) => u - v)[a.length >> 1];
  return all.map((c, i) => ({ name: c.name, ms: median(times[i]) }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = run(Number(process.argv[2] ?? 15));
  console.log(`3-2-1 sigmoid net, J over ${SAMPLES} samples, forward + backward — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log("| case | median ms | × tensor |\n| --- | --- | --- |");
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(3)} | ${(r.ms / rows[0].ms).toFixed(1)}× |`);
}
