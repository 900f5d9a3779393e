// Array kernels of exp-based activations in WebAssembly SIMD (f64x2), assembled here byte by byte like the gemm
// kernel (gemm-wasm.ts): no toolchain, no binary file.
//
// NB: exp and expm1 are fdlibm's algorithms exactly as V8 runs Math.exp and Math.expm1 (its src/base/ieee754.cc),
// written without branches: each lane computes every case and selects its own. log1p is special/logistic.ts's
// log1pUnit (fdlibm's log1p without its scalar shortcuts), which the JS loops call too. Same operations in the
// same order, no fused multiply-add, so every result is bit-identical to the JS loops of the catalog entries
// (checked on the test grid and on hundreds of thousands of random inputs) — the choice of path, like the gemm
// backend's, never changes a number. The JS loops (activation-loops.ts) stay for Float32Array, short arrays and
// engines without SIMD.
// What costs time here is instructions: V8 turns a select into three, so cases are merged into arithmetic
// (a zero k, an and-mask) wherever the bits allow.

import { ERFC_RATIONALS as ERFC } from "../special/erf";
import {
  functionBody,
  I32,
  i32Const,
  instantiate,
  localGet,
  localSet,
  localTee,
  moduleBytes,
  OP,
  simd,
  SIMD,
  v128Load,
  v128Store,
  V128,
  type Code,
} from "./wasm-encoding";

/** Kernels run whole iterations: lengths are padded to a multiple of this many elements (2·pairs divides it). */
const GROUP = 12;
/**
 * Elements per call into wasm: three arrays of this many doubles (192 KB) stay in the core's L2 cache.
 * NB: measured at N = 1e6, sigmoid f+f′: 2048 → 8192 took 4.2 → 3.9 ms (each call and its three copies cost
 * ~0.5 µs besides the data); 16384 and 32768 gained nothing more.
 */
const CHUNK = 8192;
/** Elements between the x, out and dOut regions: a chunk and its padding. */
const STRIDE = CHUNK + GROUP;
/** Where the per-lane coefficient tables start in linear memory: after the x, out and dOut regions. */
const TABLE_BASE = 3 * STRIDE * 8;

// Expressions are the code that pushes their value; operations concatenate their operands' code.
const op1 =
  (op: number) =>
  (a: Code): Code => [...a, ...simd(op)];
const op2 =
  (op: number) =>
  (a: Code, b: Code): Code => [...a, ...b, ...simd(op)];
const add = op2(SIMD.f64x2_add),
  sub = op2(SIMD.f64x2_sub),
  mul = op2(SIMD.f64x2_mul),
  div = op2(SIMD.f64x2_div);
const eq = op2(SIMD.f64x2_eq),
  lt = op2(SIMD.f64x2_lt),
  gt = op2(SIMD.f64x2_gt),
  le = op2(SIMD.f64x2_le),
  ge = op2(SIMD.f64x2_ge);
const abs = op1(SIMD.f64x2_abs),
  neg = op1(SIMD.f64x2_neg),
  trunc = op1(SIMD.f64x2_trunc),
  not = op1(SIMD.v128_not);
/** a & m and a & ~m: a where the mask is set (resp. clear), +0 elsewhere; one instruction where `sel` takes three. */
const and = op2(SIMD.v128_and),
  andNot = op2(SIMD.v128_andnot),
  or = op2(SIMD.v128_or);
