// The byte-level WebAssembly encoding shared by the hand-assembled kernels (gemm-wasm.ts, activation-wasm.ts):
// no toolchain and no binary file, just the few parts of the format those modules use.

/** Instruction or section bytes. */
export type Code = number[];

/** Local types. */
export const I32 = 0x7f,
  V128 = 0x7b;

/** The opcodes the kernels use, named as in the WebAssembly spec (`local.get` → local_get). */
export const OP = {
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br_if: 0x0d,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  f64_load: 0x2b,
  i32_const: 0x41,
  i32_lt_u: 0x49,
  i32_add: 0x6a,
  i32_mul: 0x6c,
  /** The block type of a `loop` or `if` that leaves nothing on the stack. */
  void: 0x40,
} as const;

/** The SIMD opcodes the kernels use (each after the 0xfd prefix: see `simd`), named as in the spec. */
export const SIMD = {
  v128_load: 0x00,
  v128_store: 0x0b,
  v128_const: 0x0c,
  f64x2_splat: 0x14,
  f64x2_eq: 0x47,
  f64x2_lt: 0x49,
  f64x2_gt: 0x4a,
  f64x2_le: 0x4b,
  f64x2_ge: 0x4c,
  v128_not: 0x4d,
  v128_and: 0x4e,
  v128_andnot: 0x4f,
  v128_or: 0x50,
  v128_bitselect: 0x52,
  v128_any_true: 0x53,
  f64x2_trunc: 0x7a,
  i64x2_bitmask: 0xc4,
  i64x2_shl: 0xcb,
  f64x2_abs: 0xec,
  f64x2_neg: 0xed,
  f64x2_add: 0xf0,
  f64x2_sub: 0xf1,
  f64x2_mul: 0xf2,
  f64x2_div: 0xf3,
  f64x2_pmax: 0xf7,
} as const;

/** Unsigned LEB128. */
export const uleb = (n: number): Code => {
  const out: Code = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

/** Signed LEB128 (i32.const immediates). */
export const sleb = (n: number): Code => {
  const out: Code = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};

/** A SIMD instruction (prefix 0xfd). */
export const simd = (op: number): Code => [0xfd, ...uleb(op)];

/** local.get, local.set, local.tee of local `i`; i32.const `v`. */
export const localGet = (i: number): Code => [OP.local_get, ...uleb(i)];
export const localSet = (i: number): Code => [OP.local_set, ...uleb(i)];
export const localTee = (i: number): Code => [OP.local_tee, ...uleb(i)];
export const i32Const = (v: number): Code => [OP.i32_const, ...sleb(v)];

/** v128.load / v128.store at the address on the stack plus `offset`, aligned to 2^align bytes. */
export const v128Load = (offset: number, align = 3): Code => [...simd(SIMD.v128_load), align, ...uleb(offset)];
export const v128Store = (offset: number, align = 3): Code => [...simd(SIMD.v128_store), align, ...uleb(offset)];

const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, bytes: Code) => [id, ...uleb(bytes.length), ...bytes];
const vec = (items: Code[]) => [...uleb(items.length), ...items.flat()];

/** A function's entry in the code section: its locals as (count, type) runs, then `code` (which ends with `end`). */
export function functionBody(locals: readonly (readonly [number, number])[], code: Code): Code {
  const body = [...vec(locals.map(([n, type]) => [...uleb(n), type])), ...code];
  return [...uleb(body.length), ...body];
}

/**
 * A module whose functions all take `params` i32 arguments and return nothing, exported under their keys,
 * working on one memory imported as env.mem.
 */
export function moduleBytes(params: number, functions: Readonly<Record<string, Code>>): Uint8Array {
  const names = Object.keys(functions);
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([[0x60, ...vec(Array.from({ length: params }, () => [I32])), 0x00]])),
    ...section(2, vec([[...name("env"), ...name("mem"), 0x02, 0x00, 0x01]])),
    ...section(3, vec(names.map(() => [0x00]))),
    ...section(7, vec(names.map((n, i) => [...name(n), 0x00, ...uleb(i)]))),
    ...section(10, vec(names.map((n) => functions[n]))),
  ]);
}

/** A WebAssembly memory, as much of it as the kernels use. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

// NB: lib compiles without DOM or Node typings; these are the few WebAssembly declarations used here.
declare const WebAssembly: {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (b: Uint8Array) => unknown;
  Instance: new (m: unknown, imports: object) => { exports: Record<string, unknown> };
};

/** Compiles `bytes` against a new memory of `pages` 64 KiB pages. Throws where the engine lacks WebAssembly (SIMD). */
export function instantiate(
  bytes: Uint8Array,
  pages: number,
): { exports: Record<string, unknown>; memory: WasmMemory } {
  const memory = new WebAssembly.Memory({ initial: pages });
  return { exports: new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: memory } }).exports, memory };
}
