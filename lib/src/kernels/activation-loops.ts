// Hand-written array loops of catalog rows, bound by id: the speed side of the activation table. A row without an
// entry here gets `genericKernels` (a loop over its scalar f and f′); these loops buy fusion (one exp for f and f′)
// and, for the piecewise-linear rows, no call at all. For Float64Arrays the wasm SIMD kernels (activation-wasm.ts)
// run first where they exist and compute the same bits as these loops.
// NB: each fArray is its fdfArray's f, not the scalar f (which may differ in the last bits): model.predict and
// model.trace give the same bits.
import type { Params } from "../activation";
import { SELU_AS, SELU_SCALE } from "../catalog/relu";
import { erfc, erfcTailLogOf } from "../special/erf";
import { expNegHalfSquare } from "../special/exp-square";
import { log1pUnit } from "../special/logistic";
import { mishParts, mp } from "../special/mish";
import { runWasmKernel } from "./activation-wasm";
import type { ArrayKernels } from "./array-kernels";

type Loops = (p: Params) => Partial<ArrayKernels>;

const INV_SQRT_2PI = 0.3989422804014327;
const GELU_K = 0.7978845608028654; // √(2/π), as catalog/gelu.ts
const GELU_A = 0.044715;

const identity: Loops = () => ({
  fArray(x, out) {
    if (out !== x) out.set(x);
    return out;
  },
  fdfArray(x, out, dOut) {
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      out[i] = v;
      dOut[i] = v === v ? 1 : v;
    }
    return out;
  },
});

// NB: branch-free where it matters: p = +(x > 0) compiles to a flag, and p·x + 0 is x, +0 (for −0), or NaN only
// at −∞ and NaN, which the rarely taken, well-predicted t !== t branch fixes. A branch on the sign costs a
// misprediction per random element: 5.7 → 1.5 ms at N = 1e6 (bench/README.md). For Float64Arrays f and f+f′
// run in wasm SIMD (two masks a pair, same bits): f+f′ at N = 1e6 2.3 → 0.7 ms, copies in and out included.
const relu: Loops = () => ({
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
});

const leaky_relu: Loops = (p) => {
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
};

/**
 * Fused f and f′ for the ELU family, f = scale·x (x > 0) or amp·(e^(x·k) − 1), f′ = scale or amp·k·e^(x·k):
 * one exponential per element — expm1 near 0 (where e − 1 cancels), exp below (where 1 + expm1 would).
 */
