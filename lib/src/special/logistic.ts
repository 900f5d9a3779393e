// The logistic family in forms that neither overflow nor cancel.

/** σ(x) = 1/(1+e^(−x)); e^(−|x|) never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * σ′(x) = σ(x)·σ(−x) = e^(−|x|)/(1+e^(−|x|))².
 * NB: σ(1−σ) would cancel to 0 for x > 37 although σ′(40) ≈ 4.2e-18.
 */
export function sigmoidDeriv(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  return e / (d * d);
}

/** softplus(x) = log(1+e^x) = max(x,0) + log1p(e^(−|x|)): exact for x ≪ 0 and never overflows. */
export function softplus(x: number): number {
  if (x > 0) return x + Math.log1p(Math.exp(-x));
  return Math.log1p(Math.exp(x));
}

/** sech²(x) = 4e^(−2|x|)/(1+e^(−2|x|))². NB: 1 − tanh² would cancel to 0 for |x| > 19. */
export function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const d = 1 + e;
  return (4 * e) / (d * d);
}
