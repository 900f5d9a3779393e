// The byte-level WebAssembly encoding shared by the hand-assembled kernels (nn/gemm-wasm.ts, vectorized-wasm.ts):
// no toolchain and no binary file, just the few parts of the format those modules use.

/** Instruction or section bytes. */
export type Code = number[];

/** Local types. */
export const I32 = 0x7f, V128 = 0x7b;

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
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
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
export function instantiate(bytes: Uint8Array, pages: number): { exports: Record<string, unknown>; memory: WasmMemory } {
  const memory = new WebAssembly.Memory({ initial: pages });
  return { exports: new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem: memory } }).exports, memory };
}
