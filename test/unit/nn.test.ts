import { describe, expect, it, onTestFinished } from "vitest";
import { activation, activationIds, defineActivation, undefineActivation } from "../../lib/src/catalog/lookup";
import {
  computeLoss,
  Dense,
  fromRows,
  gradCheckModel,
  LOSSES,
  mlp,
  optimizer,
  Rng,
  sequential,
  tensor,
  type LossName,
  type Param,
} from "../../lib/src/nn";
import { gemmNN, gemmNT, gemmTN, hasWasmGemm, setGemmBackend } from "../../lib/src/kernels";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

function randomTensor(rng: Rng, rows: number, cols: number, scale = 1) {
  const t = tensor(rows, cols);
  for (let i = 0; i < t.data.length; i++) t.data[i] = rng.normal(0, scale);
  return t;
}

describe("gemm kernels (JS loops and the wasm SIMD kernel) agree with the textbook triple loop", () => {
  const shapes = [
    [1, 1, 1],
    [4, 4, 4],
    [5, 3, 7],
    [9, 2, 64],
    [64, 64, 1],
    [13, 17, 6],
    [8, 1, 5],
    [130, 66, 35],
  ];
  const run = (choice: "js" | "wasm", n: number, k: number, m: number) => {
    const prev = setGemmBackend(choice);
    try {
      const rng = new Rng(n * 100 + k * 10 + m);
      const A = randomTensor(rng, n, k).data,
        B = randomTensor(rng, k, m).data,
        bias = randomTensor(rng, 1, m).data,
        D = randomTensor(rng, n, m).data;
      const C = new Float64Array(n * m),
        T = new Float64Array(k * m),
        N = new Float64Array(n * k);
      gemmNN(A, B, C, n, k, m, bias);
      gemmTN(A, D, T, n, k, m);
      gemmNT(D, B, N, n, m, k);
      return { A, B, bias, D, C, T, N };
    } finally {
      setGemmBackend(prev);
    }
  };
  it("has the wasm SIMD kernel on this Node", () => expect(hasWasmGemm()).toBe(true));
  it.each(shapes)("n=%i k=%i m=%i", (n, k, m) => {
    const { A, B, bias, D, C, T, N } = run("js", n, k, m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = bias[j];
        for (let p = 0; p < k; p++) s += A[i * k + p] * B[p * m + j];
        expect(C[i * m + j]).toBeCloseTo(s, 12);
      }
    for (let p = 0; p < k; p++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += A[i * k + p] * D[i * m + j];
        expect(T[p * m + j]).toBeCloseTo(s, 12);
      }
    for (let i = 0; i < n; i++)
      for (let p = 0; p < k; p++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += D[i * m + j] * B[p * m + j];
        expect(N[i * k + p]).toBeCloseTo(s, 12);
      }
    // the wasm kernel sums in the same order: bit for bit the same
    const w = run("wasm", n, k, m);
    expect(w.C).toEqual(C);
    expect(w.T).toEqual(T);
    expect(w.N).toEqual(N);
  });
  it("rejects an unknown backend", () => {
    expect(() => setGemmBackend("gpu" as never)).toThrowError('unknown gemm backend "gpu"; valid: auto, js, wasm');
  });
});

// Every layer kind × loss × catalog activation, against central differences.
const LAYERS = [
  { kind: "dense", weightNorm: false, weightDecay: 0 },
  { kind: "dense with weight norm", weightNorm: true, weightDecay: 0 },
  { kind: "dense with L2 decay", weightNorm: false, weightDecay: 0.03 },
] as const;

function batchFor(loss: LossName, rng: Rng, rows: number, outputs: number) {
  const x = randomTensor(rng, rows, 3);
  let y;
  if (loss === "softmax_cross_entropy") {
    y = tensor(rows, 1);
    for (let i = 0; i < rows; i++) y.data[i] = i % outputs;
  } else if (loss === "bce_with_logits") {
    y = tensor(rows, outputs);
    for (let i = 0; i < y.data.length; i++) y.data[i] = rng.next() < 0.5 ? 0 : 1;
  } else y = randomTensor(rng, rows, outputs);
  return { x, y };
}