/** b < a ? a : b per lane (f64x2.pmax): max(a, b) as `a > b ? a : b` reads, so pmax(x, 0) maps NaN to 0. */
const pmaxOf = (a: Code, b: Code): Code => [...b, ...a, ...simd(SIMD.f64x2_pmax)];
/** m ? a : b, lane by lane (m all ones or all zeros per lane, as comparisons give). */
const sel = (a: Code, b: Code, m: Code): Code => [...a, ...b, ...m, ...simd(SIMD.v128_bitselect)];
/** The 64-bit lanes shifted left by n bits (i64x2.shl). */
const shl = (a: Code, n: number): Code => [...a, ...i32Const(n), ...simd(SIMD.i64x2_shl)];
/** A constant in both lanes, as an instruction (Body.k hoists it out of the loop). */
const constant = (x: number): Code => [...simd(SIMD.v128_const), ...new Uint8Array(new Float64Array([x, x]).buffer)];
/** Horner: c[0] + z·(c[1] + z·(c[2] + …)), written as fdlibm writes it. */
const horner = (b: Body, z: Code, c: readonly number[]): Code =>
  c.slice(0, -1).reduceRight((acc, ci) => add(b.k(ci), mul(z, acc)), b.k(c[c.length - 1]));

/** A function body: i32 parameters, then I32 i32 locals (the loop's offset, then scratch) and many v128 locals. */
class Body {
  static readonly I32 = 16;
  readonly code: Code = [];
  private v128 = 0;
  private i32 = 1;
  /** Constants by value, each set once before the loop. NB: V8 rebuilds a v128.const at every use, in the loop too. */
  private readonly consts = new Map<number, Code>();
  private readonly prologue: Code = [];
  constructor(readonly params: number) {}
  /** x in both lanes. */
  k(x: number): Code {
    const key = Object.is(x, -0) ? "-0" : x;
    let get = this.consts.get(key as number);
    if (!get) {
      const index = this.params + Body.I32 + this.v128++;
      this.prologue.push(...constant(x), ...localSet(index));
      get = localGet(index);
      this.consts.set(key as number, get);
    }
    return get;
  }
  /** The i32 local used as the loop's byte offset. */
  get i(): number {
    return this.params;
  }
  /** Where `let` appends its statements. */
  statements: Code[] = [];
  /** A fresh v128 local holding `e`; returns the code that reads it. */
  let(e: Code): Code {
    const index = this.params + Body.I32 + this.v128++;
    this.statements.push([...e, ...localSet(index)]);
    return localGet(index);
  }
  /** A fresh i32 local holding `e` (an i32 expression). */
  letI32(e: Code): Code {
    if (this.i32 >= Body.I32) throw new Error("Body: out of i32 locals");
    const index = this.params + this.i32++;
    this.statements.push([...e, ...localSet(index)]);
    return localGet(index);
  }
  /**
   * Runs `build` with its statements inside `if (any lane of mask) { … }`: one statement. NB: locals `build`
   * sets keep their last values where the block is skipped, so only lanes of `mask` may use them.
   */
  when<T>(mask: Code, build: () => T): T {
    const outer = this.statements;
    this.statements = [];
    const result = build();
    outer.push([...mask, ...simd(SIMD.v128_any_true), OP.if, OP.void, ...this.statements.flat(), OP.end]);
    this.statements = outer;
    return result;
  }
  emit(...parts: Code[]): void {
    for (const p of parts) this.code.push(...p);
  }
  encode(): Code {
    return functionBody(
      [
        [Body.I32, I32],
        [this.v128, V128],
      ],
      [...this.prologue, ...this.code, OP.end],
    );
  }
}

const f64 = new Float64Array(1),
  u32 = new Uint32Array(f64.buffer);
/** The double whose high word is `h` and low word 0: fdlibm's thresholds compare high words. */
const high = (h: number) => ((u32[1] = h), (u32[0] = 0), f64[0]);

const LN2HI = 6.9314718036912381649e-1,
  LN2LO = 1.90821492927058770002e-10,
  INVLN2 = 1.442695040888963387;
const HALF_LN2 = high(0x3fd62e43); // |x| ≥ this: the high word is above 0x3fd62e42
const EXP_P = [
  1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.6533902205465251539e-6,
  4.13813679705723846039e-8,
];
const EXP_UNDERFLOW = -7.4513321910194110842e2;
const TWO_52 = 4503599627370496;
const INV_SQRT_2PI = 0.3989422804014327;

/** 2^k for integer-valued lanes −1022 ≤ k ≤ 1023: k + 1023 lands in the exponent bits of the 2^52 + … sum. */
const pow2 = (b: Body, k: Code): Code => shl(add(k, b.k(1023 + TWO_52)), 52);

