// The logistic family: sigmoid, log-sigmoid, softplus, SiLU and Mish.
import type { ActivationEntry } from "../activation";
import { log1pUnit, sigmoid as sigma, sigmoidDeriv, softplus as sp } from "../special/logistic";
import { runWasmKernel } from "../vectorized-wasm";
import { positive, props, range } from "./params";

export const sigmoid: ActivationEntry = {
  id: "sigmoid",
  label: "Sigmoid",
  summary: "The logistic function: squashes ℝ to (0, 1); its derivative is at most 1/4, so deep stacks of it shrink gradients.",
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
  // NB: for Float64Arrays the wasm SIMD kernels (vectorized-wasm.ts) compute the same bits as these loops.
  kernels: () => ({
    fArray(x, out) {
      if (runWasmKernel("sigmoid_f", x, out, null)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const r = 1 / (1 + e);
        out[i] = v >= 0 ? r : e * r;
      }
      return out;
    },
    dfArray(x, out) {
      for (let i = 0, n = x.length; i < n; i++) {
        const e = Math.exp(-Math.abs(x[i]));
        const r = 1 / (1 + e);
        out[i] = e * r * r;
      }
      return out;
    },
    fdfArray(x, out, dOut) {
      if (runWasmKernel("sigmoid_fdf", x, out, dOut)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const r = 1 / (1 + e);
        const er = e * r;
        out[i] = v >= 0 ? r : er;
        dOut[i] = er * r;
      }
      return out;
    },
    backwardArray(x, gradOut, gradIn) {
      for (let i = 0, n = x.length; i < n; i++) {
        const e = Math.exp(-Math.abs(x[i]));
        const r = 1 / (1 + e);
        gradIn[i] = gradOut[i] * (e * r * r);
      }
      return gradIn;
    },
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
  kernels: (p) => {
    if (p.beta !== 1) return {};
    // NB: log1pUnit is Math.log1p's algorithm (within 1 ulp of it) in the form the wasm SIMD kernels run lane by
    // lane, so for Float64Arrays they compute the same bits as these loops.
    return {
      fArray(x, out) {
        if (runWasmKernel("softplus_f", x, out, null)) return out;
        for (let i = 0, n = x.length; i < n; i++) {
          const v = x[i];
          const e = Math.exp(-Math.abs(v));
          out[i] = (v > 0 ? v : 0) + log1pUnit(e, 1 / (1 + e));
        }
        return out;
      },
      fdfArray(x, out, dOut) {
        if (runWasmKernel("softplus_fdf", x, out, dOut)) return out;
        for (let i = 0, n = x.length; i < n; i++) {
          const v = x[i];
          const e = Math.exp(-Math.abs(v));
          const r = 1 / (1 + e);
          // NB: v > 0 ? v : 0 maps NaN to 0, but log1pUnit(NaN) still makes out[i] NaN.
          out[i] = (v > 0 ? v : 0) + log1pUnit(e, r);
          dOut[i] = v >= 0 ? r : e * r;
        }
        return out;
      },
    };
  },
};

export const silu: ActivationEntry = {
  id: "silu",
  label: "SiLU (swish)",
  summary: "x·σ(x), the sigmoid-weighted linear unit (swish with β = 1): smooth, non-monotonic, with a small negative dip.",
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
  // NB: for Float64Arrays the wasm SIMD kernels (vectorized-wasm.ts) compute the same bits as these loops.
  // fArray is fdfArray's f (σ as e·(1/(1 + e)), where the scalar f divides): predict and trace agree exactly.
  kernels: () => ({
    fArray(x, out) {
      if (runWasmKernel("silu_f", x, out, null)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const r = 1 / (1 + e);
        const s = v >= 0 ? r : e * r;
        out[i] = s === 0 ? -0 : v * s;
      }
      return out;
    },
    fdfArray(x, out, dOut) {
      if (runWasmKernel("silu_fdf", x, out, dOut)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const e = Math.exp(-Math.abs(v));
        const r = 1 / (1 + e);
        const s = v >= 0 ? r : e * r;
        const d = e * r * r;
        out[i] = s === 0 ? -0 : v * s;
        dOut[i] = d === 0 ? s : s + v * d;
      }
      return out;
    },
  }),
  properties: () =>
    props({
      range: range(-0.2784645427610738, Infinity, true, false, "[−0.278464…, ∞), the minimum at x ≈ −1.278465"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 1.099839320128867, at: 2.3993572805154675, where: "x ≈ 2.399357 (where f″ = 0)", attained: true },
    }),
};

// mishParts' results: module-level so that no tuple is allocated per element.
let mt = 0, ms2 = 0, ms = 0, msm = 0;

/** Sets mt = tanh(softplus(x)), ms2 = 1 − mt², ms = σ(x), msm = σ(−x), from one exponential without cancellation. */
function mishParts(x: number): void {
  if (x > 0) {
    // m = e^(−x): tanh(log(1+e^x)) = (1+2m)/(1+2m+2m²), and 1 − t² = 4m²(1+m)²/(1+2m+2m²)².
    const m = Math.exp(-x);
    const e = 1 + 2 * m + 2 * m * m;
    const q = (2 * m * (1 + m)) / e;
    mt = (1 + 2 * m) / e;
    ms2 = q * q;
    ms = 1 / (1 + m);
    msm = m * ms;
  } else {
    // n = e^x: tanh(log(1+n)) = n(n+2)/((1+n)²+1), and 1 − t² = 4(1+n)²/((1+n)²+1)².
    const n = Math.exp(x);
    const e = (1 + n) * (1 + n) + 1;
    const q = (2 * (1 + n)) / e;
    mt = (n * (n + 2)) / e;
    ms2 = q * q;
    msm = 1 / (1 + n);
    ms = n * msm;
  }
}

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
  notes: ["tanh(softplus(x)) is written as a rational function of e^(−|x|), so neither 1 − t² nor e^x overflows or cancels."],
  f: (x) => {
    mishParts(x);
    return mt === 0 ? -0 : x * mt;
  },
  df: (x) => {
    mishParts(x);
    const g = ms2 * ms;
    return g === 0 ? mt : mt + x * g;
  },
  d2f: (x) => {
    mishParts(x);
    const g = ms2 * ms;
    return g === 0 ? 0 : g * (2 + x * (msm - 2 * mt * ms));
  },
  // NB: for Float64Arrays the wasm SIMD kernels (vectorized-wasm.ts) compute the same bits as these loops.
  kernels: () => ({
    fArray(x, out) {
      if (runWasmKernel("mish_f", x, out, null)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        mishParts(v);
        out[i] = mt === 0 ? -0 : v * mt;
      }
      return out;
    },
    fdfArray(x, out, dOut) {
      if (runWasmKernel("mish_fdf", x, out, dOut)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        mishParts(v);
        const g = ms2 * ms;
        out[i] = mt === 0 ? -0 : v * mt;
        dOut[i] = g === 0 ? mt : mt + v * g;
      }
      return out;
    },
  }),
  properties: () =>
    props({
      range: range(-0.30884341301725043, Infinity, true, false, "[−0.308843…, ∞), the minimum at x ≈ −1.192431"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 1.088498161251728, at: 1.4905711794854284, where: "x ≈ 1.490571 (where f″ = 0)", attained: true },
    }),
};