function eluLoops(scale: number, amp: number, k: number): Partial<ArrayKernels> {
  const ampk = amp * k;
  return {
    // NB: fdfArray's f, not the scalar amp·expm1 (e − 1 differs from it in the last bit below −½)
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

const elu: Loops = (p) => eluLoops(1, p.alpha, 1);
const selu: Loops = () => eluLoops(SELU_SCALE, SELU_AS, 1);
// NB: x·(1/α) ≠ x/α in the last bit; for α ≠ 1 keep the scalar form
const celu: Loops = (p) => (p.alpha === 1 ? eluLoops(1, 1, 1) : {});

const sigmoid: Loops = () => ({
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
});

// NB: log1pUnit is Math.log1p's algorithm (within 1 ulp of it) in the form the wasm SIMD kernels run lane by lane.
const softplus: Loops = (p) =>
  p.beta !== 1
    ? {}
    : {
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

// σ as e·(1/(1 + e)), where the scalar f divides
const silu: Loops = () => ({
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
});

const mish: Loops = () => ({
  fArray(x, out) {
    if (runWasmKernel("mish_f", x, out, null)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      mishParts(v);
      out[i] = mp.t === 0 ? -0 : v * mp.t;
    }
    return out;
  },
  fdfArray(x, out, dOut) {
    if (runWasmKernel("mish_fdf", x, out, dOut)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      mishParts(v);
      const t = mp.t,
        g = mp.t2c * mp.s;
      out[i] = t === 0 ? -0 : v * t;
      dOut[i] = g === 0 ? t : t + v * g;
    }
    return out;
  },
});

// One exponential per element: expm1 near 0 (where 1 − e^(−2|x|) would cancel), exp elsewhere (where 1 + expm1
// would cancel in sech²). NB: fArray is not Math.tanh (within 2 ulp of it).
const tanh: Loops = () => ({
  fArray(x, out) {
    if (runWasmKernel("tanh_f", x, out, null)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      const a = Math.abs(v);
      let t: number;
      if (a < 0.5) {
        const m = Math.expm1(-2 * a);
        t = -m / (2 + m);
      } else {
        const e = Math.exp(-2 * a);
        t = (1 - e) / (1 + e);
      }
      out[i] = v < 0 ? -t : v > 0 ? t : v;
    }
    return out;
  },
  fdfArray(x, out, dOut) {
    if (runWasmKernel("tanh_fdf", x, out, dOut)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      const a = Math.abs(v);
      let t: number, e: number, d: number;
      if (a < 0.5) {
        const m = Math.expm1(-2 * a);
        d = 2 + m;
        t = -m / d;
        e = 1 + m;
      } else {
        e = Math.exp(-2 * a);
        d = 1 + e;
        t = (1 - e) / d;
      }
      out[i] = v < 0 ? -t : v > 0 ? t : v; // keeps −0 and NaN
      dOut[i] = (4 * e) / (d * d);
    }
    return out;
  },
});

/** Φ(v) as the GELU loops compute it, from g = e^(−v²/2) (shared with φ in fdfArray). */
function geluPhi(v: number, g: number): number {
  const z = -v * Math.SQRT1_2;
  const a = Math.abs(z);
  // NB: the test is erfc's own (|z| < 1.25), so erfc takes only its two rational branches here
  if (a < 1.25) return 0.5 * erfc(z);
  // NB: 1/a once, squared for the rational (within 2 ulp of 1/a²): one division fewer per lane in wasm
  const ia = 1 / a;
  const t = 0.5 * g * Math.exp(erfcTailLogOf(ia * ia, a < 1 / 0.35)) * ia;
  return v < 0 ? t : 1 - t;
}

// NB: Φ and φ share e^(−x²/2): in the tails Φ(x) = φ(x)·√(2π)/2·e^(tail(|x|/√2))/(|x|/√2). x·normalCdf(x), the
// scalar f, is within 3 ulp of these loops' f.
const gelu: Loops = () => ({
  fArray(x, out) {
    if (runWasmKernel("gelu_f", x, out, null)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      const p = geluPhi(v, expNegHalfSquare(v));
      out[i] = p === 0 ? -0 : v * p; // as fdfArray: v·0 is −0 there for finite v < 0
    }
    return out;
  },
  fdfArray(x, out, dOut) {
    if (runWasmKernel("gelu_fdf", x, out, dOut)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i];
      const g = expNegHalfSquare(v);
      const q = INV_SQRT_2PI * g;
      const p = geluPhi(v, g);
      if (q === 0) {
        out[i] = p === 0 ? -0 : v * p;
        dOut[i] = p;
      } else {
        out[i] = v * p;
        dOut[i] = p + v * q;
      }
    }
    return out;
  },
});

// σ as e·(1/(1 + e)), where the scalar f divides
const gelu_tanh: Loops = () => ({
  fArray(x, out) {
    if (runWasmKernel("gelu_tanh_f", x, out, null)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const u = x[i];
      const v = 2 * GELU_K * (u + GELU_A * u * u * u);
      const e = Math.exp(-Math.abs(v));
      const r = 1 / (1 + e);
      const s = v >= 0 ? r : e * r;
      out[i] = s === 0 ? -0 : u * s;
    }
    return out;
  },
  fdfArray(x, out, dOut) {
    if (runWasmKernel("gelu_tanh_fdf", x, out, dOut)) return out;
    for (let i = 0, n = x.length; i < n; i++) {
      const u = x[i];
      const v = 2 * GELU_K * (u + GELU_A * u * u * u);
      const e = Math.exp(-Math.abs(v));
      const r = 1 / (1 + e);
      const s = v >= 0 ? r : e * r;
      const d = e * r * r;
      out[i] = s === 0 ? -0 : u * s;
      dOut[i] = d === 0 ? s : s + u * (2 * GELU_K * (1 + 3 * GELU_A * u * u)) * d;
    }
    return out;
  },
});

/** The hand-written loops, by catalog id. */
export const ACTIVATION_LOOPS: Readonly<Record<string, Loops>> = {
  identity,
  relu,
  leaky_relu,
  elu,
  selu,
  celu,
  sigmoid,
  softplus,
  silu,
  mish,
  tanh,
  gelu,
  gelu_tanh,
};
