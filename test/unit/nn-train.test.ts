import { describe, expect, it } from "vitest";
import { net321Model } from "../../lib/src/autodiff";
import { blobs, moons, net321Data, sine, xor } from "../../lib/src/data";
import {
  accuracy,
  deadFractions,
  dense,
  fromRows,
  lossLandscape,
  mlp,
  NonFiniteLossError,
  optimizer,
  sequential,
  tensor,
  train,
  type Optimizer,
  type Sequential,
} from "../../lib/src/nn";

const XOR = xor();

function fitXor(activation: string, seed = 1) {
  const model = mlp([2, 8, 1], { activation, loss: "bce_with_logits", seed });
  const history = train(model, XOR, { optimizer: "adam", lr: 0.05, steps: 600 });
  return { model, history, loss: model.evaluate(XOR) };
}

describe("XOR and the linear collapse", () => {
  it.each(["tanh", "relu"])("a %s MLP learns XOR to full accuracy", (act) => {
    const { model, loss } = fitXor(act);
    expect(accuracy(model, XOR)).toBe(1);
    expect(loss).toBeLessThan(0.05);
  });

  it("an MLP with identity activations does no better than a linear model", () => {
    const deep = mlp([2, 8, 8, 1], { activation: "identity", loss: "bce_with_logits", seed: 1 });
    train(deep, XOR, { optimizer: "adam", lr: 0.05, steps: 600 });
    const linear = mlp([2, 1], { loss: "bce_with_logits", seed: 1 });
    train(linear, XOR, { optimizer: "adam", lr: 0.05, steps: 600 });
    // No affine function gets more than 3 of the 4 XOR points right, and the best affine BCE is ln 2.
    for (const m of [deep, linear]) {
      expect(accuracy(m, XOR)).toBeLessThanOrEqual(0.75);
      expect(m.evaluate(XOR)).toBeGreaterThanOrEqual(Math.LN2 - 1e-9);
    }
    // The stack of identity layers is itself affine: f(0,0) + f(1,1) = f(0,1) + f(1,0).
    const [f00, f01, f10, f11] = deep.predict(
      fromRows([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]),
    ).data;
    expect(Math.abs(f00 + f11 - (f01 + f10))).toBeLessThan(1e-12);
  });
});

