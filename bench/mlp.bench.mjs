// One SGD step (forward, backward, update) of a 2-64-64-1 tanh MLP, MSE, batch 4096: actigrad (float64; its
// matrix products and tanh in wasm SIMD kernels, and with JS loops only) against @tensorflow/tfjs on its cpu and
// wasm backends (float32) and @jax-js/jax jit on wasm (float32 and float64). Every variant starts from the
// same weights (Glorot, seed 1) and, in its check, must reach actigrad's loss after one step; timed steps
// then keep training from there.
const N = 4096;
const SIZES = [2, 64, 64, 1];
const SHAPES = [[2, 64], [64], [64, 64], [64], [64, 1], [1]];
const LR = 0.05;

export default async function cases(ctx) {
  const A = ctx.actigrad;
  const rng = new A.Rng(7);
  const x = new Float64Array(N * 2),
    y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[2 * i] = rng.uniform(-2, 2);
    x[2 * i + 1] = rng.uniform(-2, 2);
    y[i] = Math.sin(x[2 * i]) * Math.cos(x[2 * i + 1]);
  }
  const batch = { x: A.tensor(N, 2, x), y: A.tensor(N, 1, y) };
  const weights = A.mlp(SIZES, { activation: "tanh", seed: 1 }).getWeights(); // W1, b1, W2, b2, W3, b3

  // actigrad: buffers allocated once, nothing per step.
  const model = A.mlp(SIZES, { activation: "tanh", seed: 1 });
  const opt = A.optimizer("sgd", { lr: LR });
  const params = model.params();
  const step = () => {
    model.lossAndGradRaw(batch.x.data, batch.y.data, N, 1, "mse", 0);
    opt.step(params);
  };
  model.setWeights(weights);
  step();
  const target = model.evaluate(batch, "mse"); // the loss after one step, which every peer must reach
  const agree = (name, loss, tol) => {
    if (!(Math.abs(loss - target) <= tol * target))
      throw new Error(`${name}: loss after one step ${loss}, actigrad ${target}`);
  };

  const tfVariant = (backend) => {
    let tf, vars, X, Y, tfOpt, lossFn;
    const setup = async () => {
      tf = await ctx.tfBackend(backend);
      if (vars) return;
      vars = weights.map((w, i) => tf.variable(tf.tensor(Float32Array.from(w), SHAPES[i])));
      X = tf.tensor2d(Float32Array.from(x), [N, 2]);
      Y = tf.tensor2d(Float32Array.from(y), [N, 1]);
      tfOpt = tf.train.sgd(LR);
      const [W1, b1, W2, b2, W3, b3] = vars;
      lossFn = () => {
        const h1 = tf.tanh(tf.add(tf.matMul(X, W1), b1));
        const h2 = tf.tanh(tf.add(tf.matMul(h1, W2), b2));
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h2, W3), b3), Y)));
      };
    };
    const run = () => {
      const l = tfOpt.minimize(lossFn, true);
      l.dataSync();
      l.dispose();
    };
    return {
      prepare: setup,
      run,
      check: async () => {
        await setup();
        vars.forEach((v, i) => v.assign(tf.tensor(Float32Array.from(weights[i]), SHAPES[i])));
        run();
        agree(
          `tfjs ${backend}`,
          tf.tidy(() => lossFn().dataSync()[0]),
          1e-4,
        );
      },
    };
  };

  const jx = await ctx.jax();
  const np = jx.numpy;
  const jaxVariant = (dtype) => {
    const arr = (w, shape) =>
      np.array(dtype === "float32" ? Float32Array.from(w) : Float64Array.from(w), { dtype: np[dtype] }).reshape(shape);
    const init = () => ({
      W1: arr(weights[0], SHAPES[0]),
      b1: arr(weights[1], SHAPES[1]),
      W2: arr(weights[2], SHAPES[2]),
      b2: arr(weights[3], SHAPES[3]),
      W3: arr(weights[4], SHAPES[4]),
      b3: arr(weights[5], SHAPES[5]),
    });
    const X = arr(x, [N, 2]),
      Y = arr(y, [N, 1]);
    const loss = (q, xs, ys) => {
      const h1 = np.tanh(np.matmul(xs, q.W1).add(q.b1));
      const h2 = np.tanh(np.matmul(h1, q.W2).add(q.b2));
      return np.mean(np.square(np.matmul(h2, q.W3).add(q.b3).sub(ys)));
    };
    const jstep = jx.jit((q, xs, ys) => {
      const [l, g] = jx.valueAndGrad(loss)(jx.tree.ref(q), xs, ys);
      return [l, jx.tree.map((a, b) => a.sub(b.mul(LR)), q, g)];
    });
    const jloss = jx.jit(loss);
    let q = init();
    const run = async () => {
      const [l, next] = jstep(q, X.ref, Y.ref);
      await l.data();
      await jx.blockUntilReady(next);
      q = next;
    };
    return {
      run,
      check: async () => {
        jx.tree.dispose(q);
        q = init();
        await run();
        // NB: jax-js's float64 lands 1.8e-8 (relative) from actigrad, whose value a naive Math.tanh loop
        // reproduces to the last bit: its float64 path is not full precision, so it gets 1e-6 here.
        agree(
          `jax-js ${dtype}`,
          (await jloss(jx.tree.ref(q), X.ref, Y.ref).data())[0],
          dtype === "float32" ? 1e-4 : 1e-6,
        );
      },
    };
  };

  return [
    {
      name: "SGD step, 2-64-64-1 tanh MLP, MSE",
      n: N,
      variants: {
        "actigrad (float64)": { prepare: () => void (A.setGemmBackend("auto"), A.setKernelBackend("auto")), run: step },
        "actigrad (float64, JS loops only)": {
          prepare: () => void (A.setGemmBackend("js"), A.setKernelBackend("js")),
          run: step,
          check: () => {
            A.setGemmBackend("js");
            A.setKernelBackend("js");
            model.setWeights(weights);
            step();
            agree("actigrad JS loops", model.evaluate(batch, "mse"), 0); // bit for bit the wasm path's loss
            A.setGemmBackend("auto");
            A.setKernelBackend("auto");
          },
        },
        "tfjs cpu (float32)": tfVariant("cpu"),
        "tfjs wasm (float32)": tfVariant("wasm"),
        "jax-js jit wasm (float32)": jaxVariant("float32"),
        "jax-js jit wasm (float64)": jaxVariant("float64"),
      },
    },
  ];
}
