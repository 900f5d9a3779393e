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

const LN2HI = 6.9314718036912381649e-1,
  LN2LO = 1.90821492927058770002e-10;
const LP1 = 6.66666666666673513e-1,
  LP2 = 3.999999999940941908e-1,
  LP3 = 2.857142874366239149e-1,
  LP4 = 2.222219843214978396e-1,
  LP5 = 1.818357216161805012e-1,
  LP6 = 1.531383769920937332e-1,
  LP7 = 1.479819860511658591e-1;
/** √2 − 1 as fdlibm's log1p tests it (high word 0x3fda827a). */
const K1 = 0.4142136573791504;

/**
 * log(1 + x) for 0 ≤ x ≤ 1 (and NaN), given r = 1/(1 + x), within 1 ulp: fdlibm's log1p (Sun's s_log1p.c, the
 * algorithm and coefficients of V8's Math.log1p) without the shortcuts a scalar branch can afford (its series for
 * tiny x, for 1 + x near 2) and with the correction c/(1 + x) as c·r. The softplus array loops and their wasm
 * SIMD kernel compute exactly this, so both give the same bits; the shortcuts' selects cost a SIMD lane more than
 * they save, and the division is one that σ needs anyway.
 */
export function log1pUnit(x: number, r: number): number {
  const u = 1 + x;
  let f = x,
    kh = 0,
    kl = 0,
    cr = 0;
  if (x >= K1) {
    // 1 + x = 2·(1 + f): u/2 − 1 is exact; c = x − (u − 1) is the rounding error of u
    f = u * 0.5 - 1;
    kh = LN2HI;
    kl = LN2LO;
    cr = (x - (u - 1)) * r;
  }
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const sR = s * (hfsq + z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7)))))));
  return kh - (hfsq - (sR + (kl + cr)) - f);
}
