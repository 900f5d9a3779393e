// The rectifier family: ReLU, Leaky ReLU, ReLU6, ELU, SELU and CELU.
// NB: every piecewise branch is written so that NaN falls through to a NaN result (NaN in, NaN out).
import type { ActivationEntry, ArrayKernels } from "../activation";
import { runWasmKernel } from "../vectorized-wasm";
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
  // NB: branch-free where it matters: p = +(x > 0) compiles to a flag, and p·x + 0 is x, +0 (for −0), or NaN only
  // at −∞ and NaN, which the rarely taken, well-predicted t !== t branch fixes. A branch on the sign costs a
  // misprediction per random element: 5.7 → 1.5 ms at N = 1e6 (bench/README.md). For Float64Arrays f and f+f′
  // run in wasm SIMD (two masks a pair, same bits): f+f′ at N = 1e6 2.3 → 0.7 ms, copies in and out included.
  kernels: () => ({
    fArray(x, out) {
      if (runWasmKernel("relu_f", x, out, null)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const t = +(v > 0) * v + 0;
        out[i] = t === t ? t : v === v ? 0 : v;
      }
      return out;
    },
    dfArray(x, out) {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        out[i] = v === v ? +(v > 0) : v;
      }
      return out;
    },
    fdfArray(x, out, dOut) {
      if (runWasmKernel("relu_fdf", x, out, dOut)) return out;
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        const p = +(v > 0);
        const t = p * v + 0;
        out[i] = t === t ? t : v === v ? 0 : v;
        dOut[i] = v === v ? p : v;
      }
      return out;
    },
    backwardArray(x, gradOut, gradIn) {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        gradIn[i] = v > 0 ? gradOut[i] : v <= 0 ? 0 : v;
      }
      return gradIn;
    },
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
          : [kink(0, "df", a, 0, "PyTorch's leaky_relu_backward uses x > 0 ? 1 : negative_slope, so f′(0) = the slope")],
    });
  },
  kernels: (p) => {
    const a = p.negativeSlope;
    return {
      fArray(x, out) {
        for (let i = 0, n = x.length; i < n; i++) {
          const v = x[i];
          out[i] = v > 0 ? v : a * v;
        }
        return out;
      },
      fdfArray(x, out, dOut) {
        for (let i = 0, n = x.length; i < n; i++) {
          const v = x[i];
          if (v > 0) {
            out[i] = v;
            dOut[i] = 1;
          } else {
            out[i] = a * v;
            dOut[i] = v <= 0 ? a : v;
          }
        }
        return out;
      },
    };
  },
};

const BOUNDS_KINK = "PyTorch computes relu6 as hardtanh(x, 0, 6), whose backward passes the gradient only where 0 < x < 6, so f′ = 0 at both";

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

/**
 * Fused f and f′ for the ELU family, f = scale·x (x > 0) or amp·(e^(x·k) − 1), f′ = scale or amp·k·e^(x·k):
 * one exponential per element — expm1 near 0 (where e − 1 cancels), exp below (where 1 + expm1 would).
 */
function eluKernels(scale: number, amp: number, k: number): Partial<ArrayKernels> {
  const ampk = amp * k;
  return {
    // NB: fdfArray's f, not the scalar amp·expm1 (e − 1 differs from it in the last bit below −½):
    // predict and trace give the same bits.
    fArray(x, out) {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        if (v > 0) out[i] = scale * v;
        else {
          const u = v * k;
          out[i] = amp * (u > -0.5 ? Math.expm1(u) : Math.exp(u) - 1);
        }
      }
      return out;
    },
    fdfArray(x, out, dOut) {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        if (v > 0) {
          out[i] = scale * v;
          dOut[i] = scale;
        } else {
          const u = v * k;
          let e: number, m: number;
          if (u > -0.5) {
            m = Math.expm1(u);
            e = 1 + m;
          } else {
            e = Math.exp(u);
            m = e - 1;
          }
          out[i] = amp * m;
          dOut[i] = ampk * e;
        }
      }
      return out;
    },
  };
}

const ELU_KINK = "PyTorch's elu_backward takes the x ≤ 0 branch at 0";

export const elu: ActivationEntry = {
  id: "elu",
  label: "ELU",
  summary: "Exponential linear unit: identity for x > 0, α(eˣ − 1) below, so outputs can be negative and mean activations sit nearer 0.",
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
  kernels: (p) => eluKernels(1, p.alpha, 1),
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
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
const SELU_AS = SELU_ALPHA * SELU_SCALE;

export const selu: ActivationEntry = {
  id: "selu",
  label: "SELU",
  summary: "Scaled ELU with constants chosen so activations self-normalise to mean 0 and variance 1 through deep stacks.",
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
  kernels: () => eluKernels(SELU_SCALE, SELU_AS, 1),
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
  kernels: (p) => (p.alpha === 1 ? eluKernels(1, 1, 1) : {}), // NB: x·(1/α) ≠ x/α in the last bit; keep the scalar form
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
