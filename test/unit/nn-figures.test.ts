// The producers' data drawn by the renderer's figure builders: the contract of lib/src/figure/data.ts, end to end.
import { describe, expect, it } from "vitest";
import { landscapeFigure, networkFigure, trainingFigure } from "../../lib/src";
import { validatePayload } from "../../lib/src/figure/public";
import { net321, net321Model, toNetworkGraph } from "../../lib/src/autodiff";
import { moons, net321Data } from "../../lib/src/data";
import { lossLandscape, mlp, train } from "../../lib/src/nn";

describe("autodiff, training and landscape data make valid figures", () => {
  it("network: the 3-2-1 graph of one sample", () => {
    const J = net321(1).loss(net321Data({ n: 1 }));
    const fig = networkFigure(toNetworkGraph(J, { title: "3-2-1" }));
    expect(validatePayload(fig.payload)).toBe(fig.payload);
    expect(fig.toSvg()).toContain("<svg");
  });

  it("training: a history with train and test curves, per-layer traces and ε", () => {
    const h = train(mlp([2, 8, 1], { activation: "relu", loss: "bce_with_logits" }), moons({ n: 64 }), {
      steps: 50,
      test: moons({ n: 32, seed: 1 }),
    });
    expect(h.epsilon).toBe(0.01);
    const fig = trainingFigure(h);
    expect(validatePayload(fig.payload)).toBe(fig.payload);
    expect(fig.toSvg()).toContain("<svg");
  });

  it("landscape: a named slice with its path and arrows, and a random one", () => {
    const data = net321Data({ n: 16 });
    const a = lossLandscape(net321Model(1), data, { axes: ["w14", "w46"], resolution: 15, arrows: 3 });
    const b = lossLandscape(net321Model(1), data, { resolution: 15 });
    const fig = landscapeFigure([a, b]);
    expect(validatePayload(fig.payload)).toBe(fig.payload);
    expect(fig.toSvg()).toContain("<svg");
  });
});
