// The logistic family: sigmoid, log-sigmoid, softplus, SiLU and Mish.
import type { ActivationEntry } from "../activation";
import { sigmoid as sigma, sigmoidDeriv, softplus as sp } from "../special/logistic";
import { mishParts, mp } from "../special/mish";
import { positive, props, range } from "./params";

export const sigmoid: ActivationEntry = {
  id: "sigmoid",
  label: "Sigmoid",
  summary:
    "The logistic function: squashes ℝ to (0, 1); its derivative is at most 1/4, so deep stacks of it shrink gradients.",
  torch: "torch.sigmoid(x)",
  params: {},
  latex: {
    f: String.raw`\sigma(x)=\frac{1}{1+e^{-x}}`,
    df: String.raw`\sigma'(x)=\sigma(x)\,\sigma(-x)=\frac{e^{-|x|}}{(1+e^{-|x|})^2}`,
    d2f: String.raw`\sigma''(x)=-\sigma'(x)\tanh\frac{x}{2}`,
  },
  f: (x) => sigma(x),
  // NB: σ(x)·σ(−x) instead of σ(1−σ): 1−σ cancels for large x.
  df: (x) => sigmoidDeriv(x),
  d2f: (x) => -sigmoidDeriv(x) * Math.tanh(x / 2),
  properties: () =>
    props({
      range: range(0, 1, false, false),
      monotonic: "increasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 0.25, at: 0, where: "x = 0", attained: true },
    }),
};

export const logsigmoid: ActivationEntry = {
  id: "logsigmoid",
  label: "Log-sigmoid",
  summary: "log σ(x) = −softplus(−x): the log-probability a logistic unit assigns; used inside losses.",
  torch: "torch.nn.functional.logsigmoid(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\log\sigma(x)=-\log\left(1+e^{-x}\right)`,
    df: String.raw`f'(x)=\sigma(-x)=1-\sigma(x)`,
    d2f: String.raw`f''(x)=-\sigma(x)\,\sigma(-x)`,
  },
  // NB: min(x,0) − log1p(e^(−|x|)): logsigmoid(−1000) = −1000, not −Infinity.
  f: (x) => -sp(-x),
  df: (x) => sigma(-x),
  d2f: (x) => -sigmoidDeriv(x),
  properties: () =>
    props({
      range: range(-Infinity, 0, false, false),
      monotonic: "increasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: -Infinity, where: "approached as x → −∞", attained: false },
    }),
};

export const softplus: ActivationEntry = {
  id: "softplus",
  label: "Softplus",
  summary: "A smooth ReLU, log(1 + e^(βx))/β; its derivative is the sigmoid σ(βx).",
  torch: "torch.nn.functional.softplus(x, beta=1, threshold=inf)",
  params: { beta: positive(1, "β: sharpness; softplus → ReLU as β → ∞") },
  latex: {
    f: String.raw`f(x)=\frac{1}{\beta}\log\left(1+e^{\beta x}\right)`,
    df: String.raw`f'(x)=\sigma(\beta x)`,
    d2f: String.raw`f''(x)=\beta\,\sigma(\beta x)\,\sigma(-\beta x)`,
  },
  f: (x, p) => (p.beta === 1 ? sp(x) : sp(p.beta * x) / p.beta),
  df: (x, p) => sigma(p.beta * x),
  d2f: (x, p) => p.beta * sigmoidDeriv(p.beta * x),
  notes: [
    "Exact for every x: PyTorch's default threshold = 20 returns x itself once βx > 20 (an error of e^(−20) ≈ 2e-9); actigrad uses max(βx, 0) + log1p(e^(−|βx|)), which is exact everywhere and never overflows (softplus(1000) = 1000).",
  ],
  properties: () =>
    props({
      range: range(0, Infinity, false, false),
      monotonic: "increasing",
      zeroCentred: false,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: Infinity, where: "approached as x → ∞", attained: false },
    }),
};

export const silu: ActivationEntry = {
  id: "silu",
  label: "SiLU (swish)",
  summary:
    "x·σ(x), the sigmoid-weighted linear unit (swish with β = 1): smooth, non-monotonic, with a small negative dip.",
  torch: "torch.nn.functional.silu(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=x\,\sigma(x)`,
    df: String.raw`f'(x)=\sigma(x)+x\,\sigma'(x)=\sigma(x)\left(1+x\,\sigma(-x)\right)`,
    d2f: String.raw`f''(x)=\sigma'(x)\left(2-x\tanh\frac{x}{2}\right)`,
  },
  f: (x) => {
    const s = sigma(x);
    return s === 0 ? -0 : x * s; // NB: s = 0 only for x < −745, where x·s would be NaN at −∞
  },
  df: (x) => {
    const d = sigmoidDeriv(x);
    return d === 0 ? sigma(x) : sigma(x) + x * d;
  },
  d2f: (x) => {
    const d = sigmoidDeriv(x);
    return d === 0 ? 0 : d * (2 - x * Math.tanh(x / 2));
  },
  properties: () =>
    props({
      range: range(-0.2784645427610738, Infinity, true, false, "[−0.278464…, ∞), the minimum at x ≈ −1.278465"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: {
        value: 1.099839320128867,
        at: 2.3993572805154675,
        where: "x ≈ 2.399357 (where f″ = 0)",
        attained: true,
      },
    }),
};

export const mish: ActivationEntry = {
  id: "mish",
  label: "Mish",
  summary: "x·tanh(softplus(x)): smooth and non-monotonic like SiLU, with a slightly deeper negative dip.",
  torch: "torch.nn.functional.mish(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=x\tanh\big(\operatorname{softplus}(x)\big)`,
    df: String.raw`f'(x)=t+x\,(1-t^2)\,\sigma(x),\quad t=\tanh\big(\operatorname{softplus}(x)\big)`,
    d2f: String.raw`f''(x)=(1-t^2)\,\sigma(x)\,\big(2+x\,(\sigma(-x)-2t\,\sigma(x))\big)`,
  },
  notes: [
    "tanh(softplus(x)) is written as a rational function of e^(−|x|), so neither 1 − t² nor e^x overflows or cancels.",
  ],
  f: (x) => {
    mishParts(x);
    return mp.t === 0 ? -0 : x * mp.t;
  },
  df: (x) => {
    mishParts(x);
    const g = mp.t2c * mp.s;
    return g === 0 ? mp.t : mp.t + x * g;
  },
  d2f: (x) => {
    mishParts(x);
    const g = mp.t2c * mp.s;
    return g === 0 ? 0 : g * (2 + x * (mp.sm - 2 * mp.t * mp.s));
  },
  properties: () =>
    props({
      range: range(-0.30884341301725043, Infinity, true, false, "[−0.308843…, ∞), the minimum at x ≈ −1.192431"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: {
        value: 1.088498161251728,
        at: 1.4905711794854284,
        where: "x ≈ 1.490571 (where f″ = 0)",
        attained: true,
      },
    }),
};

/** This file's rows, in the order of the docs. */
export const LOGISTIC: readonly ActivationEntry[] = [sigmoid, logsigmoid, softplus, silu, mish];