describe("train", () => {
  const data = moons({ n: 64, seed: 3 });
  const run = (seed: number, shuffle = true) => {
    const model = mlp([2, 6, 1], { loss: "bce_with_logits", seed: 2 });
    const history = train(model, data, { batchSize: 16, epochs: 3, seed, shuffle, optimizer: "momentum", lr: 0.1 });
    return { model, history };
  };

  it("is deterministic given the seeds", () => {
    const a = run(7),
      b = run(7),
      c = run(8);
    expect(a.model.getWeights()).toEqual(b.model.getWeights());
    expect({ ...a.history, progress: null }).toEqual({ ...b.history, progress: null });
    expect(a.model.getWeights()).not.toEqual(c.model.getWeights());
  });

  it("without shuffling, takes the batches in the data's order (checked against steps by hand)", () => {
    const { model } = run(0, false);
    const manual = mlp([2, 6, 1], { loss: "bce_with_logits", seed: 2 });
    const opt = optimizer("momentum", { lr: 0.1 });
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let start = 0; start < 64; start += 16) {
        const rows = (t: typeof data.x) =>
          fromRows(
            Array.from({ length: 16 }, (_, i) =>
              Array.from(t.data.subarray((start + i) * t.cols, (start + i + 1) * t.cols)),
            ),
          );
        manual.lossAndGrad(rows(data.x), rows(data.y));
        opt.step(manual.params());
      }
    }
    expect(model.getWeights()).toEqual(manual.getWeights());
  });

  it("counts a partial last batch as a step", () => {
    const model = mlp([2, 3, 1], { seed: 0 });
    const h = train(model, moons({ n: 10 }), { batchSize: 4, epochs: 2, logEvery: 1 });
    expect(h.steps).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("records per layer the gradient norm, saturation, dead units, mean and std at every logged step", () => {
    const model = mlp([2, 5, 4, 1], { activation: "relu", loss: "bce_with_logits", seed: 4 });
    const fresh = mlp([2, 5, 4, 1], { activation: "relu", loss: "bce_with_logits", seed: 4 });
    const h = train(model, data, { steps: 20, logEvery: 5, test: moons({ n: 32, seed: 9 }), title: "moons" });
    expect(h.title).toBe("moons");
    expect(h.steps).toEqual([0, 5, 10, 15, 19]);
    expect(h.losses.map((l) => l.name)).toEqual(["train", "test"]);
    expect(h.losses.every((l) => l.values.length === 5)).toBe(true);
    expect(h.layers.map((l) => l.name)).toEqual(["dense0", "dense1", "dense2"]);
    for (const l of h.layers)
      for (const k of ["gradNorm", "saturated", "mean", "std"] as const) expect(l[k]).toHaveLength(5);
    expect(h.layers[0].dead).toHaveLength(5);
    expect(h.layers[2].dead).toEqual([]); // identity output: cannot die
    // step 0 is the initial weights: check the gradient norm and the statistics independently
    fresh.lossAndGrad(data.x, data.y);
    const dW = fresh.layers[0].dW;
    expect(h.layers[0].gradNorm[0]).toBeCloseTo(Math.hypot(...dW), 14);
    const a = fresh.layers[0].a.subarray(0, 64 * 5);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(h.layers[0].mean[0]).toBeCloseTo(mean, 14);
    expect(h.layers[0].saturated[0]).toBe(a.filter((v) => v <= 0).length / a.length);
    expect(h.progress).toMatchObject({ step: 20, total: 20 });
  });

  it("sees dead ReLUs and saturated sigmoids", () => {
    const relu = mlp([2, 4, 1], { activation: "relu", seed: 0 });
    relu.layers[0].b.fill(-100);
    const h1 = train(relu, data, { steps: 1 });
    expect(h1.layers[0].dead).toEqual([1]);
    expect(h1.layers[0].saturated).toEqual([1]);
    const sig = mlp([2, 4, 1], { activation: "sigmoid", seed: 0 });
    sig.layers[0].W.forEach((_, i, w) => (w[i] *= 1000));
    const h2 = train(sig, data, { steps: 1 });
    expect(h2.layers[0].saturated[0]).toBeGreaterThan(0.95);
    expect(h2.layers[0].dead).toEqual([]);
  });

  it("calls onLog with live progress, and stops when it returns false", () => {
    const seen: number[] = [];
    const h = train(mlp([2, 3, 1]), data, {
      steps: 100,
      logEvery: 10,
      onLog: (history, info) => {
        seen.push(info.step);
        expect(history.progress).toMatchObject({ step: info.step + 1, total: 100 });
        return info.step < 30;
      },
    });
    expect(seen).toEqual([0, 10, 20, 30]);
    expect(h.steps).toEqual([0, 10, 20, 30]);
  });

  it("weight decay shrinks the weights but not the biases", () => {
    const norm = (m: Sequential) =>
      Math.hypot(
        ...m
          .params()
          .filter((p) => p.decay)
          .flatMap((p) => Array.from(p.data)),
      );
    const a = mlp([2, 8, 1], { seed: 1 }),
      b = mlp([2, 8, 1], { seed: 1 });
    train(a, data, { steps: 200, lr: 0.1 });
    train(b, data, { steps: 200, lr: 0.1, weightDecay: 0.1 });
    expect(norm(b)).toBeLessThan(0.9 * norm(a));
  });

  it("trains a 3-class softmax model on blobs", () => {
    const d = blobs({ n: 150, classes: 3, seed: 1 });
    const m = mlp([2, 16, 3], { loss: "softmax_cross_entropy", seed: 1 });
    train(m, d, { optimizer: "adam", lr: 0.05, epochs: 50, batchSize: 32 });
    expect(accuracy(m, d)).toBeGreaterThan(0.95);
  });
});

