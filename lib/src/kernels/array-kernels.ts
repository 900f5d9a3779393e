// Array forms of an activation: loops that write into caller-provided typed arrays and allocate nothing.
// activation-loops.ts hand-writes the loops that matter, by id; the rest come from `genericKernels`.
import type { Params } from "../activation";

/** A float array an activation can read from and write into. */
export type FloatArray = Float64Array | Float32Array;

/**
 * The array forms every Activation has. Each writes element i from x[i] only, so an output may be the
 * input itself (in place); lengths must match.
 */
export interface ArrayKernels {
  /** out[i] = f(x[i]); returns out. */
  fArray(x: FloatArray, out: FloatArray): FloatArray;
  /** out[i] = f′(x[i]); returns out. */
  dfArray(x: FloatArray, out: FloatArray): FloatArray;
  /** out[i] = f(x[i]) and dOut[i] = f′(x[i]) in one pass, sharing the work (one exp for sigmoid); returns out. */
  fdfArray(x: FloatArray, out: FloatArray, dOut: FloatArray): FloatArray;
  /** The backward step of y = f(x): gradIn[i] = gradOut[i]·f′(x[i]); returns gradIn. */
  backwardArray(x: FloatArray, gradOut: FloatArray, gradIn: FloatArray): FloatArray;
}

type EntryFn = (x: number, p: Params) => number;

/**
 * Loops over an entry's scalar f(x, p) and f′(x, p): the fallback for entries without hand-written loops.
 * NB: measured (bench/README.md): the call per element costs little next to an exp; what hand-written
 * loops buy is fusion (one exp for f and f′ of sigmoid, tanh, softplus, GELU) and, for piecewise-linear
 * activations, no call at all — 2–3× at N = 1e6. Giving each activation its own copy of this loop through
 * `new Function`, to keep V8's call sites monomorphic, measured no faster, so it is not done.
 */
export function genericKernels(f: EntryFn, df: EntryFn, p: Params): ArrayKernels {
  return {
    fArray(x, out) {
      for (let i = 0, n = x.length; i < n; i++) out[i] = f(x[i], p);
      return out;
    },
    dfArray(x, out) {
      for (let i = 0, n = x.length; i < n; i++) out[i] = df(x[i], p);
      return out;
    },
    fdfArray(x, out, dOut) {
      for (let i = 0, n = x.length; i < n; i++) {
        const v = x[i];
        out[i] = f(v, p);
        dOut[i] = df(v, p);
      }
      return out;
    },
    backwardArray(x, gradOut, gradIn) {
      for (let i = 0, n = x.length; i < n; i++) gradIn[i] = gradOut[i] * df(x[i], p);
      return gradIn;
    },
  };
}

function isFloatArray(a: unknown): a is FloatArray {
  return a instanceof Float64Array || a instanceof Float32Array;
}

function check(id: string, method: string, names: readonly string[], arrays: readonly unknown[]): void {
  for (let k = 0; k < arrays.length; k++) {
    if (!isFloatArray(arrays[k])) {
      const got =
        arrays[k] === null
          ? "null"
          : typeof arrays[k] === "object"
            ? (arrays[k] as object).constructor?.name
            : typeof arrays[k];
      throw new Error(`${id}.${method}: ${names[k]} must be a Float64Array or Float32Array, got ${got}`);
    }
  }
  const n = (arrays[0] as FloatArray).length;
  for (let k = 1; k < arrays.length; k++) {
    const m = (arrays[k] as FloatArray).length;
    if (m !== n)
      throw new Error(`${id}.${method}: ${names[k]} has length ${m} but ${names[0]} has length ${n}; they must match`);
  }
}

/** Wraps kernels with argument checks that name the activation, the method and the offending array. */
export function bindKernels(id: string, k: ArrayKernels): ArrayKernels {
  return {
    fArray(x, out) {
      check(id, "fArray", ["x", "out"], [x, out]);
      return k.fArray(x, out);
    },
    dfArray(x, out) {
      check(id, "dfArray", ["x", "out"], [x, out]);
      return k.dfArray(x, out);
    },
    fdfArray(x, out, dOut) {
      check(id, "fdfArray", ["x", "out", "dOut"], [x, out, dOut]);
      if (out === dOut) throw new Error(`${id}.fdfArray: out and dOut must be different arrays`);
      return k.fdfArray(x, out, dOut);
    },
    backwardArray(x, gradOut, gradIn) {
      check(id, "backwardArray", ["x", "gradOut", "gradIn"], [x, gradOut, gradIn]);
      return k.backwardArray(x, gradOut, gradIn);
    },
  };
}
