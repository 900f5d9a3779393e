// The rectifier family: ReLU, Leaky ReLU, ReLU6, ELU, SELU and CELU.
// NB: every piecewise branch is written so that NaN falls through to a NaN result (NaN in, NaN out).
import type { ActivationEntry } from "../activation";
import { finite, kink, positive, props, range, REALS } from "./params";

const RELU_KINK = "PyTorch's threshold_backward passes the gradient only where x > 0, so relu′(0) = 0 (and f″(0) = 0)";

export const relu: ActivationEntry = {
  id: "relu",
  label: "ReLU",
  summary: "max(x, 0): gradient exactly 1 for active units and exactly 0 for inactive ones (the 'dying ReLU').",
  torch: "torch.relu(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\max(x,0)`,
    df: String.raw`f'(x)=\begin{cases}1 & x>0\\ 0 & x\le 0\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  f: (x) => (x > 0 ? x : x <= 0 ? 0 : x),
  df: (x) => (x > 0 ? 1 : x <= 0 ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: () =>
    props({
      range: range(0, Infinity, true, false),
      monotonic: "non-decreasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C0",
      maxAbsDf: { value: 1, at: 1, where: "x > 0", attained: true },
      kinks: [kink(0, "df", 0, 0, RELU_KINK)],
    }),
};

export const leaky_relu: ActivationEntry = {
  id: "leaky_relu",
  label: "Leaky ReLU",
  summary: "ReLU with a small slope for x < 0, so inactive units still pass a gradient.",
  torch: "torch.nn.functional.leaky_relu(x, negative_slope=0.01)",
  params: { negativeSlope: finite(0.01, "slope for x ≤ 0") },
  latex: {
    f: String.raw`f(x)=\begin{cases}x & x>0\\ a\,x & x\le 0\end{cases}\quad(a=\text{negativeSlope})`,
    df: String.raw`f'(x)=\begin{cases}1 & x>0\\ a & x\le 0\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  f: (x, p) => (x > 0 ? x : p.negativeSlope * x),
  df: (x, p) => (x > 0 ? 1 : x <= 0 ? p.negativeSlope : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: (p) => {
    const a = p.negativeSlope;
    const big = Math.abs(a) > 1;
    return props({
      range: a > 0 ? REALS : range(0, Infinity, true, false),
      monotonic: a > 0 ? "increasing" : a === 0 ? "non-decreasing" : "no",
      zeroCentred: a > 0,
      symmetry: a === 1 ? "odd" : a === -1 ? "even" : "none",
      smoothness: a === 1 ? "C∞" : "C0",
      maxAbsDf:
        Math.abs(a) === 1
          ? { value: 1, at: 1, where: "every x", attained: true }
          : { value: big ? Math.abs(a) : 1, at: big ? -1 : 1, where: big ? "x ≤ 0" : "x > 0", attained: true },
      kinks:
        a === 1
          ? []
          : [
              kink(
                0,
                "df",
                a,
                0,
                "PyTorch's leaky_relu_backward uses x > 0 ? 1 : negative_slope, so f′(0) = the slope",
              ),
            ],
    });
  },
};

const BOUNDS_KINK =
  "PyTorch computes relu6 as hardtanh(x, 0, 6), whose backward passes the gradient only where 0 < x < 6, so f′ = 0 at both";

export const relu6: ActivationEntry = {
  id: "relu6",
  label: "ReLU6",
  summary: "ReLU capped at 6 (from mobile networks, where activations must fit low-precision ranges).",
  torch: "torch.nn.functional.relu6(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\min\big(\max(x,0),6\big)`,
    df: String.raw`f'(x)=\begin{cases}1 & 0<x<6\\ 0 & \text{otherwise}\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  f: (x) => (x > 6 ? 6 : x > 0 ? x : x <= 0 ? 0 : x),
  df: (x) => (x > 0 && x < 6 ? 1 : x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: () =>
    props({
      range: range(0, 6, true, true),
      monotonic: "non-decreasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C0",
      maxAbsDf: { value: 1, at: 3, where: "0 < x < 6", attained: true },
      kinks: [kink(0, "df", 0, 0, BOUNDS_KINK), kink(6, "df", 0, 0, BOUNDS_KINK)],
    }),
};

const ELU_KINK = "PyTorch's elu_backward takes the x ≤ 0 branch at 0";

export const elu: ActivationEntry = {
  id: "elu",
  label: "ELU",
  summary:
    "Exponential linear unit: identity for x > 0, α(eˣ − 1) below, so outputs can be negative and mean activations sit nearer 0.",
  torch: "torch.nn.functional.elu(x, alpha=1.0)",
  params: { alpha: positive(1, "α: the value −α approached as x → −∞") },
  latex: {
    f: String.raw`f(x)=\begin{cases}x & x>0\\ \alpha\,(e^{x}-1) & x\le 0\end{cases}`,
    df: String.raw`f'(x)=\begin{cases}1 & x>0\\ \alpha\,e^{x} & x\le 0\end{cases}`,
    d2f: String.raw`f''(x)=\begin{cases}0 & x>0\\ \alpha\,e^{x} & x\le 0\end{cases}`,
  },
  notes: ["e^x − 1 is computed with expm1, so f(1e-300·(−1)) is −1e-300·α, not 0."],
  f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x)),
  df: (x, p) => (x > 0 ? 1 : p.alpha * Math.exp(x)),
  d2f: (x, p) => (x > 0 ? 0 : p.alpha * Math.exp(x)),
  properties: (p) => {
    const a = p.alpha;
    return props({
      range: range(-a, Infinity, false, false),
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "none",
      smoothness: a === 1 ? "C1" : "C0",
      maxAbsDf:
        a > 1
          ? { value: a, at: 0, where: "x = 0 (the x ≤ 0 branch)", attained: true }
          : { value: 1, at: 1, where: a === 1 ? "x ≥ 0" : "x > 0", attained: true },
      kinks: [kink(0, a === 1 ? "d2f" : "df", a, a, `${ELU_KINK}: f′(0) = α, f″(0) = α`)],
    });
  },
};