/**
 * e^x for lanes x ≤ 0 (and NaN): fdlibm's __ieee754_exp. With `notSmall`, only for lanes x ≤ −½ln2 (others get
 * garbage), which skips the k = 0 case.
 * NB: fdlibm's separate case ½ln2 < |x| < 3/2·ln2 (k = −1, hi = x + ln2hi, lo = −ln2lo) is the general case's
 * own result there: trunc(x/ln2 − ½) is −1 on that whole interval, and −1·ln2hi, −1·ln2lo are exact.
 */
function expNeg(b: Body, arg: Code, notSmall = false): Code {
  const x = b.let(arg);
  const ax = b.let(abs(x));
  const k = trunc(sub(mul(b.k(INVLN2), x), b.k(0.5)));
  // k = 0 for |x| ≤ ½ln2, else trunc(x/ln2 − ½); hi − lo is the reduced argument (x − 0·ln2hi is x, −0 included)
  const kk = b.let(notSmall ? k : andNot(k, lt(ax, b.k(HALF_LN2))));
  const hi = b.let(sub(x, mul(kk, b.k(LN2HI))));
  const lo = b.let(mul(kk, b.k(LN2LO)));
  const r = b.let(sub(hi, lo));
  const t = b.let(mul(r, r));
  const c = b.let(sub(r, mul(t, horner(b, t, EXP_P))));
  // NB: with hi = x and lo = 0, 1 − ((lo − q) − hi) is fdlibm's k = 0 form 1 − ((x·c)/(c − 2) − x), bit for bit
  const y = b.let(sub(b.k(1), sub(sub(lo, div(mul(r, c), sub(b.k(2), c))), hi)));
  // y·2^k as y·2^k1·2^k2 with k1 = trunc(k/2): the first product is exact, the second rounds once, so a subnormal
  // result is fdlibm's (y·2^(k+1000))·2^−1000 bit for bit, without its case split
  const k1 = b.let(trunc(mul(kk, b.k(0.5))));
  const scaled = b.let(mul(mul(y, pow2(b, k1)), pow2(b, sub(kk, k1))));
  const result = notSmall ? scaled : sel(add(b.k(1), x), scaled, lt(ax, b.k(high(0x3e300000))));
  return b.let(andNot(result, lt(x, b.k(EXP_UNDERFLOW))));
}

const EXPM1_Q = [
  1, -3.33333333333331316428e-2, 1.58730158725481460165e-3, -7.93650757867487942473e-5, 4.00821782732936239552e-6,
  -2.01099218183624371326e-7,
];

/** e^x − 1 for lanes −3/2·ln2 < x ≤ 0 (and NaN): fdlibm's expm1 where k is 0 or −1. */
function expm1Small(b: Body, arg: Code): Code {
  const x = b.let(arg);
  const ax = b.let(abs(x));
  const reduce = b.let(ge(ax, b.k(HALF_LN2)));
  const hi = b.let(sel(add(x, b.k(LN2HI)), x, reduce));
  const lo = b.let(sel(b.k(-LN2LO), b.k(0), reduce));
  const r = b.let(sub(hi, lo));
  const c = b.let(sub(sub(hi, r), lo));
  const hfx = b.let(mul(b.k(0.5), r));
  const hxs = b.let(mul(r, hfx));
  const r1 = b.let(horner(b, hxs, EXPM1_Q));
  const t = b.let(sub(b.k(3), mul(r1, hfx)));
  const e = b.let(mul(hxs, div(sub(r1, t), sub(b.k(6), mul(r, t)))));
  const k0 = sub(r, sub(mul(r, e), hxs));
  const e1 = b.let(sub(sub(mul(r, sub(e, c)), c), hxs));
  const km1 = sub(mul(b.k(0.5), sub(r, e1)), b.k(0.5));
  return b.let(sel(x, sel(km1, k0, reduce), lt(ax, b.k(high(0x3c900000)))));
}