describe.each(LAYERS)("gradCheck: $kind", ({ weightNorm, weightDecay }) => {
  describe.each([...LOSSES])("loss %s", (loss) => {
    it.each(activationIds())("activation %s", (id) => {
      const outputs = loss === "softmax_cross_entropy" ? 3 : 2;
      const model = mlp([3, 5, 4, outputs], { activation: id, weightNorm, loss, seed: 11 });
      const batch = batchFor(loss, new Rng(5), 6, outputs);
      const report = gradCheckModel(model, batch, { weightDecay });
      expect(report.params).toHaveLength(model.paramCount());
      expect(report.maxRelError, report.toString()).toBeLessThan(1e-5);
      expect(report.ok).toBe(true);
    });
  });
});

describe("gradCheck catches a wrong derivative", () => {
  it("names a parameter of the layer whose f′ is wrong", () => {
    const t = activation("tanh");
    // f right, f′ doubled: a wrong activation, defined through the catalog's public API.
    const wrong = defineActivation({ id: "tanh_wrong", f: t.f, df: (x: number) => 2 * t.df(x), d2f: t.d2f });
    onTestFinished(() => undefineActivation("tanh_wrong"));
    const model = sequential(
      [new Dense(3, 4, { activation: "tanh" }), new Dense(4, 3, { activation: wrong }), new Dense(3, 1)],
      { seed: 2 },
    );
    const report = gradCheckModel(model, batchFor("mse", new Rng(1), 5, 1));
    expect(report.ok).toBe(false);
    expect(report.maxRelError).toBeGreaterThan(0.1);
    expect(report.worst.name).toMatch(/^dense[01]\./);
    expect(report.toString()).toContain("FAILED");
  });
});

describe("losses", () => {
  const pred = fromRows([
    [0.3, -1.2],
    [2.0, 0.5],
  ]);
  const target = fromRows([
    [1, 0],
    [0.5, 1],
  ]);
  // [loss, value written out independently]
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const bce = (z: number, y: number) => -(y * Math.log(sig(z)) + (1 - y) * Math.log(1 - sig(z)));
  const cases: [LossName, number][] = [
    ["mse", ((0.3 - 1) ** 2 + (-1.2) ** 2 + 1.5 ** 2 + 0.5 ** 2) / 4],
    ["sse", 0.5 * ((0.3 - 1) ** 2 + (-1.2) ** 2 + 1.5 ** 2 + 0.5 ** 2)],
    ["bce_with_logits", (bce(0.3, 1) + bce(-1.2, 0) + bce(2, 0.5) + bce(0.5, 1)) / 4],
    [
      "softmax_cross_entropy",
      (-(1 * Math.log(Math.exp(0.3) / (Math.exp(0.3) + Math.exp(-1.2)))) -
        (0.5 * Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(0.5))) +
          1 * Math.log(Math.exp(0.5) / (Math.exp(2) + Math.exp(0.5))))) /
        2,
    ],
  ];
  it.each(cases)("%s has the textbook value and a gradient matching central differences", (loss, want) => {
    const grad = new Float64Array(4);
    const v = computeLoss(loss, pred.data, target.data, grad, 2, 2, 2);
    expect(rel(v, want)).toBeLessThan(1e-14);
    for (let i = 0; i < 4; i++) {
      const up = pred.data.slice(),
        down = pred.data.slice();
      up[i] += 1e-6;
      down[i] -= 1e-6;
      const fd =
        (computeLoss(loss, up, target.data, null, 2, 2, 2) - computeLoss(loss, down, target.data, null, 2, 2, 2)) /
        2e-6;
      expect(Math.abs(grad[i] - fd)).toBeLessThan(1e-8);
    }
  });

  it("bce_with_logits stays finite and exact at logits of ±800", () => {
    const grad = new Float64Array(4);
    const v = computeLoss(
      "bce_with_logits",
      new Float64Array([800, -800, 800, -800]),
      new Float64Array([1, 0, 0, 1]),
      grad,
      4,
      1,
      1,
    );
    expect(v).toBe((0 + 0 + 800 + 800) / 4);
    expect(Array.from(grad)).toEqual([0, 0, 0.25, -0.25]);
  });

  it("softmax_cross_entropy stays finite at logits of 1000 and takes class indices or one-hot rows alike", () => {
    const z = new Float64Array([1000, 0, -1000, 1000, 999, 0]);
    const g1 = new Float64Array(6),
      g2 = new Float64Array(6);
    const a = computeLoss("softmax_cross_entropy", z, new Float64Array([1, 0]), g1, 2, 3, 1);
    const b = computeLoss("softmax_cross_entropy", z, new Float64Array([0, 1, 0, 1, 0, 0]), g2, 2, 3, 3);
    expect(a).toBe(b);
    expect(rel(a, (1000 + Math.log1p(Math.exp(-1)) + 0) / 2)).toBeLessThan(1e-14);
    expect(Array.from(g1)).toEqual(Array.from(g2));
  });

  it("rejects class indices out of range", () => {
    expect(() =>
      computeLoss("softmax_cross_entropy", new Float64Array(3), new Float64Array([3]), null, 1, 3, 1),
    ).toThrowError(/class indices must be integers in \[0, 2\]/);
  });
});

