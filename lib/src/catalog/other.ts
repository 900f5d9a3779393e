// The identity, two non-monotonic smooth functions (sin, gaussian) and the Heaviside step.
import type { ActivationEntry, Interval } from "../activation";
import { describe } from "./saturation";
import { expNegSquare, squareMinus } from "../special/exp-square";
import { kink, props, range, REALS } from "./params";

export const identity: ActivationEntry = {
  id: "identity",
  label: "Identity",
  summary: "No activation at all: a stack of linear layers stays linear, which is why activations exist.",
  torch: "torch.nn.Identity()(x)",
  params: {},
  latex: { f: String.raw`f(x)=x`, df: String.raw`f'(x)=1`, d2f: String.raw`f''(x)=0` },
  f: (x) => x,
  df: (x) => (x === x ? 1 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: () =>
    props({
      range: REALS,
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: 0, where: "every x", attained: true },
    }),
};

export const sin: ActivationEntry = {
  id: "sin",
  label: "Sine",
  summary: "A periodic activation (SIREN): its derivative cos x never saturates for good, it comes back every π.",
  torch: "torch.sin(x)",
  params: {},
  latex: { f: String.raw`f(x)=\sin x`, df: String.raw`f'(x)=\cos x`, d2f: String.raw`f''(x)=-\sin x` },
  notes: ["Math.sin reduces huge arguments exactly (Payne–Hanek), so sin(1e300) is right to the last digit."],
  f: (x) => Math.sin(x),
  df: (x) => Math.cos(x),
  d2f: (x) => -Math.sin(x),
  properties: () =>
    props({
      range: range(-1, 1, true, true),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: 0, where: "x = kπ", attained: true },
    }),
  // |cos x| < ε ⇔ x lies within asin(ε) of π/2 + kπ: one interval per period π.
  saturation: (eps) => {
    const intervals: Interval[] =
      eps > 1
        ? [{ lo: -Infinity, hi: Infinity, loClosed: false, hiClosed: false }]
        : [{ lo: Math.PI / 2 - Math.asin(eps), hi: Math.PI / 2 + Math.asin(eps), loClosed: false, hiClosed: false }];
    if (eps > 1) return { eps, intervals, text: describe(eps, intervals) };
    return { eps, intervals, period: Math.PI, text: describe(eps, intervals, ", repeating every π") };
  },
};

export const gaussian: ActivationEntry = {
  id: "gaussian",
  label: "Gaussian",
  summary: "e^(−x²), the radial-basis bump: non-monotonic, even, and saturated on both sides.",
  torch: "torch.exp(-x**2)",
  params: {},
  latex: {
    f: String.raw`f(x)=e^{-x^2}`,
    df: String.raw`f'(x)=-2x\,e^{-x^2}`,
    d2f: String.raw`f''(x)=(4x^2-2)\,e^{-x^2}`,
  },
  notes: [
    "x² is split exactly (Dekker) before exponentiating, and 4x² − 2 is formed without cancellation near x = ±1/√2.",
  ],
  f: (x) => expNegSquare(x),
  df: (x) => {
    const e = expNegSquare(x);
    return e === 0 ? 0 : -2 * x * e; // NB: 0 once e^(−x²) underflows, where x·0 would be NaN at ±∞
  },
  d2f: (x) => {
    const e = expNegSquare(x);
    return e === 0 ? 0 : 4 * squareMinus(x, 0.5) * e;
  },
  properties: () =>
    props({
      range: range(0, 1, false, true),
      monotonic: "no",
      zeroCentred: false,
      symmetry: "even",
      smoothness: "C∞",
      maxAbsDf: {
        value: 0.8577638849607068,
        at: Math.SQRT1_2,
        where: "x = ±1/√2, where |f′| = √2·e^(−1/2)",
        attained: true,
      },
    }),
};

export const step: ActivationEntry = {
  id: "step",
  label: "Heaviside step",
  summary:
    "The perceptron's threshold: its derivative is 0 almost everywhere, so gradient descent cannot train through it.",
  torch: "torch.heaviside(x, torch.tensor(0.0))",
  params: {},
  latex: {
    f: String.raw`H(x)=\begin{cases}1 & x>0\\ 0 & x\le 0\end{cases}`,
    df: String.raw`H'(x)=0\quad(x\ne0;\ \text{a Dirac delta at }0)`,
    d2f: String.raw`H''(x)=0`,
  },
  notes: [
    "Flagged for the lesson on differentiability: f′ = 0 wherever it exists, so no gradient ever flows. H(0) = 0 makes step exactly relu′.",
  ],
  f: (x) => (x > 0 ? 1 : x <= 0 ? 0 : x),
  df: (x) => (x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: () =>
    props({
      range: range(0, 1, true, true, "{0, 1}"),
      monotonic: "non-decreasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "discontinuous",
      maxAbsDf: { value: 0, at: 1, where: "every x: f′ = 0 almost everywhere", attained: true },
      kinks: [
        kink(
          0,
          "f",
          0,
          0,
          "H jumps from 0 to 1 with H(0) = 0; its derivative there is a Dirac delta, which autograd cannot represent: actigrad uses 0 (PyTorch's heaviside has no backward at all)",
        ),
      ],
    }),
};

/** This file's rows, in the order of the docs. */
export const OTHER: readonly ActivationEntry[] = [identity, sin, gaussian, step];