/** √2 − 1 as fdlibm's log1p tests it (high word 0x3fda827a): from here on 1 + x = 2·(1 + f), f < 0. */
const LOG1P_K1 = high(0x3fda827a);
const LOG1P_LP = [
  6.66666666666673513e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1,
  1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1,
];

/**
 * log(1 + x) for lanes 0 ≤ x ≤ 1 (and NaN), given r = 1/(1 + x): special/logistic.ts's log1pUnit, lane by lane
 * (fdlibm's log1p without its scalar shortcuts, and its correction c/(1 + x) as c·r).
 */
function log1pUnit(b: Body, arg: Code, r: Code): Code {
  const x = b.let(arg);
  const big = b.let(ge(x, b.k(LOG1P_K1)));
  const u = b.let(add(b.k(1), x));
  // k = 1: 1 + x = 2·(1 + f) with f = u/2 − 1 (exact), and c the rounding error of u
  const f = b.let(sel(sub(mul(u, b.k(0.5)), b.k(1)), x, big));
  const cr = and(mul(sub(x, sub(u, b.k(1))), r), big);
  const hfsq = b.let(mul(mul(b.k(0.5), f), f));
  const s = b.let(div(f, add(b.k(2), f)));
  const z = b.let(mul(s, s));
  const sR = mul(s, add(hfsq, mul(z, horner(b, z, LOG1P_LP))));
  return b.let(sub(and(b.k(LN2HI), big), sub(sub(hfsq, add(sR, add(and(b.k(LN2LO), big), cr))), f)));
}

// Parameters of every kernel: byte offsets of x, out and dOut, and the byte count (a positive multiple of GROUP·8).
const X = 0,
  OUT = 1,
  D = 2,
  BYTES = 3;

/**
 * A loop over pairs: `step` reads v (the pair of x) and returns [f, f′] (f′ null for f-only kernels). `pairs` pairs
 * per iteration, their statements interleaved so that the dependency chains (a division's latency above all)
 * overlap.
 * NB: measured per 1000 elements: sigmoid f+f′ 3.9 / 3.2 / 2.7 / 2.5 µs with 1 / 2 / 4 / 6 pairs (8: 2.8),
 * softplus 9.3 / 7.2 / 5.7 / 4.9, GELU 15.7 / 13.8 / – / 13.1. GELU's work sits in `when` blocks, which the
 * core overlaps only two at a time (its chains of Horner steps are latency-bound); merging the pairs' blocks
 * into one, their statements interleaved, measured slower (13.6 → 16.6 µs).
 */
function kernel(step: (b: Body, v: Code) => [Code, Code | null], pairs = 6): Code {
  if (GROUP % (2 * pairs)) throw new Error(`kernel: ${pairs} pairs do not divide GROUP = ${GROUP}`);
  const b = new Body(4);
  const at = (base: number): Code => [...localGet(base), ...localGet(b.i), OP.i32_add];
  const streams = Array.from({ length: pairs }, (_, p) => {
    const offset = 16 * p;
    b.statements = [];
    const v = b.let([...at(X), ...v128Load(offset)]);
    const [f, df] = step(b, v);
    b.statements.push([...at(OUT), ...f, ...v128Store(offset)]);
    if (df) b.statements.push([...at(D), ...df, ...v128Store(offset)]);
    return b.statements;
  });
  b.emit(i32Const(0), localSet(b.i), [OP.loop, OP.void]);
  for (let i = 0; i < streams[0].length; i++) for (const st of streams) b.emit(st[i]);
  b.emit(
    localGet(b.i),
    i32Const(16 * pairs),
    [OP.i32_add],
    localTee(b.i),
    localGet(BYTES),
    [OP.i32_lt_u, OP.br_if, 0],
    [OP.end],
  );
  return b.encode();
}

/**
 * tanh and sech² as the tanh entry's loop: expm1 below |x| = ½ (where 1 − e^(−2|x|) cancels), exp above.
 * Without `withDf`, tanh alone: the same statements less f′'s, so the same bits for f.
 */