describe("optimizers follow their update rules", () => {
  const param = (w: number[], g: number[]): Param => ({
    name: "p",
    rows: 1,
    cols: w.length,
    data: Float64Array.from(w),
    grad: Float64Array.from(g),
    decay: true,
  });
  it("sgd: θ − lr·g", () => {
    const p = param([1, -2], [0.5, 4]);
    optimizer("sgd", { lr: 0.1 }).step([p]);
    expect(Array.from(p.data)).toEqual([1 - 0.05, -2 - 0.4]);
  });
  it("momentum: v = μv + g; θ − lr·v (two steps)", () => {
    const p = param([1], [2]);
    const o = optimizer("momentum", { lr: 0.1, momentum: 0.9 });
    o.step([p]);
    expect(p.data[0]).toBe(1 - 0.1 * 2);
    o.step([p]);
    expect(p.data[0]).toBe(1 - 0.1 * 2 - 0.1 * (0.9 * 2 + 2));
  });
  it("adam: bias-corrected moments (two steps, g = 2 then −1)", () => {
    const p = param([1], [2]);
    const o = optimizer("adam", { lr: 0.01 });
    o.step([p]);
    let w = 1 - (0.01 * ((0.1 * 2) / 0.1)) / (Math.sqrt((0.001 * 4) / 0.001) + 1e-8);
    expect(rel(p.data[0], w)).toBeLessThan(1e-15);
    p.grad[0] = -1;
    o.step([p]);
    const m = 0.9 * 0.2 + 0.1 * -1,
      v = 0.999 * 0.004 + 0.001 * 1;
    w -= (0.01 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    expect(rel(p.data[0], w)).toBeLessThan(1e-15);
  });
  it("names the valid optimizers for an unknown one", () => {
    expect(() => optimizer("adamw")).toThrowError(
      'unknown optimizer "adamw"; valid optimizers are: sgd, momentum, adam',
    );
  });
});

describe("initializers", () => {
  // [init, variance for fanIn 400, fanOut 200]
  const cases = [
    ["glorot_uniform", 2 / 600],
    ["glorot_normal", 2 / 600],
    ["he_normal", 2 / 400],
    ["he_uniform", 2 / 400],
    ["lecun_normal", 1 / 400],
    ["lecun_uniform", 1 / 400],
  ] as const;
  it.each(cases)("%s has variance %f", (init, variance) => {
    const layer = new Dense(400, 200, { init });
    layer.reset(new Rng(3));
    let s = 0;
    for (const w of layer.W) s += w * w;
    expect(Math.abs(s / layer.W.length / variance - 1)).toBeLessThan(0.02);
    expect(layer.b.every((b) => b === 0)).toBe(true);
  });
  it("gives the same weights for the same seed, others for another", () => {
    const a = mlp([2, 8, 1], { seed: 4 }).getWeights();
    const b = mlp([2, 8, 1], { seed: 4 }).getWeights();
    const c = mlp([2, 8, 1], { seed: 5 }).getWeights();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it("names the valid initializers for an unknown one", () => {
    expect(() => new Dense(2, 2, { init: "orthogonal" as never }).reset(new Rng(0))).toThrowError(
      /unknown initializer "orthogonal"; valid names are: glorot_uniform/,
    );
  });
});

describe("weight normalization", () => {
  it("uses w = g·v/‖v‖ per unit and starts at the initializer's weights", () => {
    const plain = mlp([3, 4, 1], { seed: 9 });
    const wn = mlp([3, 4, 1], { seed: 9, weightNorm: true });
    const layer = wn.layers[0];
    expect(wn.params().map((p) => p.name)).toEqual([
      "dense0.v",
      "dense0.g",
      "dense0.b",
      "dense1.v",
      "dense1.g",
      "dense1.b",
    ]);
    const x = fromRows([[0.1, 0.2, 0.3]]);
    expect(rel(wn.predict(x).data[0], plain.predict(x).data[0])).toBeLessThan(1e-14);
    layer.g[2] = 3;
    layer.v[1 * 4 + 2] *= 5;
    wn.predict(x);
    let norm = 0;
    for (let i = 0; i < 3; i++) norm += layer.v[i * 4 + 2] ** 2;
    for (let i = 0; i < 3; i++)
      expect(rel(layer.W[i * 4 + 2], (3 * layer.v[i * 4 + 2]) / Math.sqrt(norm))).toBeLessThan(1e-15);
  });
});

describe("clear errors", () => {
  const model = mlp([2, 64, 1], { seed: 0 });
  it("an input of the wrong width names the layer and both shapes", () => {
    expect(() => model.predict(tensor(128, 3))).toThrowError(
      'layer "dense0" (2→64) expects 2 input columns: the input is 128×3 but the weights are 2×64',
    );
  });
  it("targets of the wrong shape name the loss, the layer and both shapes", () => {
    expect(() => model.lossAndGrad(tensor(8, 2), tensor(8, 2))).toThrowError(
      'loss "mse": the predictions of layer "dense1" are 8×1 but the targets are 8×2; targets must be 8×1',
    );
  });
  it("layers that do not fit name both layers and their shapes", () => {
    expect(() => sequential([new Dense(2, 8), new Dense(4, 1)])).toThrowError(
      'layer "dense1" expects 4 inputs but layer "dense0" gives 8 outputs (weights 2×8 then 4×1)',
    );
  });
  it("an unknown loss lists the valid ones", () => {
    expect(() => mlp([2, 1], { loss: "hinge" as never })).toThrowError(
      'unknown loss "hinge"; valid losses are: mse, sse, bce_with_logits, softmax_cross_entropy',
    );
  });
  it("an unknown activation lists the valid ones", () => {
    expect(() => mlp([2, 3, 1], { activation: "swish" })).toThrowError(
      /unknown activation "swish"; valid ids are: .*silu/,
    );
  });
  it("an unknown parameter name lists the parameters", () => {
    expect(() => model.scalar("dense0.W[5,0]")).toThrowError(
      /no parameter scalar "dense0.W\[5,0\]".*dense0.W \(2×64\)/,
    );
  });
});

describe("a training step allocates no new buffers", () => {
  it("reuses every layer buffer between steps of the same batch size", () => {
    const model = mlp([2, 16, 1], { seed: 1 });
    const rng = new Rng(0);
    const x = randomTensor(rng, 32, 2),
      y = randomTensor(rng, 32, 1);
    model.lossAndGrad(x, y);
    const before = model.layers.map((l) => [l.z, l.a, l.d]);
    model.lossAndGrad(x, y);
    expect(model.layers.map((l) => [l.z, l.a, l.d])).toEqual(before);
    model.layers.forEach((l, i) => before[i].forEach((buf, k) => expect([l.z, l.a, l.d][k]).toBe(buf)));
  });
});

describe("gradCheck(model, batch) through the shared dispatcher", () => {
  it("runs the model check", async () => {
    const { gradCheck } = await import("../../lib/src/grad-check");
    const model = mlp([3, 4, 2], { activation: "gelu", seed: 3 });
    const batch = batchFor("mse", new Rng(2), 5, 2);
    const report = gradCheck(model, batch);
    expect(report.ok).toBe(true);
    expect(report.maxRelError).toBe(gradCheckModel(model, batch).maxRelError);
    expect(report.params).toHaveLength(model.paramCount());
  });
});

describe("activations with parameters", () => {
  it("a layer takes { id, params } and uses that slope", () => {
    const layer = new Dense(1, 1, { activation: { id: "leaky_relu", params: { negativeSlope: 0.2 } } });
    layer.W[0] = 1;
    const out = layer.forward(new Float64Array([-5, 5]), 2);
    expect(Array.from(out.subarray(0, 2))).toEqual([-1, 5]);
    expect(Array.from(layer.d.subarray(0, 2))).toEqual([0.2, 1]);
    expect(layer.describe()).toBe("dense (1→1, leaky_relu)");
  });
  it("an invalid parameter gets the catalog's error", () => {
    expect(() => new Dense(1, 1, { activation: { id: "elu", params: { alpha: Number.NaN } } })).toThrowError(/elu/);
  });
});
