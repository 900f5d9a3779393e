import { wasmGemm, wasmScratch } from "./gemm-wasm";

// Dense matrix products over row-major Float64Arrays. Large products run their 4×4 tiles in a WebAssembly
// SIMD kernel (gemm-wasm.ts, ~7 GFMA/s); the JS loops, register-tiled 4×4 (each step loads 8 numbers for
// 16 multiply-adds: ~3 GFMA/s, plain i-k-j ~0.9), do small products, the edges, and everything where wasm
// SIMD is missing. NB: both paths compute each entry in the same order, so they agree bit for bit.

/** Which kernels run: "auto" (wasm for large products when available), "js", or "wasm" (always, if available). */
export type GemmBackend = "auto" | "js" | "wasm";
let backend: GemmBackend = "auto";
/** Below this many multiply-adds in the tiles, copying into wasm memory costs more than it saves. */
const WASM_MIN_WORK = 1 << 15;

/** Sets the kernels (see GemmBackend) and returns the previous choice. */
export function setGemmBackend(choice: GemmBackend): GemmBackend {
  if (choice !== "auto" && choice !== "js" && choice !== "wasm")
    throw new Error(`unknown gemm backend "${String(choice)}"; valid: auto, js, wasm`);
  const prev = backend;
  backend = choice;
  return prev;
}

/** Whether this engine runs the WebAssembly SIMD kernel. */
export function hasWasmGemm(): boolean {
  return wasmGemm() !== null;
}

function useWasm(work: number): boolean {
  if (backend === "js" || work === 0) return false;
  return (backend === "wasm" || work >= WASM_MIN_WORK) && wasmGemm() !== null;
}

/** C (n×m) = A (n×k) · B (k×m) [+ bias broadcast over rows]. */
export function gemmNN(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  n: number,
  k: number,
  m: number,
  bias: Float64Array | null = null,
): void {
  const n4 = n - (n % 4);
  const m4 = m - (m % 4);
  let w = useWasm(n4 * m4 * k) ? wasmGemm() : null;
  if (w) {
    // scratch: A (n4×k) | B (k×m) | bias (m) | C (n4×m)
    const bo = n4 * k,
      zo = bo + k * m,
      co = zo + m;
    const f = wasmScratch(w, co + n4 * m);
    if (!f) w = null;
    else {
      f.set(a.subarray(0, n4 * k), 0);
      f.set(b.subarray(0, k * m), bo);
      if (bias) f.set(bias.subarray(0, m), zo);
      else f.fill(0, zo, zo + m);
      w.kernel(0, bo * 8, co * 8, zo * 8, n4 / 4, m4 / 4, k, k * 8, 8, m * 8, m * 8);
      c.set(f.subarray(co, co + n4 * m), 0);
    }
  }
  for (let i = 0; i < n4; i += 4) {
    const a0 = i * k,
      a1 = a0 + k,
      a2 = a1 + k,
      a3 = a2 + k;
    for (let j = 0; j < (w ? 0 : m4); j += 4) {
      const z0 = bias ? bias[j] : 0,
        z1 = bias ? bias[j + 1] : 0,
        z2 = bias ? bias[j + 2] : 0,
        z3 = bias ? bias[j + 3] : 0;
      let c00 = z0,
        c01 = z1,
        c02 = z2,
        c03 = z3,
        c10 = z0,
        c11 = z1,
        c12 = z2,
        c13 = z3;
      let c20 = z0,
        c21 = z1,
        c22 = z2,
        c23 = z3,
        c30 = z0,
        c31 = z1,
        c32 = z2,
        c33 = z3;
      for (let p = 0, q = j; p < k; p++, q += m) {
        const y0 = b[q],
          y1 = b[q + 1],
          y2 = b[q + 2],
          y3 = b[q + 3];
        let x = a[a0 + p];
        c00 += x * y0;
        c01 += x * y1;
        c02 += x * y2;
        c03 += x * y3;
        x = a[a1 + p];
        c10 += x * y0;
        c11 += x * y1;
        c12 += x * y2;
        c13 += x * y3;
        x = a[a2 + p];
        c20 += x * y0;
        c21 += x * y1;
        c22 += x * y2;
        c23 += x * y3;
        x = a[a3 + p];
        c30 += x * y0;
        c31 += x * y1;
        c32 += x * y2;
        c33 += x * y3;
      }
      let o = i * m + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += m;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += m;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += m;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    for (let j = m4; j < m; j++) {
      const z = bias ? bias[j] : 0;
      let c0 = z,
        c1 = z,
        c2 = z,
        c3 = z;
      for (let p = 0, q = j; p < k; p++, q += m) {
        const y = b[q];
        c0 += a[a0 + p] * y;
        c1 += a[a1 + p] * y;
        c2 += a[a2 + p] * y;
        c3 += a[a3 + p] * y;
      }
      c[i * m + j] = c0;
      c[(i + 1) * m + j] = c1;
      c[(i + 2) * m + j] = c2;
      c[(i + 3) * m + j] = c3;
    }
  }
  for (let i = n4; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = bias ? bias[j] : 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j];
      c[i * m + j] = s;
    }
  }
}