function tanhFdf(b: Body, v: Code, withDf = true): [Code, Code | null] {
  const a = b.let(abs(v));
  const m2a = b.let(mul(b.k(-2), a));
  const near = b.let(lt(a, b.k(0.5)));
  // NB: only pairs with a lane below ½ need expm1 (one in eight on [−8, 8], most in a trained tanh layer) …
  const m = b.when(near, () => expm1Small(b, m2a));
  // and only pairs with a lane at or above ½ (or NaN: not near) need exp
  const eb = b.when(b.let(not(near)), () => expNeg(b, m2a, true));
  const e = withDf ? b.let(sel(add(b.k(1), m), eb, near)) : null;
  const d = b.let(sel(add(b.k(2), m), add(b.k(1), eb), near));
  const t = b.let(div(sel(neg(m), sub(b.k(1), eb), near), d));
  // t ≥ 0 (+0 at v = ±0), so v's sign bit on t is the loop's v < 0 ? −t : v > 0 ? t : v (NaN stays NaN)
  return [or(t, and(v, b.k(-0))), e && div(mul(b.k(4), e), mul(d, d))];
}

/** σ and σ′ from e = e^(−|x|), as the sigmoid entry's loop. */
function sigmoidParts(b: Body, v: Code): { e: Code; r: Code; er: Code; f: Code } {
  const e = expNeg(b, neg(abs(v)));
  const r = b.let(div(b.k(1), add(b.k(1), e)));
  const er = b.let(mul(e, r));
  return { e, r, er, f: sel(r, er, ge(v, b.k(0))) };
}

function softplusF(b: Body, v: Code, s: { e: Code; r: Code }): Code {
  return add(pmaxOf(v, b.k(0)), log1pUnit(b, s.e, s.r));
}

/**
 * e^x for lanes −3/2·ln2 < x < −½ln2 (others get garbage): fdlibm's exp where its k is −1, so 2^k is ½ and
 * nothing else is selected.
 */
function expMid(b: Body, arg: Code): Code {
  const hi = b.let(add(arg, b.k(LN2HI)));
  const r = b.let(sub(hi, b.k(-LN2LO)));
  const t = b.let(mul(r, r));
  const c = b.let(sub(r, mul(t, horner(b, t, EXP_P))));
  const y = sub(b.k(1), sub(sub(b.k(-LN2LO), div(mul(r, c), sub(b.k(2), c))), hi));
  return b.let(mul(y, b.k(0.5)));
}

interface Rational {
  readonly p: readonly number[];
  readonly q: readonly number[];
}

/** The doubles written below TABLE_BASE + their index·8 at instantiation. */
const TABLES: number[] = [];

/**
 * Two rationals p/q (q = 1 + s·(d₀ + …)), as a table in linear memory: entry m (0 … 3) holds, lane by lane, the
 * coefficients of `a` where bit i of m is set and of `b` elsewhere, the shorter one padded with zeros (c + s·0
 * is c, so Horner's steps stay the unpadded ones). A pair reads the entry of its lanes' mask: one evaluation
 * serves lanes of both rationals, without selecting each coefficient (three instructions in V8).
 */
function laneTable(a: Rational, b: Rational) {
  const np = Math.max(a.p.length, b.p.length),
    nq = Math.max(a.q.length, b.q.length);
  const offset = TABLE_BASE + TABLES.length * 8;
  for (let m = 0; m < 4; m++) {
    const lane = (i: number, part: "p" | "q", j: number) => ((m >> i) & 1 ? a : b)[part][j] ?? 0;
    for (let j = 0; j < np; j++) TABLES.push(lane(0, "p", j), lane(1, "p", j));
    for (let j = 0; j < nq; j++) TABLES.push(lane(0, "q", j), lane(1, "q", j));
  }
  return { offset, np, nq, entry: (np + nq) * 16 };
}

