// Figures like the notebook series' crowded ones (notebook 01's descent curves and 3-2-1 graph, notebook 02's three
// panels) and one fixture of every kind, for the label and agreement tests.
import { net321, net321Data, tensor, toNetworkGraph } from "../../lib/src/index";
import { activationFigure } from "../../lib/src/figure/activation-figure";
import { curvesFigure } from "../../lib/src/figure/curves-figure";
import type { Figure } from "../../lib/src/figure/figure";
import { landscapeFigure } from "../../lib/src/figure/landscape-figure";
import { networkFigure } from "../../lib/src/figure/network-figure";
import { trainingFigure } from "../../lib/src/figure/training-figure";
import { RELU, SIGMOID, smallNetwork, trainingHistory, twoSlices } from "./figure-fixtures";

const sigma = (x: number) => 1 / (1 + Math.exp(-x));
const L = (w: number) => 0.5 * (sigma(w) - 0.9) ** 2;
const dL = (w: number) => (sigma(w) - 0.9) * sigma(w) * (1 - sigma(w));
const steps = Array.from({ length: 60 }, (_, k) => k);

/** The 3-2-1 graph of notebook 01: J on one sample, w14's paths highlighted. */
export function graph321() {
  const data = net321Data({ n: 4, seed: 0 });
  const net = net321(6);
  const P = net.params;
  const first = { x: tensor(1, 3, data.x.data.subarray(0, 3)), y: tensor(1, 1, [data.y.data[0]]) };
  return toNetworkGraph(net.loss(first), { explain: [P.w14, P.w46, P.b6], selected: P.w14 });
}

export const SERIES_FIGURES: Record<string, () => Figure> = {
  "notebook 01: descent curves": () =>
    curvesFigure(
      [
        {
          title: "L(w) = ½(σ(w) − 0.9)², and the first 20 steps",
          xLabel: "w",
          yLabel: "L",
          lines: [{ name: "L(w)", f: L, range: [-8, 6] }],
          points: [{ name: "from w = 0", x: [0, 0.5, 1], y: [0, 0.5, 1].map(L) }],
        },
        {
          title: "L′(w) = (σ(w) − 0.9)·σ′(w)",
          xLabel: "w",
          yLabel: "L′",
          lines: [{ name: "L′(w)", f: dL, range: [-8, 6] }],
        },
        {
          title: "L against the step",
          xLabel: "step",
          yLabel: "L",
          yLog: true,
          lines: [{ name: "from w = 0", x: steps, y: steps.map((k) => 0.1 / (k + 1)) }],
        },
      ],
      { title: "Gradient descent on one sigmoid unit (η = 1): the flat tail makes the steps short" },
    ),
  "notebook 02: three panels": () =>
    curvesFigure(
      [
        {
          title: "identity network (regression): ŷ",
          xLabel: "x1",
          yLabel: "ŷ",
          lines: [{ name: "identity, x2 = 0", x: [-0.5, 1.5], y: [0, 1] }],
        },
        {
          title: "tanh network (XOR): ŷ and the targets",
          xLabel: "x1",
          yLabel: "ŷ",
          lines: [{ name: "tanh, x2 = 0", x: [-0.5, 1.5], y: [0, 1] }],
          points: [{ name: "XOR, x2 = 0", x: [0, 1], y: [0, 1] }],
        },
        {
          title: "∂ŷ/∂x1 from model.inputGradient",
          xLabel: "x1",
          yLabel: "∂ŷ/∂x1",
          lines: [{ name: "identity, x2 = 1", x: [-0.5, 1.5], y: [1, 1] }],
        },
      ],
      { title: "A constant f′ gives one slope everywhere; tanh's varying f′ lets the slope change" },
    ),
  "notebook 01: 3-2-1 graph": () =>
    networkFigure(graph321(), { title: "J on one sample: the chain from w14 to the loss" }),
  "network fixture": () => networkFigure(smallNetwork()),
  "activation fixture": () => activationFigure([SIGMOID, RELU], { show: { d2f: true } }),
  "training fixture": () => trainingFigure(trainingHistory(100, 3)),
  "landscape fixture": () => landscapeFigure(twoSlices(30, 31)),
  "curves fixture: bands, groups, markers, log axes": () =>
    curvesFigure(
      [
        {
          title: "Trained on [−π, π]",
          lines: [
            { name: "sin(x)", f: Math.sin, range: [-4 * Math.PI, 4 * Math.PI], dash: "dot" },
            { name: "tanh net", f: Math.tanh, range: [-4 * Math.PI, 4 * Math.PI] },
          ],
          points: [
            {
              name: "data",
              x: [-3, -1, 0, 1, 3, 7, 10],
              y: [-3, -1, 0, 1, 3, 7, 10].map(Math.sin),
              group: ["train", "train", "train", "train", "train", "held out", "held out"],
            },
          ],
          bands: [
            { from: -Math.PI, to: Math.PI, label: "training range" },
            { from: 2, to: 6, label: "a second, overlapping range" },
          ],
        },
        {
          title: "MSE by step (log–log)",
          xLabel: "step",
          yLabel: "MSE",
          xLog: true,
          yLog: true,
          lines: [{ name: "train MSE", x: [1, 10, 100, 1000], y: [1, 0.1, 0.05, 0.001], markers: true }],
        },
      ],
      { title: "Curves of every sort" },
    ),
};

/** The panel figures (not the network graph, which has its own pixel scene). */
export const PANEL_FIGURES = Object.fromEntries(
  Object.entries(SERIES_FIGURES).filter(([name]) => !/network|graph/.test(name)),
);
