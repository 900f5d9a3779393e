// A WebAssembly SIMD (f64x2) matrix-product kernel, assembled here byte by byte (no toolchain, no binary file).
// NB: V8 runs it at ~7 GFMA/s against ~3 for the best JS loop (gemm.ts), because each 4×4 tile step is
// 8 vector multiply-adds instead of 16 scalar ones and wasm memory has no per-access bounds checks.
//
// The kernel computes 4×4 tiles of C = op(A)·B (+ bias) for any strides, which covers both products a dense
// layer needs: A·B (forward, and δ·Wᵀ with W transposed first) and Aᵀ·B (the weight gradient). Operands are
// copied into the module's memory and the tiles copied back; gemm.ts does the edges in JS.

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
  type WasmMemory,
} from "./wasm-encoding";

// Parameters: byte offsets into memory and counts.
const A = 0,
  B = 1,
  C = 2,
  BIAS = 3,
  TILES_I = 4,
  TILES_J = 5,
  DEPTH = 6,
  A_ROW = 7,
  A_STEP = 8,
  B_STRIDE = 9,
  C_STRIDE = 10;
// i32 locals.
const I = 11,
  J = 12,
  P = 13,
  R0 = 14,
  AP = 15,
  BP = 16,
  CP = 17,
  BJ = 18;
// v128 locals: eight accumulators (a 4×4 tile as 4 rows × 2 lanes × 2), the two B halves, the splatted A element.
const ACC = 19,
  B0 = 27,
  B1 = 28,
  X = 29;

const get = localGet,
  set = localSet,
  tee = localTee,
  i32 = i32Const,
  vload = v128Load,
  vstore = v128Store;
const ADD = [OP.i32_add],
  MUL = [OP.i32_mul],
  LT_U = [OP.i32_lt_u];
const LOOP = [OP.loop, OP.void],
  END = [OP.end],
  BR_IF0 = [OP.br_if, 0];
const fload = [OP.f64_load, 3, 0];
const SPLAT = simd(SIMD.f64x2_splat),
  FADD = simd(SIMD.f64x2_add),
  FMUL = simd(SIMD.f64x2_mul);

/**
 * for i < TILES_I, j < TILES_J: C[4i.., 4j..] = bias[4j..] + Σ_p A(4i+q, p)·B(p, 4j..4j+3), where
 * A(q, p) is at A + q·A_ROW + p·A_STEP, B(p, ·) at B + p·B_STRIDE, C rows C_STRIDE apart.
 */
function kernelBody(): number[] {
  const b: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((x) => b.push(...x));
  emit(i32(0), set(I));
  emit(LOOP); // over tile rows
  emit(get(A), get(I), get(A_ROW), MUL, i32(4), MUL, ADD, set(R0));
  emit(i32(0), set(J));
  emit(LOOP); // over tile columns
  emit(get(J), i32(32), MUL, set(BJ));
  for (let r = 0; r < 4; r++) {
    emit(get(BIAS), get(BJ), ADD, vload(0), set(ACC + 2 * r));
    emit(get(BIAS), get(BJ), ADD, vload(16), set(ACC + 2 * r + 1));
  }
  emit(get(B), get(BJ), ADD, set(BP), get(R0), set(AP), i32(0), set(P));
  emit(LOOP); // over the shared dimension
  emit(get(BP), vload(0), set(B0), get(BP), vload(16), set(B1));
  for (let r = 0; r < 4; r++) {
    emit(get(AP), ...(r ? [get(A_ROW), i32(r), MUL, ADD] : []), fload, SPLAT, set(X));
    emit(get(ACC + 2 * r), get(X), get(B0), FMUL, FADD, set(ACC + 2 * r));
    emit(get(ACC + 2 * r + 1), get(X), get(B1), FMUL, FADD, set(ACC + 2 * r + 1));
  }
  emit(get(BP), get(B_STRIDE), ADD, set(BP), get(AP), get(A_STEP), ADD, set(AP));
  emit(get(P), i32(1), ADD, tee(P), get(DEPTH), LT_U, BR_IF0);
  emit(END);
  emit(get(C), get(I), i32(4), MUL, get(C_STRIDE), MUL, ADD, get(BJ), ADD, set(CP));
  for (let r = 0; r < 4; r++) {
    emit(get(CP), get(ACC + 2 * r), vstore(0), get(CP), get(ACC + 2 * r + 1), vstore(16));
    emit(get(CP), get(C_STRIDE), ADD, set(CP));
  }
  emit(get(J), i32(1), ADD, tee(J), get(TILES_J), LT_U, BR_IF0);
  emit(END);
  emit(get(I), i32(1), ADD, tee(I), get(TILES_I), LT_U, BR_IF0);
  emit(END);
  emit(END);
  return b;
}

export type Kernel = (
  a: number,
  b: number,
  c: number,
  bias: number,
  ti: number,
  tj: number,
  depth: number,
  aRow: number,
  aStep: number,
  bStride: number,
  cStride: number,
) => void;

/** The compiled kernel and its memory. */
export interface WasmGemm {
  kernel: Kernel;
  memory: WasmMemory;
  f64: Float64Array;
}

let state: WasmGemm | null | undefined;

/** Compiles the kernel once; null (and the JS loops everywhere) if this engine lacks WebAssembly SIMD. */
export function wasmGemm(): WasmGemm | null {
  if (state !== undefined) return state;
  try {
    const tiles = functionBody(
      [
        [8, I32],
        [11, V128],
      ],
      kernelBody(),
    );
    const { exports, memory } = instantiate(moduleBytes(11, { tiles }), 16);
    state = { kernel: exports.tiles as Kernel, memory, f64: new Float64Array(memory.buffer) };
  } catch {
    state = null;
  }
  return state;
}

/**
 * Makes the kernel's memory hold `doubles` numbers and returns the current view; null if it cannot grow that far
 * (wasm32 stops at 4 GiB), and the caller falls back to JS. NB: the memory never shrinks: it stays as large as the
 * largest product so far (three 4096×64 operands: 6 MB).
 */
export function wasmScratch(w: WasmGemm, doubles: number): Float64Array | null {
  const bytes = doubles * 8 + 64;
  if (w.memory.buffer.byteLength < bytes) {
    try {
      w.memory.grow(Math.ceil((bytes - w.memory.buffer.byteLength) / 65536));
    } catch {
      return null;
    }
    w.f64 = new Float64Array(w.memory.buffer);
  }
  return w.f64;
}