/** [p(s), q(s)] with each lane's rational from `table`: `a`'s where `mask` is set. */
function rationalByLane(b: Body, s: Code, mask: Code, table: ReturnType<typeof laneTable>): [Code, Code] {
  // entry address = offset + bitmask(mask)·entry (i64x2.bitmask: bit i is lane i's sign bit)
  const at = b.letI32([
    ...mask,
    ...simd(SIMD.i64x2_bitmask),
    ...i32Const(table.entry),
    OP.i32_mul,
    ...i32Const(table.offset),
    OP.i32_add,
  ]);
  const load = (j: number): Code => [...at, ...v128Load(16 * j, 4)];
  const poly = (from: number, n: number): Code => {
    let acc = load(from + n - 1);
    for (let j = n - 2; j >= 0; j--) acc = add(load(from + j), mul(s, acc));
    return acc;
  };
  return [poly(0, table.np), add(b.k(1), mul(s, poly(table.np, table.nq)))];
}

/** erfc's central rationals (|x| < 0.84375 in x², else in |x| − 1) and its tail's (a < 1/0.35, else), by lane. */
const ERFC_CENTRAL = laneTable(ERFC.small, ERFC.nearOne);
const ERFC_TAIL = laneTable(ERFC.tailA, ERFC.tailB);

/**
 * Φ(v) and φ(v) as the GELU entry's loop computes them: e^(−v²/2) with v² split exactly (expNegHalfSquare);
 * for |v/√2| < 1.25 ½·erfc(−v/√2) from erf.ts's two central rationals, else e^(−v²/2)·e^(erfcTailLog(a))·½(1/a).
 * NB: each side runs only for pairs with a lane on it; within a side each lane reads its own rational's
 * coefficients from a table (laneTable), so one evaluation and one division serve both.
 */
function geluFdf(b: Body, v: Code, withDf = true): [Code, Code | null] {
  const z = b.let(mul(neg(v), b.k(Math.SQRT1_2)));
  const a = b.let(abs(z));
  const av = b.let(abs(v));
  const split = b.let(mul(av, b.k(134217729)));
  const h = b.let(sub(split, sub(split, av)));
  const l = b.let(sub(av, h));
  const hi = b.let(mul(av, av));
  const lo = add(add(sub(mul(h, h), hi), mul(mul(b.k(2), h), l)), mul(l, l));
  const g = b.let(andNot(mul(expNeg(b, mul(b.k(-0.5), hi)), sub(b.k(1), mul(b.k(0.5), lo))), gt(av, b.k(40))));
  const central = b.let(lt(a, b.k(1.25)));
  const pCentral = b.when(central, () => {
    const small = b.let(lt(a, b.k(0.84375)));
    const z2 = b.let(mul(z, z));
    const s = b.let(sub(a, b.k(1)));
    const [pc, qc] = rationalByLane(b, b.let(sel(z2, s, small)), small, ERFC_CENTRAL);
    const ratio = b.let(div(pc, qc));
    const y = b.let(mul(z, ratio));
    const eSmall = sel(sub(b.k(1), add(z, y)), sub(b.k(0.5), add(sub(z, b.k(0.5)), y)), lt(z, b.k(0.25)));
    const eNear = sel(sub(b.k(1 - ERFC.erx), ratio), add(b.k(1), add(b.k(ERFC.erx), ratio)), ge(z, b.k(0)));
    return b.let(mul(b.k(0.5), sel(eSmall, eNear, small)));
  });
  const pTail = b.when(b.let(not(central)), () => {
    const ia = b.let(div(b.k(1), a));
    const s = b.let(mul(ia, ia));
    const lowA = b.let(lt(a, b.k(1 / 0.35)));
    const [pt, qt] = rationalByLane(b, s, lowA, ERFC_TAIL);
    const L = add(b.k(-0.5625), div(pt, qt));
    const t = b.let(mul(mul(mul(b.k(0.5), g), expMid(b, L)), ia));
    return b.let(sel(t, sub(b.k(1), t), lt(v, b.k(0))));
  });
  const p = sel(pCentral, pTail, central);
  return withDf ? gated(b, v, p, mul(b.k(INV_SQRT_2PI), g), (q) => mul(v, q)) : [gatedF(b, v, p), null];
}

