// Static SVG labels: no two text boxes intersect and none leaves the drawing, on the notebook series' crowded
// figures (notebook 01's descent curves and 3-2-1 graph, notebook 02's three panels) and every kind's fixture.
import { describe, expect, it } from "vitest";
import { net321, net321Data, tensor, toNetworkGraph } from "../../lib/src/index";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { RELU, SIGMOID, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";
import { outside, overlaps, textBoxes } from "./svg-text-boxes";

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const L = (w: number) => 0.5 * (sigma(w) - 0.9) ** 2;
const dL = (w: number) => (sigma(w) - 0.9) * sigma(w) * (1 - sigma(w));
const steps = Array.from({ length: 60 }, (_, k) => k);

/** The 3-2-1 graph of notebook 01: J on one sample, w14's paths highlighted. */
function graph321() {
  const data = net321Data({ n: 4, seed: 0 });
  const net = net321(6);
  const P = net.params;
  const first = { x: tensor(1, 3, data.x.data.subarray(0, 3)), y: tensor(1, 1, [data.y.data[0]]) };
  return toNetworkGraph(net.loss(first), { explain: [P.w14, P.w46, P.b6], selected: P.w14 });
}

const FIGURES: Record<string, () => { toSvg(): string }> = {
  "notebook 01: descent curves": () =>
    curvesFigure(
      [
        { title: "L(w) = ½(σ(w) − 0.9)², and the first 20 steps", xLabel: "w", yLabel: "L", lines: [{ name: "L(w)", f: L, range: [-8, 6] }], points: [{ name: "from w = 0", x: [0, 0.5, 1], y: [0, 0.5, 1].map(L) }] },
        { title: "L′(w) = (σ(w) − 0.9)·σ′(w)", xLabel: "w", yLabel: "L′", lines: [{ name: "L′(w)", f: dL, range: [-8, 6] }] },
        { title: "L against the step", xLabel: "step", yLabel: "L", yLog: true, lines: [{ name: "from w = 0", x: steps, y: steps.map((k) => 0.1 / (k + 1)) }] },
      ],
      { title: "Gradient descent on one sigmoid unit (η = 1): the flat tail makes the steps short" },
    ),
  "notebook 02: three panels": () =>
    curvesFigure(
      [
        { title: "identity network (regression): ŷ", xLabel: "x1", yLabel: "ŷ", lines: [{ name: "identity, x2 = 0", x: [-0.5, 1.5], y: [0, 1] }] },
        { title: "tanh network (XOR): ŷ and the targets", xLabel: "x1", yLabel: "ŷ", lines: [{ name: "tanh, x2 = 0", x: [-0.5, 1.5], y: [0, 1] }], points: [{ name: "XOR, x2 = 0", x: [0, 1], y: [0, 1] }] },
        { title: "∂ŷ/∂x1 from model.inputGradient", xLabel: "x1", yLabel: "∂ŷ/∂x1", lines: [{ name: "identity, x2 = 1", x: [-0.5, 1.5], y: [1, 1] }] },
      ],
      { title: "A constant f′ gives one slope everywhere; tanh's varying f′ lets the slope change" },
    ),
  "notebook 01: 3-2-1 graph": () => networkFigure(graph321(), { title: "J on one sample: the chain from w14 to the loss" }),
  "network fixture": () => networkFigure(smallNetwork()),
  "activation fixture": () => activationFigure([SIGMOID, RELU], { show: { d2f: true } }),
  "training fixture": () => trainingFigure(trainingHistory(100, 3)),
  "landscape fixture": () => landscapeFigure(twoSlices(30, 31)),
};

describe("static SVG text boxes", () => {
  for (const [name, make] of Object.entries(FIGURES)) {
    it(`${name}: no two labels intersect, none leaves the drawing`, () => {
      const { boxes, width, height } = textBoxes(make().toSvg());
      expect(boxes.length).toBeGreaterThan(5);
      expect(overlaps(boxes)).toEqual([]);
      expect(outside(boxes, width, height)).toEqual([]);
    });
  }
});
