// model.trace(x): each layer's z, f′(z) and a, checked against textbook loops over the layer's W and b,
// the catalog's scalar f and df, and predict().
import { describe, expect, it } from "vitest";
import { activation } from "../../lib/src/catalog/lookup";
import { CATALOG } from "../../lib/src/catalog";
import { mlp, Rng, sequential, dense, tensor, train, type Sequential, type Tensor } from "../../lib/src/nn";

function randomTensor(rng: Rng, rows: number, cols: number) {
  const t = tensor(rows, cols);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal(0, 1.5);
  return t;
}

/** z = x·W + b by the triple loop, from the layer's own weights. */
function affine(x: Tensor, W: Float64Array, b: Float64Array, units: number): Float64Array {
  const z = new Float64Array(x.rows * units);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < units; j++) {
      let s = b[j];
      for (let k = 0; k < x.cols; k++) s += x.data[i * x.cols + k] * W[k * units + j];
      z[i * units + j] = s;
    }
  return z;
}

const close = (got: ArrayLike<number>, want: ArrayLike<number>, tol: number) => {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < got.length; i++)
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  expect(worst).toBeLessThanOrEqual(tol);
};

/** Where got and want differ in any bit (Object.is: −0 is not +0, NaN is NaN). */
function sameBits(got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  const bad = got.length === want.length ? [] : [`length ${got.length} vs ${want.length}`];
  for (let i = 0; i < want.length && bad.length < 5; i++)
    if (!Object.is(got[i], want[i])) bad.push(`[${i}] ${got[i]} vs ${want[i]}`);
  return bad;
}

const MODELS: [string, () => Sequential][] = [
  [
    "tanh → relu → sigmoid → identity",
    () =>
      sequential(
        [
          dense(3, 6, { activation: "tanh" }),
          dense(6, 5, { activation: "relu" }),
          dense(5, 4, { activation: "sigmoid" }),
          dense(4, 2),
        ],
        { seed: 4 },
      ),
  ],
  [
    "gelu, softplus, weight norm",
    () => mlp([2, 7, 7, 1], { activation: "gelu", output: "softplus", weightNorm: true, seed: 8 }),
  ],
  ["a single linear layer", () => mlp([4, 3], { seed: 2 })],
];

describe.each(MODELS)("model.trace(x): %s", (_, build) => {
  it("gives z = x·W + b, a = f(z) and f′(z) per layer, checked against loops and the catalog's f and df", () => {
    const model = build();
    const rng = new Rng(5);
    // A larger batch first, so the layers' buffers hold more rows than the traced batch.
    model.predict(randomTensor(rng, 50, model.inputs));
    const x = randomTensor(rng, 7, model.inputs);
    const t = model.trace(x);
    expect(t.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    let input = x;
    model.layers.forEach((layer, k) => {
      const lt = t.layers[k];
      for (const key of ["z", "df", "a"] as const) {
        expect(lt[key].rows, `${layer.name}.${key}`).toBe(7);
        expect(lt[key].cols).toBe(layer.units);
        expect(lt[key].data.length).toBe(7 * layer.units);
      }
      close(lt.z.data, affine(input, layer.W, layer.b, layer.units), 1e-13);
      const act = layer.activation ? activation(layer.activation.id, layer.activation.params) : null;
      expect(lt.activation).toBe(act?.id ?? "identity");
      // NB: the fused array kernels agree with the scalar formulas to rounding, not bit for bit.
      close(
        lt.a.data,
        Array.from(lt.z.data, (z) => (act ? act.f(z) : z)),
        1e-15,
      );
      close(
        lt.df.data,
        Array.from(lt.z.data, (z) => (act ? act.df(z) : 1)),
        1e-15,
      );
      input = lt.a;
    });
    expect(t.output.rows).toBe(7);
    expect(t.output.cols).toBe(model.outputs);
    // NB: trace runs the fused f+f′ kernels (as training does), predict the f-only ones: the same bits.
    expect(t.output.data).toEqual(t.layers[t.layers.length - 1].a.data);
    expect(sameBits(model.predict(x).data, t.output.data)).toEqual([]);
  });
});

describe("model.predict(x) is model.trace(x).output bit for bit", () => {
  // NB: predict runs the f-only kernels, trace the fused f+f′ ones; 40 rows take the wasm kernels, 1 row the JS loops.
  it.each(CATALOG.map((e) => e.id))("%s", (id) => {
    const model = sequential(
      [dense(3, 8, { activation: id }), dense(8, 8, { activation: id }), dense(8, 2, { activation: id })],
      { seed: 6 },
    );
    const rng = new Rng(9);
    for (const rows of [40, 1]) {
      const x = randomTensor(rng, rows, 3);
      for (let i = 0; i < x.data.length; i++) x.data[i] *= 3;
      expect(sameBits(model.predict(x).data, model.trace(x).output.data)).toEqual([]);
    }
  });
});

describe("model.trace(x) returns fresh tensors", () => {
  it("a later trace, predict or training step leaves an earlier trace alone, and editing a trace leaves the model alone", () => {
    const model = mlp([2, 4, 1], { activation: "tanh", seed: 1 });
    const rng = new Rng(3);
    const x = randomTensor(rng, 5, 2);
    const first = model.trace(x);
    const snapshot = JSON.stringify(first, (_, v) => (v instanceof Float64Array ? Array.from(v) : v));
    model.trace(randomTensor(rng, 9, 2));
    model.predict(randomTensor(rng, 3, 2));
    expect(JSON.stringify(first, (_, v) => (v instanceof Float64Array ? Array.from(v) : v))).toBe(snapshot);
    first.layers[0].z.data.fill(42);
    first.output.data.fill(42);
    expect(model.trace(x).layers[0].z.data).not.toContain(42);
    expect(first.layers[1].a.data).not.toBe(first.output.data); // the output is its own copy
    // After training, the trace follows the new weights and still matches predict.
    const y = tensor(5, 1, [0, 1, 1, 0, 1]);
    train(model, { x, y }, { steps: 20, lr: 0.1 });
    const after = model.trace(x);
    expect(sameBits(model.predict(x).data, after.output.data)).toEqual([]);
    expect(after.output.data).not.toEqual(Float64Array.from(JSON.parse(snapshot).output.data));
  });

  it("at z = 0 ReLU's f′ is 0, PyTorch's convention; a dead row's a is 0", () => {
    const model = sequential([dense(2, 3, { activation: "relu" }), dense(3, 1)], { seed: 0 });
    // Biases start at 0, so an all-zero input row gives z = 0 exactly in every unit.
    const t = model.trace(tensor(2, 2, [0, 0, 1, -1]));
    expect(Array.from(t.layers[0].z.data.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(t.layers[0].df.data.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(t.layers[0].a.data.subarray(0, 3))).toEqual([0, 0, 0]);
    const z1 = t.layers[0].z.data.subarray(3);
    expect(Array.from(t.layers[0].df.data.subarray(3))).toEqual(Array.from(z1, (z) => (z > 0 ? 1 : 0)));
  });

  it("names a wrong input width", () => {
    expect(() => mlp([3, 2, 1]).trace(tensor(4, 2))).toThrow(
      /layer "dense0" \(3→2\) expects 3 input columns: the input is 4×2/,
    );
  });
});