/** C (k×m) = Aᵀ · B with A (n×k), B (n×m): the weight gradient Xᵀ·δ, summed over the batch. */
export function gemmTN(a: Float64Array, b: Float64Array, c: Float64Array, n: number, k: number, m: number): void {
  const k4 = k - (k % 4);
  const m4 = m - (m % 4);
  let w = useWasm(k4 * m4 * n) ? wasmGemm() : null;
  if (w) {
    // scratch: A (n×k) | B (n×m) | zeros (m) | C (k4×m); A's columns are the tile rows
    const bo = n * k,
      zo = bo + n * m,
      co = zo + m;
    const f = wasmScratch(w, co + k4 * m);
    if (!f) w = null;
    else {
      f.set(a.subarray(0, n * k), 0);
      f.set(b.subarray(0, n * m), bo);
      f.fill(0, zo, zo + m);
      w.kernel(0, bo * 8, co * 8, zo * 8, k4 / 4, m4 / 4, n, 8, k * 8, m * 8, m * 8);
      c.set(f.subarray(co, co + k4 * m), 0);
    }
  }
  for (let r = 0; r < k4; r += 4) {
    for (let s = 0; s < (w ? 0 : m4); s += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let i = 0, p = r, q = s; i < n; i++, p += k, q += m) {
        const y0 = b[q],
          y1 = b[q + 1],
          y2 = b[q + 2],
          y3 = b[q + 3];
        let x = a[p];
        c00 += x * y0;
        c01 += x * y1;
        c02 += x * y2;
        c03 += x * y3;
        x = a[p + 1];
        c10 += x * y0;
        c11 += x * y1;
        c12 += x * y2;
        c13 += x * y3;
        x = a[p + 2];
        c20 += x * y0;
        c21 += x * y1;
        c22 += x * y2;
        c23 += x * y3;
        x = a[p + 3];
        c30 += x * y0;
        c31 += x * y1;
        c32 += x * y2;
        c33 += x * y3;
      }
      let o = r * m + s;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += m;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += m;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += m;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    for (let s = m4; s < m; s++) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let i = 0, p = r, q = s; i < n; i++, p += k, q += m) {
        const y = b[q];
        c0 += a[p] * y;
        c1 += a[p + 1] * y;
        c2 += a[p + 2] * y;
        c3 += a[p + 3] * y;
      }
      c[r * m + s] = c0;
      c[(r + 1) * m + s] = c1;
      c[(r + 2) * m + s] = c2;
      c[(r + 3) * m + s] = c3;
    }
  }
  for (let r = k4; r < k; r++) {
    for (let s = 0; s < m4; s += 4) {
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let i = 0, p = r, q = s; i < n; i++, p += k, q += m) {
        const x = a[p];
        c0 += x * b[q];
        c1 += x * b[q + 1];
        c2 += x * b[q + 2];
        c3 += x * b[q + 3];
      }
      const o = r * m + s;
      c[o] = c0;
      c[o + 1] = c1;
      c[o + 2] = c2;
      c[o + 3] = c3;
    }
    for (let s = m4; s < m; s++) {
      let c0 = 0;
      for (let i = 0, p = r, q = s; i < n; i++, p += k, q += m) c0 += a[p] * b[q];
      c[r * m + s] = c0;
    }
  }
}

/** C (n×k) = A (n×m) · Bᵀ with B (k×m): the input gradient δ·Wᵀ. */
export function gemmNT(a: Float64Array, b: Float64Array, c: Float64Array, n: number, m: number, k: number): void {
  const n4 = n - (n % 4);
  const k4 = k - (k % 4);
  let w = useWasm(n4 * k4 * m) ? wasmGemm() : null;
  if (w) {
    // scratch: A (n4×m) | Bᵀ (m×k, transposed here: B is small, a layer's weights) | zeros (k) | C (n4×k)
    const bo = n4 * m,
      zo = bo + m * k,
      co = zo + k;
    const f = wasmScratch(w, co + n4 * k);
    if (!f) w = null;
    else {
      f.set(a.subarray(0, n4 * m), 0);
      for (let r = 0; r < k; r++) for (let p = 0; p < m; p++) f[bo + p * k + r] = b[r * m + p];
      f.fill(0, zo, zo + k);
      w.kernel(0, bo * 8, co * 8, zo * 8, n4 / 4, k4 / 4, m, m * 8, 8, k * 8, k * 8);
      c.set(f.subarray(co, co + n4 * k), 0);
    }
  }
  for (let i = 0; i < n4; i += 4) {
    const a0 = i * m,
      a1 = a0 + m,
      a2 = a1 + m,
      a3 = a2 + m;
    for (let r = 0; r < (w ? 0 : k4); r += 4) {
      const b0 = r * m,
        b1 = b0 + m,
        b2 = b1 + m,
        b3 = b2 + m;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < m; p++) {
        const y0 = b[b0 + p],
          y1 = b[b1 + p],
          y2 = b[b2 + p],
          y3 = b[b3 + p];
        let x = a[a0 + p];
        c00 += x * y0;
        c01 += x * y1;
        c02 += x * y2;
        c03 += x * y3;
        x = a[a1 + p];
        c10 += x * y0;
        c11 += x * y1;
        c12 += x * y2;
        c13 += x * y3;
        x = a[a2 + p];
        c20 += x * y0;
        c21 += x * y1;
        c22 += x * y2;
        c23 += x * y3;
        x = a[a3 + p];
        c30 += x * y0;
        c31 += x * y1;
        c32 += x * y2;
        c33 += x * y3;
      }
      let o = i * k + r;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += k;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += k;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += k;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
    for (let r = k4; r < k; r++) {
      const b0 = r * m;
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let p = 0; p < m; p++) {
        const y = b[b0 + p];
        c0 += a[a0 + p] * y;
        c1 += a[a1 + p] * y;
        c2 += a[a2 + p] * y;
        c3 += a[a3 + p] * y;
      }
      c[i * k + r] = c0;
      c[(i + 1) * k + r] = c1;
      c[(i + 2) * k + r] = c2;
      c[(i + 3) * k + r] = c3;
    }
  }
  for (let i = n4; i < n; i++) {
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += a[i * m + p] * b[r * m + p];
      c[i * k + r] = s;
    }
  }
}
