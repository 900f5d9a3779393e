import { erfc, erfcTailLog } from "./erf";
import { expNegHalfSquare } from "./exp-square";

const INV_SQRT_2PI = 0.3989422804014327; // 1/√(2π)

/** The standard normal density φ(x) = e^(−x²/2)/√(2π), accurate to ~2 ulp for every x. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * expNegHalfSquare(x);
}

/**
 * The standard normal CDF Φ(x) = ½·erfc(−x/√2), accurate relative to its own size down to x ≈ −38
 * (Φ(−38) ≈ 2.9e-316).
 * NB: for x < −1.77, ½·erfc(−x/√2) would inherit the rounding of x/√2 amplified by x² (1.5e-13 at x = −37);
 * instead e^(−x²/2) is computed from x itself and only the slowly varying factor uses x/√2.
 */
export function normalCdf(x: number): number {
  if (x >= -1.7677669529663687) return 0.5 * erfc(-x * Math.SQRT1_2); // NaN goes here too
  const a = -x * Math.SQRT1_2;
  if (a === Infinity) return 0;
  return (0.5 * expNegHalfSquare(x) * Math.exp(erfcTailLog(a))) / a;
}
