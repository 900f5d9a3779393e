// Piecewise-linear cheap approximations and shrinkage functions: hardsigmoid, hardswish, softshrink, hardshrink.
// NB: every piecewise branch is written so that NaN falls through to a NaN result (NaN in, NaN out).
import type { ActivationEntry } from "../activation";
import { kink, positive, props, range, REALS } from "./params";

export const hardsigmoid: ActivationEntry = {
  id: "hardsigmoid",
  label: "Hardsigmoid",
  summary:
    "relu6(x + 3)/6: a piecewise-linear sigmoid for mobile networks; its gradient is 1/6 on (−3, 3) and 0 outside.",
  torch: "torch.nn.functional.hardsigmoid(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\frac{\min\big(\max(x+3,0),6\big)}{6}`,
    df: String.raw`f'(x)=\begin{cases}1/6 & -3<x<3\\ 0 & \text{otherwise}\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  // NB: (x+3)/6, not x/6 + 1/2: the latter cancels near x = −3.
  f: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6),
  df: (x) => (x > -3 && x < 3 ? 1 / 6 : x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: () =>
    props({
      range: range(0, 1, true, true),
      monotonic: "non-decreasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C0",
      maxAbsDf: { value: 1 / 6, at: 0, where: "−3 < x < 3", attained: true },
      kinks: [-3, 3].map((x) =>
        kink(x, "df", 0, 0, "PyTorch's hardsigmoid_backward passes grad/6 only where −3 < x < 3, so f′(±3) = 0"),
      ),
    }),
};

const HARDSWISH_KINK = "PyTorch's hardswish_backward: 0 for x < −3, x/3 + 1/2 for −3 ≤ x ≤ 3, 1 above";

export const hardswish: ActivationEntry = {
  id: "hardswish",
  label: "Hardswish",
  summary: "x·relu6(x + 3)/6: the piecewise-quadratic SiLU of MobileNetV3.",
  torch: "torch.nn.functional.hardswish(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=x\,\frac{\min\big(\max(x+3,0),6\big)}{6}`,
    df: String.raw`f'(x)=\begin{cases}0 & x<-3\\ \frac{2x+3}{6} & -3\le x\le 3\\ 1 & x>3\end{cases}`,
    d2f: String.raw`f''(x)=\begin{cases}1/3 & -3<x<3\\ 0 & \text{otherwise}\end{cases}`,
  },
  f: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6),
  // NB: (2x+3)/6 rather than x/3 + 1/2, which cancels near the minimum at x = −1.5.
  df: (x) => (x < -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : x > 3 ? 1 : x),
  d2f: (x) => (x > -3 && x < 3 ? 1 / 3 : x === x ? 0 : x),
  properties: () =>
    props({
      range: range(-0.375, Infinity, true, false),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C0",
      maxAbsDf: {
        value: 1.5,
        at: 3,
        where: "x = 3 (PyTorch's x ≤ 3 branch; also the limit from the left)",
        attained: true,
      },
      kinks: [
        kink(-3, "df", -0.5, 0, `${HARDSWISH_KINK}, so f′(−3) = −1/2 although f′ = 0 just left of it; f″(±3) = 0`),
        kink(3, "df", 1.5, 0, `${HARDSWISH_KINK}, so f′(3) = 3/2 although f′ = 1 just right of it; f″(±3) = 0`),
      ],
    }),
};

const SHRINK_KINK = "PyTorch's shrink backward passes the gradient only where |x| > λ, so f′(±λ) = 0";

export const softshrink: ActivationEntry = {
  id: "softshrink",
  label: "Softshrink",
  summary:
    "Soft thresholding: moves x towards 0 by λ and zeroes |x| ≤ λ (the proximal map of λ|x|, as in sparse coding).",
  torch: "torch.nn.functional.softshrink(x, lambd=0.5)",
  params: { lambd: positive(0.5, "λ: the half-width of the dead zone") },
  latex: {
    f: String.raw`f(x)=\begin{cases}x-\lambda & x>\lambda\\ x+\lambda & x<-\lambda\\ 0 & \text{otherwise}\end{cases}`,
    df: String.raw`f'(x)=\begin{cases}1 & |x|>\lambda\\ 0 & |x|\le\lambda\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  notes: ["λ must be > 0 (PyTorch also accepts 0, where softshrink is the identity with f′(0) = 0)."],
  f: (x, p) => (x > p.lambd ? x - p.lambd : x < -p.lambd ? x + p.lambd : x === x ? 0 : x),
  df: (x, p) => (x > p.lambd || x < -p.lambd ? 1 : x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: (p) =>
    props({
      range: REALS,
      monotonic: "non-decreasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C0",
      maxAbsDf: { value: 1, at: p.lambd + 1, where: "|x| > λ", attained: true },
      kinks: [-p.lambd, p.lambd].map((x) => kink(x, "df", 0, 0, SHRINK_KINK)),
    }),
};

export const hardshrink: ActivationEntry = {
  id: "hardshrink",
  label: "Hardshrink",
  summary: "Hard thresholding: keeps x where |x| > λ and zeroes the rest, so f jumps at ±λ.",
  torch: "torch.nn.functional.hardshrink(x, lambd=0.5)",
  params: { lambd: positive(0.5, "λ: the half-width of the dead zone") },
  latex: {
    f: String.raw`f(x)=\begin{cases}x & |x|>\lambda\\ 0 & |x|\le\lambda\end{cases}`,
    df: String.raw`f'(x)=\begin{cases}1 & |x|>\lambda\\ 0 & |x|\le\lambda\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  notes: ["λ must be > 0 (PyTorch also accepts 0, where hardshrink is the identity with f(0) = 0 and f′(0) = 0)."],
  f: (x, p) => (x > p.lambd || x < -p.lambd ? x : x === x ? 0 : x),
  df: (x, p) => (x > p.lambd || x < -p.lambd ? 1 : x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: (p) =>
    props({
      range: range(-Infinity, Infinity, false, false, `(−∞, −λ) ∪ {0} ∪ (λ, ∞) with λ = ${p.lambd}`),
      monotonic: "non-decreasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "discontinuous",
      maxAbsDf: { value: 1, at: p.lambd + 1, where: "|x| > λ", attained: true },
      kinks: [-p.lambd, p.lambd].map((x) =>
        kink(x, "f", 0, 0, `f jumps by λ; f(±λ) = 0 (PyTorch keeps x only where |x| > λ); ${SHRINK_KINK}`),
      ),
    }),
};

/** This file's rows, in the order of the docs. */
export const HARD: readonly ActivationEntry[] = [hardsigmoid, hardswish, softshrink, hardshrink];
