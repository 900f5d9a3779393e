// Scalar reverse-mode autodiff against the tensor code on the 3-2-1 sigmoid network of the worked example:
// J = ½ Σ (y − h)² over 1000 samples, forward + backward, same weights, same ∂J/∂w14 (checked to 1e-12).
// The scalar graph as net321() builds it (p, r, q as dot nodes: 12 nodes a sample) and with explicit products
// (w14·x1 + … as mul and sum nodes: 21 a sample); for scale, a micrograd-style graph (a closure per node,
// recursive topological sort) in a case of its own. Run: npm run bench -- autodiff --budget 50
// (NB: a 50 ms budget per sample averages the garbage collections in, which a 2 ms sample may or may not catch;
// with 2 ms samples the scalar variants' collections also land in the tensor's samples of the first case and lift its
// median, so compare with the tensor median of the second case too.)
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
    const topo = [],
      seen = new Set();
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

export default async function cases(ctx) {
  const A = ctx.actigrad;
  const data = A.net321Data({ n: SAMPLES, seed: 1 });
  const net = A.net321(3);
  const model = A.net321Model(net.weights());
  const micro = Object.fromEntries(Object.entries(net.weights()).map(([k, v]) => [k, new MicroValue(v)]));
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
  const tensor = () => model.lossAndGradRaw(data.x.data, data.y.data, SAMPLES, 1, "sse", 0);
  tensor();
  const g = model.scalar("w14").param.grad[0];
  /** Every variant must give the tensor code's ∂J/∂w14 to 1e-12. */
  const same = (name, got) => {
    if (!(Math.abs(got - g) <= 1e-12 * Math.abs(g))) throw new Error(`${name}: ∂J/∂w14 = ${got}, tensor code ${g}`);
  };
  const scalar = () => {
    const J = net.loss(data);
    net.zeroGrad();
    J.backward();
  };
  // The same net with explicit products: w14·x1 + w24·x2 + … as mul and sum nodes (21 nodes a sample, not 12).
  const P = net.params;
  const products = () => {
    const terms = [];
    for (let i = 0; i < SAMPLES; i++) {
      const x1 = A.input(data.x.data[3 * i], "x1"),
        x2 = A.input(data.x.data[3 * i + 1], "x2"),
        x3 = A.input(data.x.data[3 * i + 2], "x3");
      const p = A.sum([P.w14.mul(x1), P.w24.mul(x2), P.w34.mul(x3), P.b4]);
      const r = A.sum([P.w15.mul(x1), P.w25.mul(x2), P.w35.mul(x3), P.b5]);
      const h = A.sum([P.w46.mul(p.sigmoid()), P.w56.mul(r.sigmoid()), P.b6]).sigmoid();
      terms.push(A.input(data.y.data[i], "y").sub(h).pow(2));
    }
    const J = A.sum(terms).mul(0.5);
    net.zeroGrad();
    J.backward();
  };
  const closures = () => {
    const J = microLoss();
    for (const v of Object.values(micro)) v.grad = 0;
    J.backward();
  };
  return [
    {
      name: "3-2-1 net, J over 1000 samples, forward + backward",
      n: SAMPLES,
      variants: {
        "tensor (Float64Array mlp)": tensor,
        "scalar Value (tape), net321(): dot nodes": {
          run: scalar,
          check: () => (scalar(), same("scalar", net.params.w14.grad)),
        },
        "scalar Value (tape), explicit products": {
          run: products,
          check: () => (products(), same("products", net.params.w14.grad)),
        },
      },
    },
    // NB: a case of its own, after the first: its garbage (a closure per node) would slow the tape's collections.
    {
      name: "3-2-1 net, micrograd-style closures (reference)",
      n: SAMPLES,
      variants: {
        "tensor (Float64Array mlp)": tensor,
        "micrograd-style closures": { run: closures, check: () => (closures(), same("closures", micro.w14.grad)) },
      },
    },
  ];
}