// NB: the constants of Klambauer et al. (2017) as PyTorch spells them; both round to the doubles used here.
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_AS = SELU_ALPHA * SELU_SCALE;

export const selu: ActivationEntry = {
  id: "selu",
  label: "SELU",
  summary:
    "Scaled ELU with constants chosen so activations self-normalise to mean 0 and variance 1 through deep stacks.",
  torch: "torch.nn.functional.selu(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\lambda\begin{cases}x & x>0\\ \alpha\,(e^{x}-1) & x\le 0\end{cases}\quad(\lambda\approx1.0507,\ \alpha\approx1.6733)`,
    df: String.raw`f'(x)=\lambda\begin{cases}1 & x>0\\ \alpha\,e^{x} & x\le 0\end{cases}`,
    d2f: String.raw`f''(x)=\lambda\begin{cases}0 & x>0\\ \alpha\,e^{x} & x\le 0\end{cases}`,
  },
  f: (x) => (x > 0 ? SELU_SCALE * x : SELU_AS * Math.expm1(x)),
  df: (x) => (x > 0 ? SELU_SCALE : SELU_AS * Math.exp(x)),
  d2f: (x) => (x > 0 ? 0 : SELU_AS * Math.exp(x)),
  properties: () =>
    props({
      range: range(-SELU_AS, Infinity, false, false, "(−λα, ∞) ≈ (−1.758099, ∞)"),
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C0",
      maxAbsDf: { value: SELU_AS, at: 0, where: "x = 0 (the x ≤ 0 branch); λ = 1.0507 for x > 0", attained: true },
      kinks: [kink(0, "df", SELU_AS, SELU_AS, `${ELU_KINK}: f′(0) = f″(0) = λα`)],
    }),
};

export const celu: ActivationEntry = {
  id: "celu",
  label: "CELU",
  summary: "Continuously differentiable ELU: α(e^(x/α) − 1) for x ≤ 0, so f′ is continuous for every α.",
  torch: "torch.nn.functional.celu(x, alpha=1.0)",
  params: { alpha: positive(1, "α: the value −α approached as x → −∞") },
  latex: {
    f: String.raw`f(x)=\begin{cases}x & x>0\\ \alpha\,(e^{x/\alpha}-1) & x\le 0\end{cases}`,
    df: String.raw`f'(x)=\begin{cases}1 & x>0\\ e^{x/\alpha} & x\le 0\end{cases}`,
    d2f: String.raw`f''(x)=\begin{cases}0 & x>0\\ e^{x/\alpha}/\alpha & x\le 0\end{cases}`,
  },
  f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x / p.alpha)),
  df: (x, p) => (x > 0 ? 1 : Math.exp(x / p.alpha)),
  d2f: (x, p) => (x > 0 ? 0 : Math.exp(x / p.alpha) / p.alpha),
  properties: (p) =>
    props({
      range: range(-p.alpha, Infinity, false, false),
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C1",
      maxAbsDf: { value: 1, at: 1, where: "x ≥ 0", attained: true },
      kinks: [kink(0, "d2f", 1, 1 / p.alpha, `${ELU_KINK} (celu is elu with input scale 1/α): f′(0) = 1, f″(0) = 1/α`)],
    }),
};

/** This file's rows, in the order of the docs. */
export const RECTIFIERS: readonly ActivationEntry[] = [relu, leaky_relu, relu6, elu, selu, celu];
