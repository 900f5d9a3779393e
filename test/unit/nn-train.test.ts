import { describe, expect, it } from "vitest";
import { net321Model } from "../../lib/src/autodiff";
import { blobs, moons, net321Data, sine, xor } from "../../lib/src/data";
import { accuracy, fromRows, lossLandscape, mlp, NonFiniteLossError, optimizer, train, type Sequential } from "../../lib/src/nn";

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
    const [f00, f01, f10, f11] = deep.predict(fromRows([[0, 0], [0, 1], [1, 0], [1, 1]])).data;
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
    const a = run(7), b = run(7), c = run(8);
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
        const rows = (t: typeof data.x) => fromRows(Array.from({ length: 16 }, (_, i) => Array.from(t.data.subarray((start + i) * t.cols, (start + i + 1) * t.cols))));
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
    for (const l of h.layers) for (const k of ["gradNorm", "saturated", "mean", "std"] as const) expect(l[k]).toHaveLength(5);
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
    const norm = (m: Sequential) => Math.hypot(...m.params().filter((p) => p.decay).flatMap((p) => Array.from(p.data)));
    const a = mlp([2, 8, 1], { seed: 1 }), b = mlp([2, 8, 1], { seed: 1 });
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
    expect(e.message).toMatch(new RegExp(`^training stopped at step ${e.step} \\(epoch \\d+\\): the loss is (NaN|Infinity); .*learning rate was 1000`));
    // Either a layer went non-finite first, or the outputs grew until their squares overflowed.
    if (e.layer) expect(e.message).toContain(`the first non-finite values appeared in layer "${e.layer}"`);
    else expect(e.message).toMatch(/every layer is finite, but outputs as large as \d\.\d\de\+\d+ overflow the loss/);
    expect(e.history.steps.length).toBeGreaterThan(0);
  });

  it("blames the targets when every layer is finite", () => {
    const d = moons({ n: 8 });
    d.y.data[2] = NaN;
    expect(() => train(mlp([2, 3, 1]), d, { steps: 1, shuffle: false })).toThrowError(/every layer is finite, but the targets hold NaN/);
  });
});

describe("lossLandscape", () => {
  const data = net321Data({ n: 16, seed: 2 });

  it("evaluates a grid over two named parameters, with the descent path on that slice", () => {
    const model = net321Model(1);
    const before = model.getWeights();
    const w14 = model.scalar("w14"), w46 = model.scalar("w46");
    const s = lossLandscape(model, data, { axes: ["w14", "w46"], span: 2, resolution: 21, path: { steps: 30, lr: 0.2 }, arrows: 4 });
    expect(model.getWeights()).toEqual(before);
    expect(s.xLabel).toBe("w14 (hidden.W[0,0])");
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
    expect(() => lossLandscape(net321Model(), data, { axes: ["w14", "w99"] })).toThrowError(/no parameter scalar "w99".*alias: w14, w24/);
  });
});