/**
 * f = x·s and f′ = s + (x·d′) as the loops of SiLU, GELU-tanh and Mish write them, with s = 0 giving −0 and d = 0
 * giving s (where x·s or x·d′ would be NaN at x = ±∞).
 */
function gated(b: Body, x: Code, sArg: Code, dArg: Code, xd: (d: Code) => Code): [Code, Code] {
  const s = b.let(sArg),
    d = b.let(dArg);
  return [sel(b.k(-0), mul(x, s), eq(s, b.k(0))), sel(s, add(s, xd(d)), eq(d, b.k(0)))];
}

/** gated's f alone: the f-only kernels of the gated units, so their f has the fused kernels' bits. */
function gatedF(b: Body, x: Code, sArg: Code): Code {
  const s = b.let(sArg);
  return sel(b.k(-0), mul(x, s), eq(s, b.k(0)));
}

const GELU_K = 0.7978845608028654,
  GELU_A = 0.044715; // √(2/π) and the cubic's coefficient, as gelu.ts

/** w = 2K(x + Ax³), GELU-tanh's argument of σ. */
const geluTanhW = (b: Body, x: Code): Code => b.let(mul(b.k(2 * GELU_K), add(x, mul(mul(mul(b.k(GELU_A), x), x), x))));

/** GELU-tanh as its loop: w = 2K(x + Ax³), f = x·σ(w), f′ = σ(w) + x·2K(1 + 3Ax²)·σ′(w). */
function geluTanhFdf(b: Body, x: Code): [Code, Code] {
  const s = sigmoidParts(b, geluTanhW(b, x));
  const dw = mul(b.k(2 * GELU_K), add(b.k(1), mul(mul(b.k(3 * GELU_A), x), x)));
  return gated(b, x, s.f, mul(s.er, s.r), (d) => mul(mul(x, dw), d));
}

/** Mish as its loop (mishParts): tanh(softplus x) and 1 − tanh² as rational functions of e = e^(−|x|). */
function mishFdf(b: Body, x: Code, withDf = true): [Code, Code | null] {
  const e = expNeg(b, neg(abs(x)));
  const pos = b.let(gt(x, b.k(0)));
  const e1 = b.let(add(b.k(1), e));
  const twoE = b.let(mul(b.k(2), e));
  const num = b.let(sel(add(b.k(1), twoE), mul(e, add(e, b.k(2))), pos));
  const den = b.let(sel(add(num, mul(twoE, e)), add(mul(e1, e1), b.k(1)), pos));
  const t = b.let(div(num, den));
  if (!withDf) return [gatedF(b, x, t), null];
  const q = b.let(div(sel(mul(twoE, e1), mul(b.k(2), e1), pos), den));
  const r = b.let(div(b.k(1), e1));
  return gated(b, x, t, mul(mul(q, q), sel(r, mul(e, r), pos)), (g) => mul(x, g));
}

