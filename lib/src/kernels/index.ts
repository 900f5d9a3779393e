// `actigrad/kernels`: the speed side of the library: array loops and WebAssembly SIMD kernels of the activations
// (bound to catalog rows by id) and the matrix products of the dense layers. The catalog holds only math.
import type { ActivationEntry, Params } from "../activation";
import { ACTIVATION_LOOPS } from "./activation-loops";
import { bindKernels, genericKernels, type ArrayKernels } from "./array-kernels";

/**
 * The array forms of a row with its parameters bound: its hand-written loops where they exist (a catalog row
 * only), a loop over its scalar f and f′ for the rest, each wrapped with argument checks.
 */
export function arrayKernels(entry: ActivationEntry, params: Params): ArrayKernels {
  const loops =
    !entry.userDefined && Object.hasOwn(ACTIVATION_LOOPS, entry.id) ? ACTIVATION_LOOPS[entry.id](params) : {};
  return bindKernels(entry.id, { ...genericKernels(entry.f, entry.df, params), ...loops });
}

export { ACTIVATION_LOOPS } from "./activation-loops";
export { hasWasmKernels, setKernelBackend, runWasmKernel, type WasmKernelName } from "./activation-wasm";
export { bindKernels, genericKernels, type ArrayKernels, type FloatArray } from "./array-kernels";
export { gemmNN, gemmNT, gemmTN, hasWasmGemm, setGemmBackend, type GemmBackend } from "./gemm";
