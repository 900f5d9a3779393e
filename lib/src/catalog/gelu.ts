// GELU, exact (x·Φ(x)) and its tanh approximation.
import type { ActivationEntry } from "../activation";
import { squareMinus } from "../special/exp-square";
import { sigmoid, sigmoidDeriv } from "../special/logistic";
import { normalCdf, normalPdf } from "../special/normal";
import { props, range } from "./params";

export const gelu: ActivationEntry = {
  id: "gelu",
  label: "GELU",
  summary:
    "x·Φ(x), the Gaussian error linear unit of BERT and GPT: the input weighted by the probability that a standard normal is below it.",
  torch: "torch.nn.functional.gelu(x, approximate='none')",
  params: {},
  latex: {
    f: String.raw`f(x)=x\,\Phi(x)=\frac{x}{2}\left(1+\operatorname{erf}\frac{x}{\sqrt2}\right)`,
    df: String.raw`f'(x)=\Phi(x)+x\,\varphi(x),\quad\varphi(x)=\frac{e^{-x^2/2}}{\sqrt{2\pi}}`,
    d2f: String.raw`f''(x)=\varphi(x)\,(2-x^2)`,
  },
  notes: [
    "Φ uses a full double-precision erfc (fdlibm's rational approximations, lib/src/special/erf.ts); for x < −1.77 it is evaluated as e^(−x²/2)·(a slowly varying factor), so gelu(−37) ≈ −2.1e-299 keeps all its digits.",
  ],
  f: (x) => {
    const p = normalCdf(x);
    return p === 0 ? -0 : x * p; // NB: Φ = 0 only for x < −38, where x·Φ would be NaN at −∞
  },
  df: (x) => {
    const q = normalPdf(x);
    return q === 0 ? normalCdf(x) : normalCdf(x) + x * q;
  },
  d2f: (x) => {
    const q = normalPdf(x);
    return q === 0 ? 0 : -q * squareMinus(x, 2);
  },
  properties: () =>
    props({
      range: range(-0.16997120747990366, Infinity, true, false, "[−0.169971…, ∞), the minimum at x ≈ −0.751792"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: { value: 1.1289041451851547, at: Math.SQRT2, where: "x = √2 (where f″ = 0)", attained: true },
    }),
};

const K = 0.7978845608028654; // √(2/π)
const A = 0.044715;

export const gelu_tanh: ActivationEntry = {
  id: "gelu_tanh",
  label: "GELU (tanh approximation)",
  summary: "The tanh approximation of GELU used by GPT-2 and PyTorch's approximate='tanh'.",
  torch: "torch.nn.functional.gelu(x, approximate='tanh')",
  params: {},
  latex: {
    f: String.raw`f(x)=\frac{x}{2}\big(1+\tanh u\big)=x\,\sigma(2u),\quad u=\sqrt{2/\pi}\,(x+0.044715\,x^3)`,
    df: String.raw`f'(x)=\sigma(2u)+2x\,u'\,\sigma'(2u),\quad u'=\sqrt{2/\pi}\,(1+0.134145\,x^2)`,
    d2f: String.raw`f''(x)=\sigma'(2u)\big(4u'+2x\,u''-4x\,u'^2\tanh u\big),\quad u''=0.26829\sqrt{2/\pi}\,x`,
  },
  notes: [
    "½(1 + tanh u) is evaluated as σ(2u): 1 + tanh u cancels to 0 for u < −19, although gelu_tanh(−10) ≈ −2.4e-37.",
  ],
  f: (x) => {
    const s = sigmoid(2 * K * (x + A * x * x * x));
    return s === 0 ? -0 : x * s;
  },
  df: (x) => {
    const v = 2 * K * (x + A * x * x * x);
    const d = sigmoidDeriv(v);
    return d === 0 ? sigmoid(v) : sigmoid(v) + x * (2 * K * (1 + 3 * A * x * x)) * d;
  },
  d2f: (x) => {
    const v = 2 * K * (x + A * x * x * x);
    const d = sigmoidDeriv(v);
    if (d === 0) return 0;
    const v1 = 2 * K * (1 + 3 * A * x * x); // v′
    const v2 = 12 * K * A * x; // v″
    // f = x·σ(v): f″ = 2σ′v′ + x(σ″v′² + σ′v″), σ″ = −σ′·tanh(v/2)
    return d * (2 * v1 + x * (v2 - Math.tanh(v / 2) * v1 * v1));
  },
  properties: () =>
    props({
      range: range(-0.17004075057125406, Infinity, true, false, "[−0.170041…, ∞), the minimum at x ≈ −0.752461"),
      monotonic: "no",
      zeroCentred: true,
      symmetry: "none",
      smoothness: "C∞",
      maxAbsDf: {
        value: 1.1289930686587717,
        at: 1.4185040087908283,
        where: "x ≈ 1.418504 (where f″ = 0)",
        attained: true,
      },
    }),
};

/** This file's rows, in the order of the docs. */
export const GELU: readonly ActivationEntry[] = [gelu, gelu_tanh];
