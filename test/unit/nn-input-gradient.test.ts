import { describe, expect, it } from "vitest";
import { activationIds } from "../../lib/src/catalog/lookup";
import { net321, net321Model } from "../../lib/src/autodiff";
import { LOSSES, mlp, Rng, tensor, type LossName, type Sequential, type Tensor } from "../../lib/src/nn";

function randomTensor(rng: Rng, rows: number, cols: number) {
  const t = tensor(rows, cols);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal();
  return t;
}

function targetsFor(loss: LossName, rng: Rng, rows: number, outputs: number): Tensor {
  if (loss === "softmax_cross_entropy")
    return tensor(
      rows,
      1,
      Array.from({ length: rows }, (_, i) => i % outputs),
    );
  if (loss === "bce_with_logits")
    return tensor(
      rows,
      outputs,
      Array.from({ length: rows * outputs }, () => (rng.next() < 0.5 ? 0 : 1)),
    );
  return randomTensor(rng, rows, outputs);
}

/** ∂g/∂x[k] for every input scalar, by the five-point stencil (error O(h⁴)). */
function centralDifferences(x: Tensor, g: (x: Tensor) => number, h = 1e-3): Float64Array {
  const out = new Float64Array(x.data.length);
  for (let k = 0; k < x.data.length; k++) {
    const v = x.data[k];
    const at = (t: number) => {
      x.data[k] = t;
      return g(x);
    };
    out[k] = (8 * (at(v + h) - at(v - h)) - (at(v + 2 * h) - at(v - 2 * h))) / (12 * h);
    x.data[k] = v;
  }
  return out;
}

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor));
  return worst;
}

const outputSum = (model: Sequential, j: number) => (x: Tensor) => {
  const p = model.predict(x);
  let s = 0;
  for (let i = 0; i < p.rows; i++) s += p.data[i * p.cols + j];
  return s;
};

describe("inputGradient: ∂loss/∂x against central differences, every loss × activation", () => {
  describe.each([...LOSSES])("loss %s", (loss) => {
    it.each(activationIds())("activation %s", (id) => {
      const outputs = loss === "softmax_cross_entropy" ? 3 : 2;
      const model = mlp([3, 5, 4, outputs], { activation: id, loss, seed: 11 });
      const rng = new Rng(5);
      const x = randomTensor(rng, 6, 3),
        y = targetsFor(loss, rng, 6, outputs);
      const g = model.inputGradient(x, y);
      expect([g.rows, g.cols]).toEqual([6, 3]);
      expect(
        maxRelError(
          g.data,
          centralDifferences(x, (t) => model.evaluate({ x: t, y })),
        ),
      ).toBeLessThan(1e-6);
    });
  });
});

describe("inputGradient: ∂ŷ/∂x", () => {
  it.each([false, true])("one output, weight norm %s: row i is the gradient of output i", (weightNorm) => {
    const model = mlp([4, 7, 7, 1], { activation: "gelu", weightNorm, seed: 2 });
    const x = randomTensor(new Rng(1), 5, 4);
    expect(maxRelError(model.inputGradient(x).data, centralDifferences(x, outputSum(model, 0)))).toBeLessThan(1e-7);
  });

  it("picks an output column of a model with several", () => {
    const model = mlp([2, 6, 3], { activation: "tanh", seed: 4 });
    const x = randomTensor(new Rng(2), 4, 2);
    for (const j of [0, 1, 2]) {
      expect(
        maxRelError(model.inputGradient(x, { output: j }).data, centralDifferences(x, outputSum(model, j))),
      ).toBeLessThan(1e-7);
    }
  });

  it("equals the scalar autodiff's x.grad on the 3-2-1 network to 1e-12", () => {
    const model = net321Model(3),
      net = net321(3);
    const x = randomTensor(new Rng(8), 4, 3);
    const g = model.inputGradient(x);
    for (let i = 0; i < 4; i++) {
      const { x1, x2, x3, h } = net.forward(x.data.subarray(3 * i, 3 * i + 3));
      h.backward();
      [x1, x2, x3].forEach((v, k) =>
        expect(Math.abs(v.grad - g.data[3 * i + k])).toBeLessThan(1e-12 * Math.max(1, Math.abs(v.grad))),
      );
    }
  });

  it("is the identity network's weight product, the same at every x", () => {
    const model = mlp([2, 3, 1], { activation: "identity", seed: 5 });
    const [W0, , W1] = model.getWeights();
    const slope = [0, 1].map((i) => W0[i * 3] * W1[0] + W0[i * 3 + 1] * W1[1] + W0[i * 3 + 2] * W1[2]);
    const g = model.inputGradient(randomTensor(new Rng(3), 3, 2));
    for (let r = 0; r < 3; r++) for (const i of [0, 1]) expect(g.data[2 * r + i]).toBeCloseTo(slope[i], 14);
  });

  it("leaves the parameters' gradients and the weights as they were", () => {
    const model = mlp([2, 4, 1], { activation: "relu", seed: 6 });
    const rng = new Rng(4);
    const x = randomTensor(rng, 8, 2),
      y = randomTensor(rng, 8, 1);
    model.lossAndGrad(x, y);
    const grads = model.params().map((p) => p.grad.slice()),
      weights = model.getWeights();
    model.inputGradient(randomTensor(rng, 3, 2));
    model.inputGradient(x, y);
    expect(model.params().map((p) => p.grad)).toEqual(grads);
    expect(model.getWeights()).toEqual(weights);
  });
});

describe("inputGradient: clear errors", () => {
  const model = mlp([2, 4, 3], { seed: 0 });
  const x = tensor(2, 2);
  it("asks for an output on a model with several", () => {
    expect(() => model.inputGradient(x)).toThrowError(
      "inputGradient: the model has 3 outputs; choose one with { output: j }, j in 0…2, or pass targets for ∂loss/∂x",
    );
    expect(() => model.inputGradient(x, { output: 3 })).toThrowError(/j in 0…2, got 3/);
  });
  it("names the layer and both shapes on a wrong input width", () => {
    expect(() => model.inputGradient(tensor(2, 5), { output: 0 })).toThrowError(
      /layer "dense0" \(2→4\) expects 2 input columns: the input is 2×5/,
    );
  });
  it("refuses a loss without targets, and an output with them", () => {
    expect(() => model.inputGradient(x, { loss: "mse" })).toThrowError(/needs targets/);
    expect(() => model.inputGradient(x, tensor(2, 3), { output: 0 })).toThrowError(/not both/);
  });
});
