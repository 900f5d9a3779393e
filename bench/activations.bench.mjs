// f and f′ together over a Float64Array, for five activations at N = 1e3 and 1e6: actigrad's fused loops
// (float64) against @tensorflow/tfjs on its cpu and wasm backends (float32: tfjs has no float64) and @jax-js/jax
// on wasm (float64, f′ by its own forward-mode jvp under jit). Every variant starts from the same Float64Array
// and ends with both outputs in JS typed arrays, so conversions, uploads and downloads are part of the time.
const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/** tfjs: f and f′ in closed form from tfjs ops (faster than tf.grad for elementwise functions). */
const TF = {
  sigmoid: (tf, t) => {
    const s = tf.sigmoid(t);
    return [s, tf.mul(s, tf.sub(1, s))];
  },
  tanh: (tf, t) => {
    const y = tf.tanh(t);
    return [y, tf.sub(1, tf.square(y))];
  },
  relu: (tf, t) => [tf.relu(t), tf.step(t)],
  gelu: (tf, t) => {
    // tfjs has no gelu op: x·Φ(x), Φ′ = φ
    const phi = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(t, SQRT1_2))));
    const pdf = tf.mul(INV_SQRT_2PI, tf.exp(tf.mul(-0.5, tf.square(t))));
    return [tf.mul(t, phi), tf.add(phi, tf.mul(t, pdf))];
  },
  softplus: (tf, t) => [tf.softplus(t), tf.sigmoid(t)],
};

/** jax-js: the library's own activation, differentiated by jvp with a tangent of ones. */
const JAX = {
  sigmoid: (jx) => jx.nn.sigmoid,
  tanh: (jx) => jx.numpy.tanh,
  relu: (jx) => jx.nn.relu,
  gelu: (jx) => (t) => jx.nn.gelu(t, { approximate: false }),
  softplus: (jx) => jx.nn.softplus,
};

export default async function cases(ctx) {
  const { actigrad, uniform } = ctx;
  const jx = await ctx.jax();
  const out = [];
  for (const n of [1e3, 1e6]) {
    const x = uniform(n, -8, 8, 42);
    for (const id of Object.keys(TF)) {
      const act = actigrad.activation(id);
      const y = new Float64Array(n),
        dy = new Float64Array(n);
      const ref = new Float64Array(n),
        dref = new Float64Array(n);
      act.fdfArray(x, ref, dref);
      /** Peers must compute the same thing (to float32 accuracy) before their time counts. */
      const agree = (name, a, b) => {
        for (let i = 0; i < n; i += Math.max(1, n >> 6)) {
          for (const [got, want] of [
            [a[i], ref[i]],
            [b[i], dref[i]],
          ]) {
            if (!(Math.abs(got - want) <= 1e-5 * Math.max(1, Math.abs(want))))
              throw new Error(`${name} ${id}(${x[i]}) = ${got}, actigrad ${want}`);
          }
        }
      };
      const tfVariant = (backend) => {
        let tf;
        const run = () => {
          // NB: tfjs refuses Float64Array; the float32 copy is part of what using it costs
          const [a, b] = tf.tidy(() => TF[id](tf, tf.tensor1d(new Float32Array(x))));
          const r = [a.dataSync(), b.dataSync()];
          a.dispose();
          b.dispose();
          return r;
        };
        return {
          prepare: async () => void (tf = await ctx.tfBackend(backend)),
          run,
          check: async () => {
            tf = await ctx.tfBackend(backend);
            agree(`tfjs-${backend}`, ...run());
          },
        };
      };
      const fdf = jx.jit((t) => jx.jvp(JAX[id](jx), [t.ref], [jx.numpy.onesLike(t)]));
      const jaxRun = () => {
        const [a, b] = fdf(jx.numpy.array(x));
        return [a.dataSync(), b.dataSync()]; // NB: dataSync also frees the jax-js arrays
      };
      out.push({
        name: `${id} f+f′`,
        n,
        variants: {
          "actigrad (float64)": () => act.fdfArray(x, y, dy),
          "tfjs cpu (float32)": tfVariant("cpu"),
          "tfjs wasm (float32)": tfVariant("wasm"),
          "jax-js wasm (float64)": { run: jaxRun, check: () => agree("jax-js", ...jaxRun()) },
        },
      });
    }
  }
  return out;
}
