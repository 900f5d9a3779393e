// The figures drawn from the real producers (autodiff graph export, trainer history, loss landscape),
// end to end: each payload passes the validator, its SVG stays in budget, the chain rule adds up.
import { describe, expect, it } from "vitest";
import { lossLandscape, mlp, net321, net321Data, tensor, toNetworkGraph, train, xor } from "../../lib/src";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { PAYLOAD_BUDGET } from "../../lib/src/figure/payload";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { validatePayload } from "../../lib/src/figure/validate";

const roundTrip = (p: unknown) => validatePayload(JSON.parse(JSON.stringify(p)));
const kb = (s: string) => Buffer.byteLength(s) / 1024;

describe("figures from the real producers", () => {
  it("network: the 3-2-1 net's graph on one sample; each parameter's paths sum to its gradient", () => {
    const data = net321Data();
    const net = net321(0);
    const P = net.params;
    const one = { x: tensor(1, 3, data.x.data.subarray(0, 3)), y: tensor(1, 1, [data.y.data[0]]) };
    const fig = networkFigure(toNetworkGraph(net.loss(one), { explain: [P.w14, P.w46, P.b6], selected: P.w14 }));
    roundTrip(fig.payload);
    for (const x of fig.payload.explanations) expect(x.sum).toBeCloseTo(x.grad, 15);
    expect(fig.payload.selected).toBeDefined();
    // w46 is placed right before q, the unit it feeds, not with the inputs.
    const at = Object.fromEntries(fig.payload.nodes.map((n) => [n.label, n]));
    expect(at.w46.x).toBeGreaterThan(at.w14.x);
    expect(kb(fig.toSvg())).toBeLessThan(200);
  });

  it("network: the largest graph the exporter allows (400 nodes) still gives an SVG ≤ 200 KB", () => {
    const data = net321Data();
    const net = net321(0);
    const n = 30; // 30 samples → 390 nodes
    const batch = { x: tensor(n, 3, data.x.data.subarray(0, 3 * n)), y: tensor(n, 1, data.y.data.subarray(0, n)) };
    const graph = toNetworkGraph(net.loss(batch));
    expect(graph.nodes.length).toBeGreaterThan(350);
    expect(graph.nodes.length).toBeLessThanOrEqual(400);
    const fig = networkFigure(graph);
    const svg = fig.toSvg();
    expect(kb(svg)).toBeLessThanOrEqual(200);
    expect(svg).toContain("Σ paths = "); // the explanation survives
    expect(Buffer.byteLength(JSON.stringify(fig.payload))).toBeLessThan(PAYLOAD_BUDGET);
  });

  it("training: a trainer history draws, and a live update is a new payload of the same shape", () => {
    const model = mlp([2, 4, 1], { activation: "tanh", output: "sigmoid" });
    const snapshots: number[] = [];
    const h = train(model, xor(), {
      steps: 300,
      lr: 0.5,
      onLog: (hist) => {
        const p = roundTrip(trainingFigure(hist).payload);
        if (p.kind === "training") snapshots.push(p.losses[0].x.length);
      },
    });
    expect(snapshots.length).toBeGreaterThan(2);
    expect(snapshots.every((n, i) => i === 0 || n > snapshots[i - 1])).toBe(true);
    const fig = trainingFigure(h);
    roundTrip(fig.payload);
    expect(fig.payload.layers.length).toBe(h.layers.length);
    expect(Buffer.byteLength(JSON.stringify(fig.payload))).toBeLessThan(PAYLOAD_BUDGET);
    expect(kb(fig.toSvg())).toBeLessThan(200);
  });

  it("landscape: two slices of a real loss with their descent paths", () => {
    const xs = Array.from({ length: 21 }, (_, i) => -2 + i * 0.2);
    const data = {
      x: tensor(21, 1, xs),
      y: tensor(
        21,
        1,
        xs.map((v) => 1 / (1 + Math.exp(1 - 2 * v))),
      ),
    };
    const unit = mlp([1, 1], { output: "sigmoid", loss: "mse" });
    unit.setWeights([[0], [0]]);
    const slice = (start: [number, number]) =>
      lossLandscape(unit, data, {
        axes: ["dense0.W[0,0]", "dense0.b[0]"],
        span: 6,
        resolution: 61,
        arrows: 12,
        path: { steps: 300, lr: 2, start },
      });
    const fig = landscapeFigure([slice([0, 0]), slice([-5, 5])]);
    roundTrip(fig.payload);
    expect(fig.payload.panels[0].path.x.length).toBe(301);
    expect(kb(fig.toSvg())).toBeLessThan(200);
  });
});
