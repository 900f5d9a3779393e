import type { ActivationEntry } from "./activation";

/** σ(x) = 1/(1+e^(−x)), written so that e^(−x) never overflows. */
function sigma(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** sech²(x) = 4e^(−2|x|)/(1+e^(−2|x|))²; NB: 1 − tanh² would cancel to 0 for |x| > 19. */
function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}

/**
 * The activation table: one entry per activation, and the only registry.
 * Everything else (docs, figures, tests) iterates over it.
 */
export const CATALOG: readonly ActivationEntry[] = [
  {
    id: "sigmoid",
    label: "Sigmoid",
    params: {},
    latex: {
      f: String.raw`\sigma(x)=\frac{1}{1+e^{-x}}`,
      df: String.raw`\sigma'(x)=\sigma(x)\,\sigma(-x)`,
      d2f: String.raw`\sigma''(x)=-\sigma(x)\,\sigma(-x)\tanh\frac{x}{2}`,
    },
    f: (x) => sigma(x),
    // NB: σ(x)·σ(−x) instead of σ(1−σ): 1−σ cancels for large x.
    df: (x) => sigma(x) * sigma(-x),
    d2f: (x) => -sigma(x) * sigma(-x) * Math.tanh(x / 2),
  },
  {
    id: "tanh",
    label: "Tanh",
    params: {},
    latex: {
      f: String.raw`\tanh(x)=\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}`,
      df: String.raw`\tanh'(x)=\operatorname{sech}^2(x)=1-\tanh^2(x)`,
      d2f: String.raw`\tanh''(x)=-2\tanh(x)\operatorname{sech}^2(x)`,
    },
    f: (x) => Math.tanh(x),
    df: (x) => sech2(x),
    d2f: (x) => -2 * Math.tanh(x) * sech2(x),
  },
];
