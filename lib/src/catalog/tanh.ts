// The tanh family: tanh, tanhshrink, softsign and hardtanh.
import type { ActivationEntry } from "../activation";
import { sech2 } from "../special/logistic";
import { finite, kink, props, range, REALS } from "./params";

export const tanh: ActivationEntry = {
  id: "tanh",
  label: "Tanh",
  summary: "The hyperbolic tangent: a zero-centred sigmoid onto (−1, 1) with slope 1 at the origin.",
  torch: "torch.tanh(x)",
  params: {},
  latex: {
    f: String.raw`\tanh(x)=\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}`,
    df: String.raw`\tanh'(x)=\operatorname{sech}^2(x)=1-\tanh^2(x)`,
    d2f: String.raw`\tanh''(x)=-2\tanh(x)\operatorname{sech}^2(x)`,
  },
  f: (x) => Math.tanh(x),
  df: (x) => sech2(x),
  d2f: (x) => -2 * Math.tanh(x) * sech2(x),
  notes: [
    "f′ is computed as 4e^(−2|x|)/(1+e^(−2|x|))², not 1 − tanh², which is 0 for |x| > 19 although tanh′(20) ≈ 1.7e-17.",
  ],
  properties: () =>
    props({
      range: range(-1, 1, false, false),
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: 0, where: "x = 0", attained: true },
    }),
};

// x − tanh x = Σ c_k x^(2k+1) for |x| < 0.125, where the subtraction would lose up to 3/x² ulps.
const TS3 = 1 / 3,
  TS5 = -2 / 15,
  TS7 = 17 / 315,
  TS9 = -62 / 2835,
  TS11 = 1382 / 155925,
  TS13 = -21844 / 6081075,
  TS15 = 929569 / 638512875,
  TS17 = -0.00059002744094558598;

export const tanhshrink: ActivationEntry = {
  id: "tanhshrink",
  label: "Tanhshrink",
  summary: "x − tanh(x): flat (cubic) near 0 and linear far out; its derivative tanh²(x) vanishes at the origin.",
  torch: "torch.nn.functional.tanhshrink(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=x-\tanh(x)`,
    df: String.raw`f'(x)=\tanh^2(x)`,
    d2f: String.raw`f''(x)=2\tanh(x)\operatorname{sech}^2(x)`,
  },
  notes: [
    "For |x| < 0.125, x − tanh x is summed as its Taylor series x³/3 − 2x⁵/15 + …, since the subtraction cancels (tanhshrink(1e-5) ≈ 3.3e-16).",
  ],
  f: (x) => {
    if (Math.abs(x) < 0.125) {
      const z = x * x;
      return x * z * (TS3 + z * (TS5 + z * (TS7 + z * (TS9 + z * (TS11 + z * (TS13 + z * (TS15 + z * TS17)))))));
    }
    return x - Math.tanh(x);
  },
  df: (x) => {
    const t = Math.tanh(x);
    return t * t;
  },
  d2f: (x) => 2 * Math.tanh(x) * sech2(x),
  properties: () =>
    props({
      range: REALS,
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C∞",
      maxAbsDf: { value: 1, at: Infinity, where: "approached as x → ±∞", attained: false },
    }),
};

export const softsign: ActivationEntry = {
  id: "softsign",
  label: "Softsign",
  summary: "x/(1+|x|): a tanh-like squashing with polynomial instead of exponential tails.",
  torch: "torch.nn.functional.softsign(x)",
  params: {},
  latex: {
    f: String.raw`f(x)=\frac{x}{1+|x|}`,
    df: String.raw`f'(x)=\frac{1}{(1+|x|)^2}`,
    d2f: String.raw`f''(x)=\frac{-2\operatorname{sign}(x)}{(1+|x|)^3}`,
  },
  f: (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : x / (1 + Math.abs(x))),
  df: (x) => {
    const d = 1 + Math.abs(x);
    return 1 / (d * d);
  },
  d2f: (x) => {
    const d = 1 + Math.abs(x);
    return x > 0 ? -2 / (d * d * d) : x < 0 ? 2 / (d * d * d) : x === x ? 0 : x; // +0 at the kink, as declared
  },
  properties: () =>
    props({
      range: range(-1, 1, false, false),
      monotonic: "increasing",
      zeroCentred: true,
      symmetry: "odd",
      smoothness: "C1",
      maxAbsDf: { value: 1, at: 0, where: "x = 0", attained: true },
      kinks: [
        kink(
          0,
          "d2f",
          1,
          0,
          "f″ jumps from 2 to −2; autograd differentiates |x| with sign(0) = 0 (PyTorch's abs_backward), so f″(0) = 0",
        ),
      ],
    }),
};

export const hardtanh: ActivationEntry = {
  id: "hardtanh",
  label: "Hardtanh",
  summary: "The identity clipped to [min, max]: cheap, but its gradient is exactly 0 outside the band.",
  torch: "torch.nn.functional.hardtanh(x, min_val=-1.0, max_val=1.0)",
  params: {
    minVal: finite(-1, "lower clip value"),
    maxVal: finite(1, "upper clip value"),
  },
  check: (p) =>
    p.minVal < p.maxVal ? undefined : `parameter "minVal" (${p.minVal}) must be less than "maxVal" (${p.maxVal})`,
  latex: {
    f: String.raw`f(x)=\min\big(\max(x,\ \mathrm{min}),\ \mathrm{max}\big)`,
    df: String.raw`f'(x)=\begin{cases}1 & \mathrm{min}<x<\mathrm{max}\\ 0 & \text{otherwise}\end{cases}`,
    d2f: String.raw`f''(x)=0`,
  },
  f: (x, p) => (x < p.minVal ? p.minVal : x > p.maxVal ? p.maxVal : x),
  df: (x, p) => (x > p.minVal && x < p.maxVal ? 1 : x === x ? 0 : x),
  d2f: (x) => (x === x ? 0 : x),
  properties: (p) =>
    props({
      range: range(p.minVal, p.maxVal, true, true),
      monotonic: "non-decreasing",
      zeroCentred: p.minVal < 0 && p.maxVal > 0,
      symmetry: p.minVal === -p.maxVal ? "odd" : "none",
      smoothness: "C0",
      maxAbsDf: { value: 1, at: (p.minVal + p.maxVal) / 2, where: `${p.minVal} < x < ${p.maxVal}`, attained: true },
      kinks: [p.minVal, p.maxVal].map((x) =>
        kink(
          x,
          "df",
          0,
          0,
          "PyTorch's hardtanh_backward passes the gradient only where min < x < max, so f′ = 0 at both bounds",
        ),
      ),
    }),
};

/** This file's rows, in the order of the docs. */
export const TANH: readonly ActivationEntry[] = [tanh, tanhshrink, softsign, hardtanh];
