// Mish's pieces from one exponential, shared by its scalar f, f′, f″ (catalog/logistic.ts) and its array loops
// (kernels/activation-loops.ts), so both give the same bits.

/** mishParts' results: t = tanh(softplus(x)), t2c = 1 − t², s = σ(x), sm = σ(−x). One object, so that no tuple is
 * allocated per element. */
export const mp = { t: 0, t2c: 0, s: 0, sm: 0 };

/** Sets `mp` for x from one exponential, without cancellation. */
export function mishParts(x: number): void {
  if (x > 0) {
    // m = e^(−x): tanh(log(1+e^x)) = (1+2m)/(1+2m+2m²), and 1 − t² = 4m²(1+m)²/(1+2m+2m²)².
    const m = Math.exp(-x);
    const e = 1 + 2 * m + 2 * m * m;
    const q = (2 * m * (1 + m)) / e;
    mp.t = (1 + 2 * m) / e;
    mp.t2c = q * q;
    mp.s = 1 / (1 + m);
    mp.sm = m * mp.s;
  } else {
    // n = e^x: tanh(log(1+n)) = n(n+2)/((1+n)²+1), and 1 − t² = 4(1+n)²/((1+n)²+1)².
    const n = Math.exp(x);
    const e = (1 + n) * (1 + n) + 1;
    const q = (2 * (1 + n)) / e;
    mp.t = (n * (n + 2)) / e;
    mp.t2c = q * q;
    mp.sm = 1 / (1 + n);
    mp.s = n * mp.sm;
  }
}
