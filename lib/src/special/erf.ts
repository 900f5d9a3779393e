// erf, erfc and the scaled erfcx in full double precision (< 1 ulp for erf/erfc), after Sun's fdlibm s_erf.c
// (Copyright (C) 1993 Sun Microsystems; "permission to use, copy, modify, and distribute this software is
// freely granted, provided that this notice is preserved"). The rational approximations and their
// coefficients are fdlibm's; the code is a fresh TypeScript transcription of its method:
//   |x| < 0.84375        erf(x) = x + x·P(x²)/Q(x²)
//   0.84375 ≤ |x| < 1.25 erf(x) = c + P1(s)/Q1(s), s = |x| − 1, c = erf(1) rounded to 24 bits
//   1.25 ≤ |x| < 28      erfc(x) = exp(−x² − 0.5625 + R(1/x²)/S(1/x²)) / x, with −x² split exactly
// NB: JavaScript has no erf; the usual 1e-7 Abramowitz–Stegun formula is far too coarse for actigrad.

import { expSquare } from "./exp-square";

const ERX = 8.45062911510467529297e-1;
const EFX = 1.28379167095512586316e-1; // 2/√π − 1

// erf on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1,
  PP1 = -3.2504210724700149937e-1,
  PP2 = -2.84817495755985104766e-2,
  PP3 = -5.77027029648944159157e-3,
  PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1,
  QQ2 = 6.50222499887672944485e-2,
  QQ3 = 5.08130628187576562776e-3,
  QQ4 = 1.32494738004321644526e-4,
  QQ5 = -3.9602282787753681232e-6;
// erf on [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3,
  PA1 = 4.14856118683748331666e-1,
  PA2 = -3.72207876035701323847e-1,
  PA3 = 3.18346619901161753674e-1,
  PA4 = -1.10894694282396677476e-1,
  PA5 = 3.54783043256182359371e-2,
  PA6 = -2.166375594868790843e-3;
const QA1 = 1.06420880400844228286e-1,
  QA2 = 5.40397917702171048937e-1,
  QA3 = 7.18286544141962662868e-2,
  QA4 = 1.26171219808761642112e-1,
  QA5 = 1.36370839120290507362e-2,
  QA6 = 1.1984499846799107417e-2;
// erfc on [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3,
  RA1 = -6.93858572707181764372e-1,
  RA2 = -1.05586262253232909814e1,
  RA3 = -6.23753324503260060396e1,
  RA4 = -1.62396669462573470355e2,
  RA5 = -1.84605092906711035994e2,
  RA6 = -8.12874355063065934246e1,
  RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1,
  SA2 = 1.376577541435190426e2,
  SA3 = 4.34565877475229228821e2,
  SA4 = 6.45387271733267880336e2,
  SA5 = 4.29008140027567833386e2,
  SA6 = 1.08635005541779435134e2,
  SA7 = 6.57024977031928170135,
  SA8 = -6.04244152148580987438e-2;
// erfc on [1/0.35, 28] (and, by its form in 1/x², beyond)
const RB0 = -9.86494292470009928597e-3,
  RB1 = -7.99283237680523006574e-1,
  RB2 = -1.77579549177547519889e1,
  RB3 = -1.60636384855821916062e2,
  RB4 = -6.37566443368389627722e2,
  RB5 = -1.02509513161107724954e3,
  RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1,
  SB2 = 3.25792512996573918826e2,
  SB3 = 1.53672958608443695994e3,
  SB4 = 3.19985821950859553908e3,
  SB5 = 2.55305040643316442583e3,
  SB6 = 4.74528541206955367215e2,
  SB7 = -2.24409524465858183362e1;

/**
 * The same coefficients as arrays, lowest degree first, for code that evaluates these rationals elsewhere (the
 * GELU wasm kernel, kernels/activation-wasm.ts): p(s) = c[0] + s·(c[1] + …), q(s) = 1 + s·(d[0] + …).
 */
