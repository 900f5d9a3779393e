// e^(±x²) without the rounding of x²: for x = 26, x² rounds with relative error up to 1.1e-16, which e^(−x²)
// multiplies by x² ≈ 676. Splitting x² = hi + lo exactly (Dekker's product) keeps the result within ~2 ulp.

/** The low part of x² after the last `squareHi` call: x² = hi + lo exactly. */
let lo = 0;

/** x² rounded, leaving the exact remainder in `lo`. Needs |x| < 1e150 (the split would overflow). */
function squareHi(a: number): number {
  const c = a * 134217729; // 2^27 + 1 (Veltkamp split into two 26-bit halves)
  const h = c - (c - a);
  const l = a - h;
  const hi = a * a;
  lo = h * h - hi + 2 * h * l + l * l;
  return hi;
}

/** e^(−x²), accurate to ~2 ulp; 0 once it underflows. */
export function expNegSquare(x: number): number {
  const a = Math.abs(x);
  if (a > 40) return a === a ? 0 : a; // e^(−1600) underflows; NaN stays NaN
  const hi = squareHi(a);
  return Math.exp(-hi) * (1 - lo);
}

/** e^(−x²/2), accurate to ~2 ulp; 0 once it underflows. */
export function expNegHalfSquare(x: number): number {
  const a = Math.abs(x);
  if (a > 40) return a === a ? 0 : a; // e^(−800) underflows
  const hi = squareHi(a);
  return Math.exp(-0.5 * hi) * (1 - 0.5 * lo);
}

/** e^(x²), accurate to ~2 ulp; Infinity once it overflows. */
export function expSquare(x: number): number {
  const a = Math.abs(x);
  if (a > 27) return a === a ? Infinity : a; // e^(729) overflows
  const hi = squareHi(a);
  return Math.exp(hi) * (1 + lo);
}

/** x² − c without cancellation where x² ≈ c (e.g. the roots of GELU″ and the Gaussian″). */
export function squareMinus(x: number, c: number): number {
  const a = Math.abs(x);
  if (a > 1e150) return a * a - c; // Infinity or huge: nothing cancels
  const hi = squareHi(a);
  return hi - c + lo; // NB: hi − c is exact near the root (Sterbenz)
}