// NB: each *_f kernel is its *_fdf kernel without f′'s statements, so f-only and fused f have the same bits
// (model.predict and model.trace agree exactly).
const KERNELS = {
  tanh_f: kernel((b, v) => tanhFdf(b, v, false)),
  tanh_fdf: kernel((b, v) => tanhFdf(b, v)),
  sigmoid_f: kernel((b, v) => [sigmoidParts(b, v).f, null]),
  sigmoid_fdf: kernel((b, v) => {
    const s = sigmoidParts(b, v);
    return [s.f, mul(s.er, s.r)];
  }),
  softplus_f: kernel((b, v) => [softplusF(b, v, sigmoidParts(b, v)), null]),
  softplus_fdf: kernel((b, v) => {
    const s = sigmoidParts(b, v);
    return [softplusF(b, v, s), s.f];
  }),
  gelu_f: kernel((b, v) => geluFdf(b, v, false)),
  gelu_fdf: kernel((b, v) => geluFdf(b, v)),
  relu_f: kernel((b, v) => [andNot(v, le(v, b.k(0))), null]),
  relu_fdf: kernel((b, v) => {
    // NB: as the loop: v where v > 0 or NaN, +0 where v ≤ 0 (−0 included); f′ 1, +0, or the NaN itself
    const off = b.let(le(v, b.k(0)));
    return [andNot(v, off), andNot(sel(b.k(1), v, gt(v, b.k(0))), off)];
  }),
  gelu_tanh_f: kernel((b, x) => [gatedF(b, x, sigmoidParts(b, geluTanhW(b, x)).f), null]),
  gelu_tanh_fdf: kernel(geluTanhFdf),
  silu_f: kernel((b, x) => [gatedF(b, x, sigmoidParts(b, x).f), null]),
  silu_fdf: kernel((b, x) => {
    const s = sigmoidParts(b, x);
    return gated(b, x, s.f, mul(s.er, s.r), (d) => mul(x, d));
  }),
  mish_f: kernel((b, x) => mishFdf(b, x, false)),
  mish_fdf: kernel((b, x) => mishFdf(b, x)),
};

/** The kernels this module exports. */
export type WasmKernelName = keyof typeof KERNELS;

type Kernel = (x: number, out: number, d: number, bytes: number) => void;

/** Below this many elements the JS loop is as fast (the copies and the call cost about as much as they save). */
const MIN_LENGTH = 16;

let state: { kernels: Record<WasmKernelName, Kernel>; mem: Float64Array } | null | undefined;
let enabled = true;

function instance(): typeof state {
  if (state !== undefined) return state;
  try {
    const { exports, memory } = instantiate(
      moduleBytes(4, KERNELS),
      Math.ceil((TABLE_BASE + TABLES.length * 8) / 65536),
    );
    new Float64Array(memory.buffer, TABLE_BASE, TABLES.length).set(TABLES);
    state = { kernels: exports as Record<WasmKernelName, Kernel>, mem: new Float64Array(memory.buffer) };
  } catch {
    state = null;
  }
  return state;
}

/** Whether this engine runs the WebAssembly SIMD activation kernels. */
export function hasWasmKernels(): boolean {
  return instance() !== null;
}

/** Turns the wasm activation kernels on ("auto", the default) or off ("js"); returns the previous choice. */
export function setKernelBackend(choice: "auto" | "js"): "auto" | "js" {
  if (choice !== "auto" && choice !== "js")
    throw new Error(`unknown kernel backend "${String(choice)}"; valid: auto, js`);
  const prev = enabled ? "auto" : "js";
  enabled = choice === "auto";
  return prev;
}

/**
 * Runs kernel `name` over x into out (and dOut) when it can: Float64Arrays of at least MIN_LENGTH elements on an
 * engine with wasm SIMD. Returns false when the caller's JS loop must do it instead.
 */
export function runWasmKernel(
  name: WasmKernelName,
  x: ArrayLike<number>,
  out: ArrayLike<number>,
  dOut: ArrayLike<number> | null,
): boolean {
  const n = x.length;
  if (
    !enabled ||
    n < MIN_LENGTH ||
    !(x instanceof Float64Array) ||
    !(out instanceof Float64Array) ||
    (dOut !== null && !(dOut instanceof Float64Array))
  )
    return false;
  const s = instance();
  if (!s) return false;
  const run = s.kernels[name],
    mem = s.mem;
  for (let start = 0; start < n; start += CHUNK) {
    const len = Math.min(CHUNK, n - start);
    mem.set(len === n ? x : x.subarray(start, start + len), 0);
    const padded = Math.ceil(len / GROUP) * GROUP;
    if (padded > len) mem.fill(0, len, padded);
    run(0, STRIDE * 8, 2 * STRIDE * 8, padded * 8);
    out.set(mem.subarray(STRIDE, STRIDE + len), start);
    if (dOut) dOut.set(mem.subarray(2 * STRIDE, 2 * STRIDE + len), start);
  }
  return true;
}