export const ERFC_RATIONALS = {
  /** (erf(x) − x)/x = P(x²)/Q(x²) on |x| < 0.84375 */
  small: { p: [PP0, PP1, PP2, PP3, PP4], q: [QQ1, QQ2, QQ3, QQ4, QQ5] },
  /** erf(1 + s) − ERX = P(s)/Q(s) on 0.84375 ≤ |x| < 1.25, s = |x| − 1 */
  nearOne: { p: [PA0, PA1, PA2, PA3, PA4, PA5, PA6], q: [QA1, QA2, QA3, QA4, QA5, QA6] },
  /** erfcTailLog(a) + 0.5625 = R(1/a²)/S(1/a²) on 1.25 ≤ a < 1/0.35 */
  tailA: { p: [RA0, RA1, RA2, RA3, RA4, RA5, RA6, RA7], q: [SA1, SA2, SA3, SA4, SA5, SA6, SA7, SA8] },
  /** the same for a ≥ 1/0.35 */
  tailB: { p: [RB0, RB1, RB2, RB3, RB4, RB5, RB6], q: [SB1, SB2, SB3, SB4, SB5, SB6, SB7] },
  /** erf(1) rounded to 24 bits */
  erx: ERX,
} as const;

/** (erf(x) − x)/x on |x| < 0.84375. */
function smallRatio(x: number): number {
  const z = x * x;
  const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
  const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
  return r / s;
}

/** erf(1 + s) − ERX on s ∈ [−0.15625, 0.25]. */
function nearOne(s: number): number {
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return p / q;
}

/**
 * −0.5625 + R(1/a²)/S(1/a²) ≈ log(a·erfc(a)) + a², for a ≥ 1.25. So erfc(a) = exp(−a² + erfcTailLog(a)) / a.
 * NB: R/S is a function of 1/a² that tends to log(1/√π) + 0.5625 as a → ∞, so it stays accurate past 28.
 */
export function erfcTailLog(a: number): number {
  return erfcTailLogOf(1 / (a * a), a < 1 / 0.35);
}

/** erfcTailLog(a) from s = 1/a² and whether a < 1/0.35 (where the first rational holds). */
export function erfcTailLogOf(s: number, nearer: boolean): number {
  let r: number, q: number;
  if (nearer) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  return -0.5625 + r / q;
}

/** e^(−a²) · e^(erfcTailLog(a)) / a with a² split so that the large exponent is exact (fdlibm's Note 1). */
function tail(a: number): number {
  const c = a * 134217729; // 2^27 + 1: Veltkamp split, z has 26 significant bits so z·z is exact
  const z = c - (c - a);
  return (Math.exp(-z * z) * Math.exp((z - a) * (z + a) + erfcTailLog(a))) / a;
}

/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, to within 1 ulp.
 * @example erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 3.7252902984e-9) return x + EFX * x; // 2^-28: the cubic term is below half an ulp
    return x + x * smallRatio(x);
  }
  if (a < 1.25) {
    const v = ERX + nearOne(a - 1);
    return x >= 0 ? v : -v;
  }
  if (a >= 6) return x >= 0 ? 1 : -1; // erfc(6) ≈ 2e-17 < ulp(1)/2
  const v = 1 - tail(a);
  return x >= 0 ? v : -v;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), accurate relative to its own size for large x
 * (erfc(26) ≈ 5.7e-296), where 1 − erf(x) would be 0.
 */
export function erfc(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.84375) {
    if (a < 1.3877787807814457e-17) return 1 - x; // 2^-56
    const y = x * smallRatio(x);
    if (x < 0.25) return 1 - (x + y);
    return 0.5 - (x - 0.5 + y); // NB: regrouped so that 1 − x is not formed with a rounding
  }
  if (a < 1.25) {
    const v = nearOne(a - 1);
    return x >= 0 ? 1 - ERX - v : 1 + (ERX + v);
  }
  if (x < 0) return a >= 6 ? 2 : 2 - tail(a);
  if (a >= 27.3) return 0; // erfc(27.3) < 2^-1075: below the smallest subnormal
  return tail(a);
}

/**
 * The scaled complementary error function erfcx(x) = e^(x²)·erfc(x), finite for all x > −26.6
 * (it behaves like 1/(x√π) for large x, where erfc alone underflows).
 */
export function erfcx(x: number): number {
  if (x !== x) return x;
  if (x < 1.25) {
    if (x < -26.7) return Infinity; // e^(x²)·2 overflows
    return expSquare(x) * erfc(x);
  }
  if (x === Infinity) return 0;
  if (x > 1e154) return 0.5641895835477563 / x; // 1/√π / x: a² would overflow, the series is exact here
  return Math.exp(erfcTailLog(x)) / x;
}