describe("a NaN or infinite loss stops training with the step and the first bad layer", () => {
  it("names the layer whose weights are not finite", () => {
    const model = mlp([2, 4, 4, 1], { seed: 0 });
    model.layers[1].W[3] = NaN;
    expect(() => train(model, moons({ n: 8 }), { steps: 5 })).toThrowError(
      /^training stopped at step 0 \(epoch 0\): the loss is NaN; the first non-finite values appeared in layer "dense1" \(4→4, tanh\): weights \(NaN at index 3\)/,
    );
  });

  it("catches a divergence when the learning rate is far too large", () => {
    const model = mlp([1, 16, 16, 1], { activation: "relu", seed: 0 });
    let error: unknown;
    try {
      train(model, sine({ n: 32 }).train, { steps: 200, lr: 1e3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteLossError);
    const e = error as NonFiniteLossError;
    expect(e.step).toBeGreaterThan(0);
    expect(e.message).toMatch(
      new RegExp(
        `^training stopped at step ${e.step} \\(epoch \\d+\\): the loss is (NaN|Infinity); .*learning rate was 1000`,
      ),
    );
    // Either a layer went non-finite first, or the outputs grew until their squares overflowed.
    if (e.layer) expect(e.message).toContain(`the first non-finite values appeared in layer "${e.layer}"`);
    else expect(e.message).toMatch(/every layer is finite, but outputs as large as \d\.\d\de\+\d+ overflow the loss/);
    expect(e.history.steps.length).toBeGreaterThan(0);
  });

  it("blames the targets when every layer is finite", () => {
    const d = moons({ n: 8 });
    d.y.data[2] = NaN;
    expect(() => train(mlp([2, 3, 1]), d, { steps: 1, shuffle: false })).toThrowError(
      /every layer is finite, but the targets hold NaN/,
    );
  });
});

describe("lossLandscape", () => {
  const data = net321Data({ n: 16, seed: 2 });

  it("evaluates a grid over two named parameters, with the descent path on that slice", () => {
    const model = net321Model(1);
    const before = model.getWeights();
    const w14 = model.scalar("w14"),
      w46 = model.scalar("w46");
    const s = lossLandscape(model, data, {
      axes: ["w14", "w46"],
      span: 2,
      resolution: 21,
      path: { steps: 30, lr: 0.2 },
      arrows: 4,
    });
    expect(model.getWeights()).toEqual(before);
    expect([s.xLabel, s.yLabel, s.title]).toEqual(["w14", "w46", "sse over w14 and w46"]);
    expect(s.x).toHaveLength(21);
    expect(s.z).toHaveLength(21);
    expect(s.z.every((row) => row.length === 21)).toBe(true);
    expect(s.x[10]).toBeCloseTo(w14.param.data[w14.index], 14);
    expect(s.y[10]).toBeCloseTo(w46.param.data[w46.index], 14);
    expect(s.z[10][10]).toBeCloseTo(model.evaluate(data), 13);
    // one corner, by hand
    const m2 = net321Model(1);
    m2.scalar("w14").param.data[w14.index] -= 2;
    m2.scalar("w46").param.data[w46.index] += 2;
    expect(s.z[20][0]).toBeCloseTo(m2.evaluate(data), 13);
    expect(s.path.x).toHaveLength(31);
    expect(s.path.loss[0]).toBeCloseTo(model.evaluate(data), 13);
    for (let t = 1; t < 31; t++) expect(s.path.loss[t]).toBeLessThanOrEqual(s.path.loss[t - 1] + 1e-15);
    expect(s.arrows!.u).toHaveLength(16);
  });

  it("evaluates a random filter-normalized slice and restores the weights", () => {
    const model = mlp([2, 8, 1], { loss: "bce_with_logits", seed: 3 });
    const d = moons({ n: 40 });
    const before = model.getWeights();
    const s = lossLandscape(model, d, { resolution: 11, seed: 1 });
    expect(model.getWeights()).toEqual(before);
    expect(s.x[5]).toBe(0);
    expect(s.z[5][5]).toBeCloseTo(model.evaluate(d), 13);
    expect(s.path.loss.length).toBe(51);
    expect(s.title).toBe("bce_with_logits on a random 2-D slice");
  });

  it("rejects unknown parameter names, listing the parameters and aliases", () => {
    expect(() => lossLandscape(net321Model(), data, { axes: ["w14", "w99"] })).toThrowError(
      /no parameter scalar "w99".*alias: w14, w24/,
    );
  });
});

describe("lossLandscape axis labels", () => {
  const data = net321Data({ n: 8, seed: 2 });
  it.each([
    [["hidden.W[0,0]", "hidden.W[2,1]"], "w₁₁ of hidden", "w₃₂ of hidden", "sse over w₁₁ and w₃₂ of hidden"],
    [["hidden.b[1]", "output.W[1,0]"], "b₂ of hidden", "w₂₁ of output", "sse over b₂ of hidden and w₂₁ of output"],
    [["w14", "output.b[0]"], "w14", "b₁ of output", "sse over w14 and b₁ of output"],
  ] as const)("%j → %s, %s", (axes, x, y, title) => {
    const s = lossLandscape(net321Model(1), data, { axes, resolution: 3, path: false });
    expect([s.xLabel, s.yLabel, s.title]).toEqual([x, y, title]);
  });

  it("names the weights of a one-input layer by position, not as an alias", () => {
    const model = mlp([1, 4, 1], { seed: 0 });
    const d = { x: tensor(2, 1), y: tensor(2, 1) };
    const s = lossLandscape(model, d, { axes: ["dense0.W[0,0]", "dense0.W[0,1]"], resolution: 2, path: false });
    expect([s.xLabel, s.yLabel]).toEqual([expect.stringMatching(/ of dense0$/), expect.stringMatching(/ of dense0$/)]);
    expect(s.title).not.toContain("[");
  });

  it("counts from 1 and separates indices past 9 with a comma", () => {
    const model = mlp([12, 11, 1], { seed: 0 });
    const d = { x: tensor(2, 12), y: tensor(2, 1) };
    const s = lossLandscape(model, d, { axes: ["dense0.W[11,10]", "dense0.W[0,1]"], resolution: 2, path: false });
    expect([s.xLabel, s.yLabel]).toEqual(["w₁₂,₁₁ of dense0", "w₁₂ of dense0"]);
  });

  it("takes labels of your own, and names the random directions", () => {
    const model = net321Model(1);
    expect(
      lossLandscape(model, data, { axes: ["w14", "w24"], labels: ["a", "b"], resolution: 2, path: false }),
    ).toMatchObject({ xLabel: "a", yLabel: "b", title: "sse over a and b" });
    expect(lossLandscape(model, data, { resolution: 2, path: false })).toMatchObject({
      xLabel: "α (direction 1)",
      yLabel: "β (direction 2)",
    });
    expect(() => lossLandscape(model, data, { labels: ["a"] as never })).toThrowError(/labels must be two strings/);
  });
});

describe("accuracy: ties at the threshold are rounding, not a decision", () => {
  it("gives the identity network on XOR chance (0.5), not the 1.0 its ±1e-16 rounding would", () => {
    const model = mlp([2, 8, 8, 8, 1], { activation: "identity", seed: 1 });
    train(model, XOR, { steps: 2000, lr: 0.1, logEvery: 10 });
    const out = Array.from(model.predict(XOR.x).data);
    expect(out.every((v) => Math.abs(v - 0.5) < 1e-15)).toBe(true);
    // With the threshold taken literally, rounding happens to put each output on its target's side.
    expect(accuracy(model, XOR, { tieTolerance: 0 })).toBe(1);
    // Exact arithmetic gives 0.5 everywhere: p > 0.5 is false, class 0 for every point, right on two of four.
    expect(accuracy(model, XOR)).toBe(0.5);
    expect(accuracy(model, XOR, { ties: "wrong" })).toBe(0);
  });

  // One linear unit, output = w·x + b with w = 1, so the inputs are the outputs.
  const unit = (b: number, loss: "mse" | "bce_with_logits" = "mse") => {
    const m = sequential([dense(1, 1)], { loss });
    m.setWeights([[1], [b]]);
    return m;
  };
  const rows = (outputs: number[], targets: number[]) => ({
    x: tensor(outputs.length, 1, outputs),
    y: tensor(targets.length, 1, targets),
  });

  it.each([
    // outputs, targets, default, ties "wrong"
    [[0.5, 0.5], [0, 1], 0.5, 0],
    [[0.5 + 1e-12, 0.5 - 1e-12], [1, 0], 0.5, 0],
    [[0.5 + 2e-9, 0.5 - 2e-9], [1, 0], 1, 1],
    [[0.9, 0.1, 0.5], [1, 0, 0], 1, 2 / 3],
  ])("outputs %j, targets %j → %s (ties wrong: %s)", (outputs, targets, expected, wrong) => {
    expect(accuracy(unit(0), rows(outputs, targets))).toBe(expected);
    expect(accuracy(unit(0), rows(outputs, targets), { ties: "wrong" })).toBe(wrong);
  });

  it("uses 0 for logits and scales the band with a large threshold", () => {
    expect(accuracy(unit(0, "bce_with_logits"), rows([1e-17, -3, 2], [1, 0, 1]))).toBe(2 / 3);
    expect(accuracy(unit(0), rows([1000 + 1e-7, 1000 + 1e-5], [1, 1]), 1000)).toBe(0.5);
    expect(accuracy(unit(0), rows([0.7, 0.6], [1, 0]), 0.65)).toBe(1); // a bare number is the threshold
  });

  it("breaks near-equal largest outputs like argmax: the first one", () => {
    const m = sequential([dense(2, 2)], { loss: "softmax_cross_entropy" });
    m.setWeights([
      [1, 0, 0, 1],
      [0, 0],
    ]);
    const d = {
      x: fromRows([
        [1, 1 + 1e-15],
        [1, 2],
        [3, 3],
      ]),
      y: tensor(3, 1, [1, 1, 0]),
    };
    expect(accuracy(m, d)).toBe(2 / 3);
    expect(accuracy(m, d, { ties: "wrong" })).toBe(1 / 3);
    expect(accuracy(m, d, { tieTolerance: 0 })).toBe(1);
  });

  it("rejects a bad tie rule or tolerance", () => {
    expect(() => accuracy(unit(0), rows([1], [1]), { ties: "random" as never })).toThrowError(
      /ties must be "first" or "wrong"/,
    );
    expect(() => accuracy(unit(0), rows([1], [1]), { tieTolerance: -1 })).toThrowError(
      /tieTolerance must be a number ≥ 0/,
    );
  });
});

describe("dead units are measured on the whole training data, not the batch", () => {
  // x on [0, 1]; relu(x + b) with b = −100 (dead everywhere), −0.95 (alive on the last 4 of 64 rows), −0.5, +0.5.
  const n = 64;
  const data = {
    x: tensor(
      n,
      1,
      Array.from({ length: n }, (_, i) => i / (n - 1)),
    ),
    y: tensor(n, 1),
  };
  const probeModel = () => {
    const m = sequential([dense(1, 4, { activation: "relu" }), dense(4, 1)]);
    m.setWeights([[1, 1, 1, 1], [-100, -0.95, -0.5, 0.5], [1, 1, 1, 1], [0]]);
    return m;
  };
  const frozen: Optimizer = { name: "sgd", lr: 0, step() {}, reset() {} };

  it("one unit of four is dead at every logged step, while most 8-row batches see two or more", () => {
    const h = train(probeModel(), data, { batchSize: 8, steps: 40, logEvery: 1, optimizer: frozen, seed: 3 });
    expect(h.layers[0].dead).toEqual(Array(40).fill(0.25));
    expect(h.layers[1].dead).toEqual([]);
    // What the per-batch measure said: a batch without rows 60–63 calls the second unit dead too.
    const perBatch = (m: Sequential, rows: number[]) => {
      m.forwardRaw(
        Float64Array.from(rows, (r) => r / (n - 1)),
        rows.length,
        true,
      );
      return m.layers[0].stats(0.01).dead;
    };
    expect(perBatch(probeModel(), [0, 10, 20, 30, 40, 50, 59, 63])).toBe(0.25);
    expect(perBatch(probeModel(), [0, 10, 20, 30, 40, 50, 58, 59])).toBe(0.5);
    expect(perBatch(probeModel(), [0, 1, 2, 3, 4, 5, 6, 7])).toBe(0.75);
  });

  it("on a probe set of your choice", () => {
    const low = { x: tensor(3, 1, [0, 0.2, 0.5]) };
    const h = train(probeModel(), data, {
      batchSize: 8,
      steps: 3,
      logEvery: 1,
      optimizer: frozen,
      deadOn: { ...low, y: tensor(3, 1) },
    });
    expect(h.layers[0].dead).toEqual([0.75, 0.75, 0.75]);
    expect(deadFractions(probeModel(), low)).toEqual([0.75, NaN]);
    expect(deadFractions(probeModel(), data)).toEqual([0.25, NaN]);
  });

  it("costs no extra forward pass while every unit is alive on the batch, and a full one otherwise", () => {
    const count = (model: Sequential, batchSize: number) => {
      const rows: number[] = [];
      const forward = model.forwardRaw.bind(model);
      model.forwardRaw = (x, r, d) => (rows.push(r), forward(x, r, d));
      train(model, data, { batchSize, steps: 4, logEvery: 2, optimizer: frozen, shuffle: false });
      return rows;
    };
    const alive = sequential([dense(1, 4, { activation: "relu" }), dense(4, 1)]);
    alive.setWeights([[1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1], [0]]);
    expect(count(alive, 8)).toEqual([8, 8, 8, 8]);
    expect(count(probeModel(), 8)).toEqual([8, 64, 8, 8, 64, 8, 64]); // steps 0, 2 and the last, 3, are logged
    expect(count(probeModel(), 64)).toEqual([64, 64, 64, 64]); // full batch: the step's own pass covers the data
  });
});
